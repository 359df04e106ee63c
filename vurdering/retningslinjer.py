"""The municipality's guidelines for unit channels, each confirmed one by one (step 7).

The texts are the guideline document's own words; when the document changes, change
them here. What an applicant confirmed is stored with the application, and a stored text
counts only while it is the current one, so Porsgrunn's texts must stay word for word.
"""

from django.conf import settings
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _


def _fylt_inn(tekst) -> str:
    """The text with %(kommune)s replaced by the configured municipality's name at the time of use."""
    return tekst % {"kommune": settings.KOMMUNE_NAVN}


med_kommunenavn = lazy(_fylt_inn, str)

RETNINGSLINJER = [
    (
        "nettsider_hovedkanal",
        _(
            "Sosiale medier skal ikke erstatte kommunens nettsider som hovedkanal for "
            "informasjon om tjenester, men kan være et verktøy for dialog og informasjonsdeling."
        ),
    ),
    (
        "samarbeid_radgiver",
        _(
            "Opprettelse av en side eller felleskonto skal avklares og opprettes i samarbeid "
            "med kommunikasjonsrådgiver."
        ),
    ),
    (
        "radgiver_admin",
        _(
            "Kommunikasjonsrådgiver skal ha administratorrettigheter til siden, og kan legge "
            "den ned om den ikke blir benyttet."
        ),
    ),
    (
        "fordel_ansvar",
        _(
            "Fordel ansvar: Det skal alltid være en person som har ansvaret for å overvåke "
            "aktiviteten på siden/profilen. Sørg for at dere har ressurser til å holde den "
            "oppdatert, levende og har tid til å svare opp."
        ),
    ),
    (
        "kommunen_star_bak",
        med_kommunenavn(_("Informasjonsteksten skal tydelig vise at %(kommune)s står bak.")),
    ),
    (
        "egen_profil",
        _(
            "For å kunne bruke for eksempel facebooksider, må brukeren bruke sin egen profil. "
            "Det er ikke lov å opprette falske facebookprofiler og knytte dem opp mot en "
            "offentlig side."
        ),
    ),
    (
        "profilhandbok",
        _("Undersidene skal følge kommunens profilhåndbok og kommunikasjonsstrategi."),
    ),
    (
        "profesjonell",
        _(
            "De må opptre profesjonelt og huske at de i tillegg til å representere "
            "virksomheten også representerer kommunen i sin helhet."
        ),
    ),
    (
        "mediets_egenart",
        _(
            "Gjør dere kjent med mediets egenart; kom raskt til poenget, vær menneskelig og "
            "ekte, bruk godt visuelt innhold."
        ),
    ),
    (
        "del_pa_hovedprofil",
        _("Husk å dele relevante saker på kommunens overordnede/helhetlige profil!"),
    ),
]
NOKLER = [nokkel for nokkel, _tekst in RETNINGSLINJER]
