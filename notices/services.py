"""Send a notice once: record it (rendered in the recipient's language), then mail it.

Two ways in, one guard (the unique row per kind, event key and recipient):

- :func:`notify` — for services: records the notices for a list of people in the caller's
  transaction and hands them to the ``notices.deliver`` task **after the commit** (an event that
  rolls back tells nobody). This is the call the visit service uses::

      from notices.services import notify
      notify(kind=NoticeKind.VISIT_PLANNED, event_key=f"{visit.pk}:{visit.starts_at:%Y%m%d%H%M}",
             recipients=visit.participants.all(), municipality=visit.school.municipality,
             url=reverse(...), context={"school": visit.school.name, "starts_at": visit.starts_at,
                                        "place": visit.place, "previous_starts_at": old_starts_at})

- :func:`notice_send` — for the daily tasks: records and mails one person's notice in its own
  transaction, at once.

Each person's e-mail is sent in a transaction of its own that also marks the row sent (or failed,
with the reason). A run that stops after nine of twenty has nine rows sent; run again, it sends
the other eleven and none of the nine. A failed e-mail stays on its row and is tried again by the
next run of the same event and by :func:`notices_retry` (beat), at most ``NOTICE_MAX_ATTEMPTS`` times.
"""
import logging
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from laeringslop.jobs import describe
from laeringslop.mail import subject_line

from .models import SETTLED, Notice, NoticeKind, NoticePreference, NoticeStatus

logger = logging.getLogger(__name__)


def recipient_language(user) -> str:
    """The user's language if the portal speaks it, else the portal's default."""
    language = getattr(user, "language", "") or settings.LANGUAGE_CODE
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def notice_render(*, kind: str, recipient, context: dict, url: str = "", base_url: str = "") -> tuple[str, str, str]:
    """(language, subject, body) of a notice, rendered from ``notices/<kind>.txt`` and
    ``notices/<kind>_subject.txt`` in the recipient's language. The templates get ``context`` plus
    ``recipient``, ``name`` (theirs) and ``link`` (the portal page, as an absolute address)."""
    language = recipient_language(recipient)
    base = (base_url or getattr(settings, "SITE_URL", "")).rstrip("/")
    full = {**context, "recipient": recipient, "name": recipient.get_full_name() or recipient.username,
            "link": base + url if url else ""}
    with translation.override(language):
        subject = subject_line(render_to_string(f"notices/{kind}_subject.txt", full), max_length=200)
        body = render_to_string(f"notices/{kind}.txt", full)
    return language, subject, body


def _record(*, kind: str, event_key: str, recipient, municipality, context: dict, url: str,
            base_url: str = "") -> tuple[Notice, bool]:
    """The notice row for this event and person: the stored one, or a new one rendered now."""
    if kind not in NoticeKind.values:
        raise ValueError(f"Unknown notice kind {kind!r}")
    existing = Notice.objects.filter(kind=kind, event_key=event_key, recipient=recipient).first()
    if existing is not None:
        return existing, False
    language, subject, body = notice_render(kind=kind, recipient=recipient, context=context, url=url,
                                            base_url=base_url)
    return Notice.objects.get_or_create(  # a savepoint: a row made meanwhile by another run is taken
        kind=kind, event_key=str(event_key)[:200], recipient=recipient,
        defaults={"municipality": municipality, "language": language, "subject": subject, "body": body,
                  "url": url[:300]})


def is_turned_off(user, kind: str) -> bool:
    return NoticePreference.objects.filter(user=user, kind=kind).exists()


def _deliver(notice: Notice) -> bool:
    """Mail a locked, unsettled notice and record the outcome on it; True if it went out."""
    user = notice.recipient
    now = timezone.now()
    if is_turned_off(user, notice.kind):
        notice.status = NoticeStatus.OFF
        notice.save(update_fields=["status"])
        return False
    if not user.email or not user.is_active:
        notice.status = NoticeStatus.NO_ADDRESS
        notice.save(update_fields=["status"])
        return False
    notice.email = user.email
    notice.attempts += 1
    try:
        send_mail(notice.subject, notice.body, None, [user.email], fail_silently=False)
    except Exception as error:  # noqa: BLE001 - any failure of the mail server is recorded on the row
        logger.exception("Notice %s (%s) to user %s failed", notice.pk, notice.kind, user.pk)
        notice.status = NoticeStatus.FAILED
        notice.failed_at = now
        notice.failure_reason = describe(error)
        notice.save(update_fields=["status", "email", "attempts", "failed_at", "failure_reason"])
        return False
    notice.status = NoticeStatus.SENT
    notice.sent_at = now
    notice.save(update_fields=["status", "email", "attempts", "sent_at"])
    return True


