"""History rows for archive documents: when, who, what."""

from django.utils.translation import gettext_lazy as _

from ..personer import merk_personer, personnavn


def historikk(poster) -> list[tuple]:
    """(time, who, what) for each history record, oldest first."""
    poster = list(poster.select_related("history_user").order_by("history_date", "history_id"))
    merk_personer(poster, "history_user")
    return [
        (
            post.history_date,
            personnavn(post.history_user) if post.history_user else _("Systemet"),
            post.history_change_reason or post.get_status_display(),
        )
        for post in poster
    ]
