"""The eight steps of the assessment (vurdering i forkant) and the fields each one asks."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Steg:
    nummer: int
    slug: str
    tittel: str
    felter: tuple[str, ...]
    veiledning: str


STEG = (
    Steg(
        1,
        "kanal",
        _("Kanal og virksomhet"),
        ("virksomhet", "plattform", "foreslatt_navn", "eksisterende_url"),
        _(
            "Opprettelse av en side eller felleskonto skal avklares og opprettes i samarbeid med "
            "kommunikasjonsrådgiver."
        ),
    ),
    Steg(
        2,
        "formal",
        _("Formål"),
        ("hvorfor", "mal", "hvorfor_ikke_nettsider", "deling_hovedprofil"),
        _(
            "Hvorfor skal dere delta der og hva er deres mål og hensikt? Sosiale medier skal ikke "
            "erstatte kommunens nettsider som hovedkanal for informasjon om tjenester. Husk å dele "
            "relevante saker på kommunens overordnede/helhetlige profil!"
        ),
    ),
    Steg(
        3,
        "malgruppe",
        _("Målgruppe"),
        ("malgruppe", "hvor_nas", "barn_eller_sarbare"),
        _("Hvem er målgruppen og hvor når dere dem?"),
    ),
    Steg(
        4,
        "dialog",
        _("Dialog"),
        (
            "dialog",
            "kommentarer_pa",
            "private_meldinger_pa",
            "svartid",
            "moderering",
            "henvisning_sikre_kanaler",
        ),
        _(
            "Hvordan skal dialogen foregå? Sosiale medier kan være et verktøy for dialog og "
            "informasjonsdeling, og dere må ha tid til å svare opp."
        ),
    ),
    Steg(
        5,
        "personvern",
        _("Personvern og taushetsplikt"),
        (
            "personopplysninger",
            "felles_behandlingsansvar",
            "risikovurdering",
            "saerlige_kategorier",
            "personvernombud_radfort",
            "taushetsplikt_rutine",
            "arkivering",
            "personvern_ivaretatt",
        ),
        _("Ivaretas personvern og taushetsplikten?"),
    ),
    Steg(
        6,
        "ressurser",
        _("Ressurser"),
        ("ansvarlig", "stedfortreder", "timer_per_uke", "innholdsplan", "universell_utforming"),
        _(
            "Fordel ansvar: Det skal alltid være en person som har ansvaret for å overvåke aktiviteten "
            "på siden/profilen. Sørg for at dere har ressurser til å holde den oppdatert, levende og har "
            "tid til å svare opp. Har dere satt av nok ressurser og tid til å følge opp?"
        ),
    ),
    Steg(
        7,
        "retningslinjer",
        _("Retningslinjer"),
        ("bekreftede_retningslinjer",),
        _("Bekreft hver av kommunens retningslinjer for kanaler i sosiale medier."),
    ),
    Steg(
        8,
        "oppsummering",
        _("Oppsummering"),
        (),
        _("Se over svarene, endre det som trengs, og send søknaden til kommunikasjonsrådgiver."),
    ),
)
STEG_ETTER_SLUG = {steg.slug: steg for steg in STEG}
