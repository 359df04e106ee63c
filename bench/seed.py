"""Seeds the benchmark database with bulk inserts: units (a hierarchy), people, channels,
applications, activity confirmations and history. Grows the data to a target size, so the
sizes of one run share their first rows (1,000 ⊂ 10,000 ⊂ 100,000).

Needs Django set up (bench/run.py does it) and a database to write to: it empties the
register's tables when asked to start over (PostgreSQL only). tests/test_bench.py seeds a
small register, so a model change that breaks the seed fails the test suite.
"""

from datetime import timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, User
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from kanaler.hurtiglager import offentlig_endret
from kanaler.models import Aktivitetsbekreftelse, Kanal, Plattform, Virksomhet
from kanaler.personer import personer_endret
from kanaler.roller import LEDELSE, RADGIVER
from vurdering.models import JaNei, Risikovurdering, Svartid, Vurdering

BATCH = 2000
BENCH_BRUKERE = ["bench-radgiver", "bench-leder"]
PASSORD = "bench-passord-ikke-i-bruk"
DOMENER = {
    Plattform.FACEBOOK: "facebook.com",
    Plattform.INSTAGRAM: "instagram.com",
    Plattform.X: "x.com",
    Plattform.LINKEDIN: "linkedin.com/company",
    Plattform.YOUTUBE: "youtube.com/@",
    Plattform.TIKTOK: "tiktok.com/@",
    Plattform.SNAPCHAT: "snapchat.com/add",
}
PLATTFORMER = list(DOMENER)
TABELLER = [
    "kanaler_paminnelse",
    "kanaler_gjennomgang",
    "kanaler_aktivitetsbekreftelse",
    "vurdering_historicalvurdering",
    "vurdering_vurdering",
    "kanaler_historicalkanal",
    "kanaler_kanal",
    "kanaler_historicalvirksomhet",
    "kanaler_virksomhet",
    "django_session",
    "axes_accessattempt",
    "axes_accesslog",
    "auth_user_groups",
    "auth_user_user_permissions",
    "django_admin_log",
    "auth_user",
]


def tom_databasen() -> None:
    """Empties the tables the seed fills (PostgreSQL), keeping groups and permissions."""
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(TABELLER)} RESTART IDENTITY CASCADE")


