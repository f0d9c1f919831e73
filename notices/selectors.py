"""Reads for the notices pages: a person's own notices in the municipality they work in now."""
from .models import Notice, NoticeKind, NoticePreference


def notices_for(*, municipality, user):
    """The user's own notices of this municipality, newest first (none without a municipality)."""
    if municipality is None or not user.is_authenticated:
        return Notice.objects.none()
    return (Notice.objects.filter(recipient=user, municipality=municipality)
            .only("pk", "kind", "subject", "body", "url", "status", "created_at", "read_at")
            .order_by("-created_at", "-pk"))


def unread_count(*, municipality, user) -> int:
    """How many of those the user has not marked read (one COUNT query)."""
    return notices_for(municipality=municipality, user=user).filter(read_at__isnull=True).count()


def kinds_turned_off(user) -> set[str]:
    return set(NoticePreference.objects.filter(user=user).values_list("kind", flat=True))


def kind_choices() -> list[tuple[str, str]]:
    return list(NoticeKind.choices)
