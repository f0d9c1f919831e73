"""Who hears of a leader meeting, through the one send-once notice (``notices.services.notify``): the
people invited when it is planned (and those added later), all of them when it is moved or cancelled.
Called inside the service's transaction; the e-mails go after the commit."""
import zlib

from django.urls import reverse
from django.utils import timezone

from notices.models import NoticeKind
from notices.services import notify

from .models import LeaderMeeting


def tell(meeting: LeaderMeeting, kind: str, recipients, *, previous_starts_at=None) -> None:
    when = f"{meeting.starts_at:%Y%m%d%H%M}:{zlib.crc32(meeting.place.encode()):08x}"
    event_key = {NoticeKind.MEETING_MOVED: f"{meeting.pk}:{when}"}.get(kind, str(meeting.pk))
    notify(kind=kind, event_key=event_key, recipients=recipients, municipality=meeting.municipality,
           url=reverse("leadership:meeting_detail", args=[meeting.pk]),
           context={"title": meeting.title, "arena": meeting.get_kind_display(),
                    "starts_at": timezone.localtime(meeting.starts_at), "place": meeting.place,
                    "reason": meeting.cancel_reason,
                    "previous_starts_at": timezone.localtime(previous_starts_at) if previous_starts_at else None})