def antall_virksomheter(kanaler: int) -> int:
    return max(40, kanaler // 100)


def antall_personer(kanaler: int) -> int:
    return max(200, kanaler // 5)


def kanal_url(i: int, plattform: str) -> str:
    domene = DOMENER[plattform]
    skille = "" if domene.endswith("@") else "/"
    return f"https://{domene}{skille}porsgrunn-bench-{i}"


def _historikk(modell, objekter, felt, *, dato, bruker_id, type_="+"):
    historisk = modell.history.model
    return [
        historisk(
            **{f.attname: getattr(obj, f.attname) for f in felt},
            history_date=dato,
            history_type=type_,
            history_user_id=bruker_id,
            history_change_reason="",
        )
        for obj in objekter
    ]


def _roller(passord: str) -> dict[str, User]:
    """The benchmark's logins: one adviser and one from leadership."""
    radgiver, _ = User.objects.get_or_create(
        username="bench-radgiver", defaults={"is_staff": True, "password": passord}
    )
    radgiver.groups.add(Group.objects.get(name=RADGIVER))
    leder, _ = User.objects.get_or_create(username="bench-leder", defaults={"password": passord})
    leder.groups.add(Group.objects.get(name=LEDELSE))
    return {"radgiver": radgiver, "leder": leder}


def _virksomheter(maal: int, bruker_id: int) -> list[int]:
    """Grows the units to maal: a municipality, ten sectors, then units under the sectors."""
    finnes = Virksomhet.objects.count()
    if finnes == 0:
        rot = Virksomhet.objects.create(navn="Porsgrunn kommune")
        sektorer = Virksomhet.objects.bulk_create(
            [Virksomhet(navn=f"Sektor {s}", overordnet=rot) for s in range(1, 11)]
        )
        nye = [rot, *sektorer]
        finnes = len(nye)
    else:
        nye = []
    sektor_ids = list(
        Virksomhet.objects.filter(navn__startswith="Sektor ").order_by("pk").values_list("pk", flat=True)
    )
    nye += Virksomhet.objects.bulk_create(
        [
            Virksomhet(navn=f"Virksomhet {n}", overordnet_id=sektor_ids[n % len(sektor_ids)])
            for n in range(finnes, maal)
        ],
        batch_size=BATCH,
    )
    felt = Virksomhet._meta.concrete_fields
    Virksomhet.history.model.objects.bulk_create(
        _historikk(Virksomhet, nye, felt, dato=timezone.now(), bruker_id=bruker_id), batch_size=BATCH
    )
    return list(Virksomhet.objects.order_by("pk").values_list("pk", flat=True))


def _personer(maal: int, passord: str) -> list[int]:
    finnes = User.objects.filter(username__startswith="ansatt-").count()
    User.objects.bulk_create(
        [
            User(
                username=f"ansatt-{n}",
                first_name=f"Fornavn{n}",
                last_name=f"Etternavn{n}",
                email=f"ansatt-{n}@porsgrunn.kommune.no",
                password=passord,
            )
            for n in range(finnes, maal)
        ],
        batch_size=BATCH,
    )
    return list(
        User.objects.filter(username__startswith="ansatt-").order_by("pk").values_list("pk", flat=True)
    )


def _kanal(i: int, *, virksomheter, personer, radgiver_id, idag) -> Kanal:
    plattform = PLATTFORMER[i % len(PLATTFORMER)]
    ansvarlig = personer[i % len(personer)]
    stedfortreder = None if i % 20 == 0 else personer[(i * 7 + 1) % len(personer)]
    if stedfortreder == ansvarlig:
        stedfortreder = None
    kanal = Kanal(
        navn=f"Kanal {i} {['skole', 'bibliotek', 'kulturhus', 'idrett', 'helse', 'barnehage'][i % 6]}",
        plattform=plattform,
        virksomhet_id=virksomheter[i % len(virksomheter)],
        hovedkanal=i < len(PLATTFORMER),
        beskrivelse=f"Offisiell kanal nummer {i} fra Porsgrunn kommune.",
        malgruppe="Innbyggerne i Porsgrunn",
        ansvarlig_id=ansvarlig,
        stedfortreder_id=stedfortreder,
        administrator_id=radgiver_id,
        saksnummer=f"26/{i:06d}",
        neste_gjennomgang=idag + timedelta(days=(i * 37) % 425 - 60),
    )
    rest = i % 10
    if rest == 0:
        kanal.status = Kanal.Status.UNDER_OPPRETTELSE
        kanal.url = "" if i % 20 == 0 else kanal_url(i, plattform)
        kanal.neste_gjennomgang = None
        return kanal
    kanal.url = kanal_url(i, plattform)
    kanal.administrator_bekreftet = timezone.now() - timedelta(days=400)
    kanal.aktivert = idag - timedelta(days=120 + i % 900)
    kanal.sist_aktiv = idag - timedelta(days=(i * 13) % 200)
    if rest == 1:
        kanal.status = Kanal.Status.NEDLAGT
        kanal.nedlagt_dato = idag - timedelta(days=i % 300)
        kanal.nedlagt_begrunnelse = "Kanalen ble ikke lenger brukt."
        kanal.neste_gjennomgang = None
    else:
        kanal.status = Kanal.Status.AKTIV
    return kanal


def _vurdering(kanal: Kanal, *, radgiver_id, na) -> Vurdering:
    return Vurdering(
        innsender_id=kanal.ansvarlig_id,
        status=Vurdering.Status.GODKJENT,
        virksomhet_id=kanal.virksomhet_id,
        plattform=kanal.plattform,
        foreslatt_navn=kanal.navn,
        hvorfor="Vi vil nå målgruppen der den er, med korte beskjeder.",
        mal="Flere som deltar på arrangementene våre.",
        hvorfor_ikke_nettsider="Nettsidene har fast informasjon; korte beskjeder når ikke frem der.",
        deling_hovedprofil="Vi tipser kommunikasjonsrådgiver om saker for hele kommunen.",
        malgruppe="Innbyggerne i nærmiljøet.",
        hvor_nas="På plattformen de bruker hver dag.",
        barn_eller_sarbare=JaNei.NEI,
        dialog="Vi svarer i arbeidstiden og henviser enkeltsaker til telefon.",
        kommentarer_pa=JaNei.JA,
        private_meldinger_pa=JaNei.NEI,
        svartid=Svartid.EN_DAG,
        moderering="Ansvarlig går gjennom kommentarene hver arbeidsdag.",
        henvisning_sikre_kanaler="Standardtekst som viser til sikker digital post.",
        personopplysninger="Navn og profilbilder til dem som kommenterer.",
        felles_behandlingsansvar=JaNei.JA,
        risikovurdering=Risikovurdering.GJENNOMFORT,
        personvernombud_radfort=JaNei.JA,
        taushetsplikt_rutine="Vi diskuterer aldri enkeltpersoner i kanalen.",
        arkivering="Innlegg som gjelder saksbehandling arkiveres av ansvarlig.",
        personvern_ivaretatt=JaNei.JA,
        ansvarlig_id=kanal.ansvarlig_id,
        stedfortreder_id=kanal.stedfortreder_id,
        timer_per_uke=Decimal("2.5"),
        innholdsplan="To innlegg i uken.",
        universell_utforming="Alle bilder får alternativ tekst.",
        bekreftede_retningslinjer={"bench": "Bekreftet i benchmarken."},
        innsendt=na - timedelta(days=30),
        behandlet_av_id=radgiver_id,
        behandlet=na - timedelta(days=20),
        kanal=kanal,
    )


def seed(maal: int, *, start_pa_nytt: bool = False, melding=print) -> dict[str, User]:
    """Grows the register to maal channels (each with an approved application, history and,
    when active, an activity confirmation); returns the benchmark's logins."""
    if start_pa_nytt:
        tom_databasen()
    passord = make_password(PASSORD)
    with transaction.atomic():
        roller = _roller(passord)
        radgiver_id = roller["radgiver"].pk
        virksomheter = _virksomheter(antall_virksomheter(maal), radgiver_id)
        personer = _personer(antall_personer(maal), passord)
        finnes = Kanal.objects.count()
        forrige_id = Kanal.objects.aggregate(maks=Max("id"))["maks"] or 0
        idag = timezone.localdate()
        na = timezone.now()
        kanal_felt = Kanal._meta.concrete_fields
        vurdering_felt = Vurdering._meta.concrete_fields
        for fra in range(finnes, maal, BATCH * 5):
            til = min(maal, fra + BATCH * 5)
            kanaler = Kanal.objects.bulk_create(
                [
                    _kanal(
                        i, virksomheter=virksomheter, personer=personer, radgiver_id=radgiver_id, idag=idag
                    )
                    for i in range(fra, til)
                ],
                batch_size=BATCH,
            )
            historikk = _historikk(
                Kanal, kanaler, kanal_felt, dato=na - timedelta(days=400), bruker_id=radgiver_id
            )
            historikk += _historikk(
                Kanal, kanaler, kanal_felt, dato=na - timedelta(days=10), bruker_id=radgiver_id, type_="~"
            )
            Kanal.history.model.objects.bulk_create(historikk, batch_size=BATCH)
            vurderinger = Vurdering.objects.bulk_create(
                [_vurdering(k, radgiver_id=radgiver_id, na=na) for k in kanaler], batch_size=BATCH
            )
            Vurdering.history.model.objects.bulk_create(
                _historikk(
                    Vurdering,
                    vurderinger,
                    vurdering_felt,
                    dato=na - timedelta(days=20),
                    bruker_id=radgiver_id,
                ),
                batch_size=BATCH,
            )
            Aktivitetsbekreftelse.objects.bulk_create(
                [
                    Aktivitetsbekreftelse(kanal=k, bekreftet_av_id=k.ansvarlig_id, siste_innlegg=k.sist_aktiv)
                    for k in kanaler
                    if k.status == Kanal.Status.AKTIV
                ],
                batch_size=BATCH,
            )
            melding(f"  {til:>7} kanaler")
        if connection.vendor == "postgresql":
            # Spread the creation times so sorting by them means something.
            with connection.cursor() as cursor:
                cursor.execute(
                    "UPDATE kanaler_kanal SET opprettet = now() - (id %% 1500) * interval '1 day' "
                    "WHERE id > %s",
                    [forrige_id],
                )
        # Bulk inserts bypass the services and signals: the cached answers, counts and names are stale now.
        offentlig_endret()
        personer_endret()
    with connection.cursor() as cursor:
        # As autovacuum would have by now: statistics and a visibility map for index-only scans.
        cursor.execute(
            "VACUUM ANALYZE"
            if connection.vendor == "postgresql" and connection.get_autocommit()
            else "ANALYZE"
        )
    return roller
