"""Sends the archive document of a decision to the archive when the decision commits."""

from kanaler.arkiv.levering import lever_etter_commit

from ..models import Vurdering


def arkiver_beslutning(vurdering: Vurdering) -> None:
    """Called inside the decision's transaction; the document is made and sent after commit."""
    pk = vurdering.pk

    def lag():
        from .dokument import soknadsdokument

        return soknadsdokument(
            Vurdering.objects.select_related("innsender", "behandlet_av", "virksomhet", "kanal").get(pk=pk)
        )

    lever_etter_commit(lag)
