"""What the register's services share: the adviser check, reasons, locking and saving a channel."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from ..hurtiglager import offentlig_endret, register_endret
from ..kanaladresse import FEIL_URL_FINNES
from ..models import Kanal
from ..roller import roller_for
from ..selectors.offentlig import OFFENTLIGE_FELTER, lagret_offentlig_del, offentlig_del
from ..varsler import send_epost

BEGRUNNELSE_MAKS = 2000

FEIL_IKKE_RADGIVER = _("Bare kommunikasjonsrådgivere kan gjøre dette.")
FEIL_NEDLAGT = _("Kanalen er lagt ned.")
FEIL_BEGRUNNELSE_MANGLER = _("Skriv en begrunnelse.")
FEIL_BEGRUNNELSE_FOR_LANG = _("Begrunnelsen kan være høyst %(maks)s tegn.")


def ikke_radgiver(av) -> str | None:
    """Why `av` may not act on the register (not a communications adviser), or None."""
    return None if roller_for(av).radgiver else FEIL_IKKE_RADGIVER


def avvis(hindring: str | None) -> None:
    """Refuses with the reason an action's rule gave, if it gave one."""
    if hindring is not None:
        raise ValidationError(hindring)


def krev_radgiver(av) -> None:
    """Refuses anyone but a communications adviser."""
    avvis(ikke_radgiver(av))


def om_ett_aar(dag: date) -> date:
    """The same day a year later (28 February for 29 February)."""
    try:
        return dag.replace(year=dag.year + 1)
    except ValueError:  # 29 February
        return dag.replace(year=dag.year + 1, day=28)


def begrunnelse_renset(
    tekst: str | None, *, feil_mangler=FEIL_BEGRUNNELSE_MANGLER, felt: str | None = None
) -> str:
    """The reason without surrounding whitespace; refuses an empty or overlong one (on `felt` if given)."""
    tekst = (tekst or "").strip()
    feil = None
    if not tekst:
        feil = ValidationError(feil_mangler)
    elif len(tekst) > BEGRUNNELSE_MAKS:
        feil = ValidationError(FEIL_BEGRUNNELSE_FOR_LANG, params={"maks": BEGRUNNELSE_MAKS})
    if feil is not None:
        raise ValidationError({felt: feil}) if felt else feil
    return tekst


def las_og_les(utvalg, pk):
    """The row locked for this transaction, then read through `utvalg` as it was committed.

    The lock is taken on the row alone: locking through a join makes PostgreSQL drop the row
    when another transaction changed the joined key (a handover) while this one waited.
    """
    list(utvalg.model._default_manager.select_for_update().filter(pk=pk).values_list("pk"))
    return utvalg.get(pk=pk)


def las_kanal(kanal: Kanal) -> Kanal:
    """The channel locked for this transaction, read again from the database with its people."""
    return las_og_les(Kanal.objects.select_related("ansvarlig", "stedfortreder"), kanal.pk)


def lagre_kanal(kanal: Kanal, *, av, grunn: str, felter: list[str] | None = None) -> Kanal:
    """Saves with who and why in the history; a URL taken meanwhile becomes a clear message.

    Every write of a channel goes through here, so here the cached answers learn of it: the
    register's counts always, the public pages and the API when what residents see changed.
    """
    offentlig = felter is None or bool({"status", *OFFENTLIGE_FELTER} & set(felter))
    for_ = lagret_offentlig_del(kanal.pk) if offentlig else None
    kanal._change_reason = str(grunn)
    kanal._history_user = av
    try:
        with transaction.atomic():
            kanal.save(update_fields=[*felter, "endret"] if felter else None)
    except IntegrityError as feil:
        if "kanal_unik_url" in str(feil) or "UNIQUE" in str(feil).upper():
            raise ValidationError({"url": FEIL_URL_FINNES}) from feil
        raise
    if offentlig and offentlig_del(kanal) != for_:
        offentlig_endret()
    else:
        register_endret()
    return kanal


def varsle_personer(kanal: Kanal, mal: str, **kontekst) -> None:
    """E-mails the channel's responsible person and deputy (the active ones)."""
    personer = (kanal.ansvarlig, kanal.stedfortreder)
    mottakere = [person.email for person in personer if person and person.is_active]
    send_epost(mottakere=mottakere, mal=mal, kontekst={"kanal": kanal, **kontekst})
