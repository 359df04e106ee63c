"""Hypothesis strategies and checks shared by the robustness tests."""

from contextlib import contextmanager

from django.contrib.auth.models import User
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from kanaler.models import (
    Aktivitetsbekreftelse,
    FalskKonto,
    Gjennomgang,
    Hendelse,
    Hendelsespunkt,
    Kanal,
    Meldingsgrense,
    Paminnelse,
    Plattformtilgang,
    Tilgangsgjennomgang,
    Virksomhet,
)
from vurdering.models import Vurdering

# Text that tends to break things: unicode, control characters, markup, SQL, long runs.
FIENDTLIG_TEKST = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=3000),
    st.tuples(st.text(max_size=10), st.text(max_size=10)).map("\x00".join),
    st.sampled_from(
        [
            "",
            " ",
            "<script>alert(1)</script>",
            "'; DROP TABLE kanaler_kanal; --",
            "\x00\x01\x1b[31m",
            "ﾟ･✿ヾ╲(｡◕‿◕｡)╱✿･ﾟ",
            "9" * 400,
            "https://" + "a" * 5000 + ".no",
            "http://[::1]:99999/",
            "https://facebook.com/%00%ff",
        ]
    ),
)

# Numbers as a browser or a script might send them: huge, negative, decimal, not a number at all.
RARE_TALL = st.one_of(
    st.integers(min_value=-(2**80), max_value=2**80).map(str),
    st.sampled_from(
        [
            "0",
            "-1",
            str(2**63),
            str(2**63 - 1),
            str(2**64),
            "1e400",
            "NaN",
            "Infinity",
            "-0",
            "3,5",
            "0x10",
            "1_000",
            " 7 ",
            "١٢",
        ]
    ),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
)

# A value of any wrong type: text, numbers, several values for one field, nothing.
SKJEMAVERDI = st.one_of(
    FIENDTLIG_TEKST,
    RARE_TALL,
    st.lists(st.one_of(st.text(max_size=20), RARE_TALL), min_size=2, max_size=3),
)

# Something in place of an id in a path or a parameter.
RART_ID = st.one_of(
    RARE_TALL,
    st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00"), min_size=1, max_size=50),
)

ROBUST = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def skjemadata(felter, verdier=SKJEMAVERDI, **faste):
    """Form data where each field may be missing or hold a generated value."""
    return st.fixed_dictionaries(faste, optional=dict.fromkeys(felter, verdier))


def antall_rader() -> dict:
    """How many rows each table a request could write to holds now."""
    modeller = [
        Kanal,
        Kanal.history.model,
        Vurdering,
        Vurdering.history.model,
        Virksomhet,
        Aktivitetsbekreftelse,
        Gjennomgang,
        Paminnelse,
        Plattformtilgang,
        Plattformtilgang.history.model,
        Tilgangsgjennomgang,
        User,
        Hendelse,
        Hendelsespunkt,
        FalskKonto,
        Meldingsgrense,
    ]
    return {modell.__name__: modell._default_manager.count() for modell in modeller}


@contextmanager
def uendret_hvis_avvist(fanger, mailoutbox):
    """Runs the request with on-commit callbacks (mail) executed; yields a dict for `avvist`.

    If the block sets ``utfall["avvist"] = True``, no row and no e-mail may have been written.
    """
    for_ = antall_rader()
    sendt = len(mailoutbox)
    utfall = {"avvist": False}
    with fanger(execute=True):
        yield utfall
    if utfall["avvist"]:
        assert antall_rader() == for_
        assert len(mailoutbox) == sendt


def har_nulltegn(params: dict) -> bool:
    """Whether a key or a value of the query has a NUL character."""
    verdier = [v for verdi in params.values() for v in (verdi if isinstance(verdi, list) else [verdi])]
    return any("\x00" in str(tekst) for tekst in [*params, *verdier])