def notice_deliver(*, notice_id: int) -> bool:
    """Mail one recorded notice unless it is settled, in its own transaction; True if it went out now."""
    with transaction.atomic():
        notice = Notice.objects.select_for_update().select_related("recipient").filter(pk=notice_id).first()
        if notice is None or notice.status in SETTLED:
            return False
        return _deliver(notice)


def notice_send(*, kind: str, event_key: str, recipient, context: dict, municipality, url: str = "",
                base_url: str = "") -> Notice | None:
    """Record and mail one person's notice of one event, once, in its own transaction.

    Returns the notice if an e-mail went out in this call; None if it had gone out before (or the
    person turned the kind off, has no address, or the send failed: the row says which).
    Call it outside a transaction, so that each person's send is committed on its own.
    """
    with transaction.atomic():
        notice, _created = _record(kind=kind, event_key=event_key, recipient=recipient, municipality=municipality,
                                   context=context, url=url, base_url=base_url)
        notice = Notice.objects.select_for_update().select_related("recipient").get(pk=notice.pk)
        if notice.status in SETTLED:
            return None
        return notice if _deliver(notice) else None


def notify(*, kind: str, event_key: str, recipients: Iterable, context: dict, municipality, url: str = "",
           base_url: str = "") -> list[Notice]:
    """Record the notice of one event for each recipient now; mail them after the commit (a task).

    For services: call it inside the transaction of the change it tells about. A recipient who had
    this event's notice before gets nothing new. Returns the new rows.
    """
    created, seen = [], set()
    for user in recipients:
        if user is None or user.pk in seen:
            continue
        seen.add(user.pk)
        with transaction.atomic():
            notice, new = _record(kind=kind, event_key=event_key, recipient=user, municipality=municipality,
                                  context=context, url=url, base_url=base_url)
        if new:
            created.append(notice)
    ids = [n.pk for n in created]
    if ids:
        transaction.on_commit(lambda: _enqueue(ids), robust=True)
    return created


def _enqueue(ids: list[int]) -> None:
    from .tasks import deliver

    try:
        deliver.apply_async(args=[ids], retry=False)
    except Exception:  # noqa: BLE001 - the broker is down: the rows stay pending and notices_retry sends them
        logger.warning("Could not hand notices %s to the broker; the retry task sends them", ids, exc_info=True)


def notices_deliver(ids: Iterable[int]) -> int:
    """Mail these recorded notices, each in its own transaction; returns how many went out."""
    return sum(1 for pk in ids if notice_deliver(notice_id=pk))


def notices_retry(*, now=None, limit: int = 500) -> int:
    """Mail the notices no task sent: pending ones older than a few minutes (their message was lost,
    or the broker was down) and failed ones whose last try is ``NOTICE_RETRY_MINUTES`` old, each at
    most ``NOTICE_MAX_ATTEMPTS`` times. Safe to run at any time. Returns how many went out."""
    now = now or timezone.now()
    waiting = Notice.objects.filter(status=NoticeStatus.PENDING, created_at__lt=now - timedelta(minutes=5))
    failed = Notice.objects.filter(status=NoticeStatus.FAILED, attempts__lt=settings.NOTICE_MAX_ATTEMPTS,
                                   failed_at__lt=now - timedelta(minutes=settings.NOTICE_RETRY_MINUTES))
    ids = list((waiting | failed).order_by("pk").values_list("pk", flat=True)[:limit])
    return notices_deliver(ids)


# --- The person's own list and preferences ---------------------------------------------------------
def notice_mark_read(*, user, municipality, notice_id: int | None = None) -> int:
    """Mark one of the user's notices (or, without ``notice_id``, all of them) in this municipality as
    read; a notice of someone else is not touched. Returns how many changed."""
    queryset = Notice.objects.filter(recipient=user, municipality=municipality, read_at__isnull=True)
    if notice_id is not None:
        queryset = queryset.filter(pk=notice_id)
    return queryset.update(read_at=timezone.now())


@transaction.atomic
def notice_preferences_save(*, user, enabled: Iterable[str]) -> None:
    """Turn on exactly the kinds in ``enabled``; every other kind is turned off (no e-mail)."""
    enabled = set(enabled)
    off = [kind for kind in NoticeKind.values if kind not in enabled]
    NoticePreference.objects.filter(user=user).exclude(kind__in=off).delete()
    have = set(NoticePreference.objects.filter(user=user).values_list("kind", flat=True))
    NoticePreference.objects.bulk_create([NoticePreference(user=user, kind=k) for k in off if k not in have])
