"""One factory per model; complete, valid objects unless a test says otherwise."""

from datetime import timedelta
from decimal import Decimal

import factory
from django.contrib.auth.models import Group, User
from django.utils import timezone
from faker.providers.person.no_NO import Provider as _Personnavn

from kanaler.models import (
    Aktivitetsbekreftelse,
    Gjennomgang,
    Kanal,
    Paminnelse,
    Plattform,
    Plattformrolle,
    Plattformtilgang,
    Tilgangsgjennomgang,
    Virksomhet,
)
from kanaler.roller import LEDELSE, PERSONVERNOMBUD, RADGIVER
from vurdering.models import JaNei, Risikovurdering, Svartid, Uttalelse, Vurdering
from vurdering.retningslinjer import RETNINGSLINJER

# Generated people never share a full name, with each other or with the names tests pick by hand
# (those below), so a name is told apart by its username only where a test makes two the same.
_VALGT_I_TESTENE = {
    *("Berg", "Dahl", "Haugen", "Hansen", "Kvist", "Lie", "Nordmann", "Solberg", "Ut", "Ås"),
    *("Ødegård", "Øvrebø"),
}
_FORNAVN = sorted(set(_Personnavn.first_names_female) | set(_Personnavn.first_names_male))
_ETTERNAVN = sorted(set(_Personnavn.last_names) - _VALGT_I_TESTENE)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"bruker{n}")
    first_name = factory.Sequence(lambda n: _FORNAVN[(n // len(_ETTERNAVN)) % len(_FORNAVN)])
    last_name = factory.Sequence(lambda n: _ETTERNAVN[n % len(_ETTERNAVN)])
    email = factory.LazyAttribute(lambda u: f"{u.username}@porsgrunn.kommune.no")
    password = factory.django.Password("passord-for-test")


class RadgiverFactory(UserFactory):
    is_staff = True

    @factory.post_generation
    def grupper(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Group.objects.get(name=RADGIVER))


class LederFactory(UserFactory):
    @factory.post_generation
    def grupper(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Group.objects.get(name=LEDELSE))


class PersonvernombudFactory(UserFactory):
    @factory.post_generation
    def grupper(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Group.objects.get(name=PERSONVERNOMBUD))


class VirksomhetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Virksomhet
        django_get_or_create = ["navn"]

    navn = factory.Sequence(lambda n: f"Virksomhet {n}")


class KanalFactory(factory.django.DjangoModelFactory):
    """An active channel with confirmed admin rights; use status= for other states."""

    class Meta:
        model = Kanal

    class Params:
        under_opprettelse = factory.Trait(
            status=Kanal.Status.UNDER_OPPRETTELSE,
            url="",
            administrator_bekreftet=None,
            aktivert=None,
            sist_aktiv=None,
        )
        nedlagt = factory.Trait(
            status=Kanal.Status.NEDLAGT,
            nedlagt_dato=factory.LazyFunction(timezone.localdate),
            nedlagt_begrunnelse="Kanalen ble ikke brukt.",
        )

    navn = factory.Sequence(lambda n: f"Kanal {n}")
    plattform = Plattform.FACEBOOK
    url = factory.Sequence(lambda n: f"https://facebook.com/porsgrunn-kanal-{n}")
    virksomhet = factory.SubFactory(VirksomhetFactory)
    beskrivelse = "En offisiell kanal fra Porsgrunn kommune."
    malgruppe = "Innbyggerne i Porsgrunn"
    ansvarlig = factory.SubFactory(UserFactory)
    stedfortreder = factory.SubFactory(UserFactory)
    administrator = factory.SubFactory(RadgiverFactory)
    administrator_bekreftet = factory.LazyFunction(timezone.now)
    status = Kanal.Status.AKTIV
    aktivert = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=100))
    sist_aktiv = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=5))
    neste_gjennomgang = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=200))


class AktivitetsbekreftelseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Aktivitetsbekreftelse

    kanal = factory.SubFactory(KanalFactory)
    bekreftet_av = factory.SelfAttribute("kanal.ansvarlig")
    siste_innlegg = factory.LazyFunction(timezone.localdate)


class GjennomgangFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gjennomgang

    kanal = factory.SubFactory(KanalFactory)
    utfort_av = factory.SelfAttribute("kanal.ansvarlig")
    formal_gyldig = True
    personer_riktige = True
    ressurser_finnes = True
    retningslinjer_fulgt = True
    fortsatt_behov = True


class PlattformtilgangFactory(factory.django.DjangoModelFactory):
    """An employee holding a role on the platform, with two-factor on; ekstern_navn= for an external."""

    class Meta:
        model = Plattformtilgang

    kanal = factory.SubFactory(KanalFactory)
    ansatt = factory.SubFactory(UserFactory)
    rolle = Plattformrolle.REDAKTOR
    tofaktor = True
    siden = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))


class TilgangsgjennomgangFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tilgangsgjennomgang

    kanal = factory.SubFactory(KanalFactory)
    utfort_av = factory.SelfAttribute("kanal.ansvarlig")
    antall_tilganger = 1


class PaminnelseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Paminnelse

    kanal = factory.SubFactory(KanalFactory)
    type = Paminnelse.Type.AKTIVITET_SNART
    mottakere = factory.LazyAttribute(lambda p: p.kanal.ansvarlig.email)


class VurderingFactory(factory.django.DjangoModelFactory):
    """A draft with every step answered; use status= (and the fields it needs) for other states.

    The answers make a high-risk application (Facebook, comments open: vurdering.risiko), so a
    submitted one (innsendt_soknad) comes with the DPO's «tilrår» and can be decided at once;
    uten_uttalelse=True leaves the statement out.
    """

    class Meta:
        model = Vurdering

    class Params:
        innsendt_soknad = factory.Trait(
            status=Vurdering.Status.SENDT_INN,
            innsendt=factory.LazyFunction(timezone.now),
            bekreftede_retningslinjer=factory.LazyFunction(
                lambda: {nokkel: str(tekst) for nokkel, tekst in RETNINGSLINJER}
            ),
            uttalelse=Uttalelse.TILRAR,
            uttalelse_begrunnelse="Risikoen er vurdert og tiltakene er tilstrekkelige.",
            uttalelse_av=factory.SubFactory(PersonvernombudFactory),
            uttalelse_gitt=factory.LazyFunction(timezone.now),
        )
        uten_uttalelse = factory.Trait(
            uttalelse="", uttalelse_begrunnelse="", uttalelse_av=None, uttalelse_gitt=None
        )

    innsender = factory.SubFactory(UserFactory)
    virksomhet = factory.SubFactory(VirksomhetFactory)
    plattform = Plattform.FACEBOOK
    foreslatt_navn = factory.Sequence(lambda n: f"Ny kanal {n}")
    hvorfor = "Foreldrene følger med på Facebook, og vi vil nå dem der med korte beskjeder."
    mal = "Flere foreldre som deltar på møter og arrangementer ved skolen."
    hvorfor_ikke_nettsider = "Nettsidene har fast informasjon, men korte beskjeder når ikke frem der."
    deling_hovedprofil = "Vi tipser kommunikasjonsrådgiver om saker som passer for hele kommunen."
    malgruppe = "Foreldre og foresatte til elevene ved skolen."
    hvor_nas = "De fleste foreldrene bruker Facebook hver dag."
    barn_eller_sarbare = JaNei.NEI
    dialog = "Vi svarer på kommentarer i arbeidstiden og henviser enkeltsaker til telefon."
    kommentarer_pa = JaNei.JA
    private_meldinger_pa = JaNei.NEI
    svartid = Svartid.EN_DAG
    moderering = "Ansvarlig går gjennom kommentarene hver arbeidsdag og skjuler upassende innhold."
    henvisning_sikre_kanaler = (
        "Enkeltsaker får en standardtekst som viser til telefon og sikker digital post."
    )
    personopplysninger = "Navn og profilbilder til dem som kommenterer innleggene våre."
    felles_behandlingsansvar = JaNei.JA
    risikovurdering = Risikovurdering.GJENNOMFORT
    saerlige_kategorier = JaNei.NEI
    personvernombud_radfort = JaNei.JA
    taushetsplikt_rutine = "Vi diskuterer aldri enkeltpersoner i kanalen og sletter slike kommentarer."
    arkivering = "Innlegg som gjelder saksbehandling arkiveres i sak-/arkivsystemet av ansvarlig."
    personvern_ivaretatt = JaNei.JA
    ansvarlig = factory.SelfAttribute("innsender")
    stedfortreder = factory.SubFactory(UserFactory)
    timer_per_uke = Decimal("3.0")
    innholdsplan = "To innlegg i uken: beskjeder på mandag og et glimt fra hverdagen på torsdag."
    universell_utforming = "Alle bilder får alternativ tekst, og videoer tekstes før publisering."
