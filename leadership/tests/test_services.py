"""The leader meetings' services: each rule refused with its code, and nothing half-stored."""
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from laeringslop.models import Role

from .. import selectors, services
from ..models import AttachmentKind, LeaderMeeting
from .conftest import DAY, at, plan

pytestmark = pytest.mark.django_db


def codes(error: ValidationError) -> set[str]:
    if hasattr(error, "error_dict"):
        return {e.code for errors in error.error_dict.values() for e in errors}
    return {e.code for e in error.error_list}


def refused(call) -> set[str]:
    with pytest.raises(ValidationError) as caught:
        call()
    return codes(caught.value)


def test_a_planned_meeting_keeps_its_agenda_in_order_and_its_participants(town):
    meeting = plan(town)
    assert [(a.position, a.title) for a in meeting.agenda_items.all()] == [(1, "Velkommen"), (2, "Elevmedvirkning")]
    assert set(meeting.participants.all()) == {town["rector"], town["director"]}


def test_a_meeting_in_the_past_is_refused(town, clock):
    assert refused(lambda: plan(town, starts_at=clock.now - timedelta(hours=1), ends_at=clock.now + timedelta(hours=1))) \
        == {"in_the_past"}
    assert not LeaderMeeting.objects.exists()


def test_a_meeting_ending_before_it_starts_is_refused(town):
    assert refused(lambda: plan(town, ends_at=at(DAY, 12, 0))) == {"ends_before_start"}


def test_a_meeting_over_two_days_is_refused(town):
    assert refused(lambda: plan(town, ends_at=at(DAY + timedelta(days=1), 10))) == {"not_same_day"}


def test_a_participant_of_another_municipality_is_refused(town):
    assert refused(lambda: plan(town, participants=[town["rector"], town["foreign_rector"]])) == {"participant_not_allowed"}
    assert not LeaderMeeting.objects.exists()


def test_an_agenda_row_without_a_title_is_refused_naming_the_row(town):
    with pytest.raises(ValidationError) as caught:
        plan(town, agenda=[{"title": "Velkommen"}, {"title": "", "presenter": "Rådgiver", "minutes": 20}])
    assert codes(caught.value) == {"agenda_title"}
    assert "Sakslistepunkt 2:" in caught.value.error_dict["agenda"][0].message % caught.value.error_dict["agenda"][0].params


def test_agenda_minutes_out_of_range_are_refused(town):
    assert refused(lambda: plan(town, agenda=[{"title": "Pause", "minutes": 0}])) == {"agenda_minutes"}


def _update(meeting, **overrides):
    values = {"kind": meeting.kind, "title": meeting.title, "starts_at": meeting.starts_at,
              "ends_at": meeting.ends_at, "target_group": meeting.target_group, "place": meeting.place,
              "participants": list(meeting.participants.all()),
              "agenda": [{"title": a.title, "presenter": a.presenter, "minutes": a.minutes}
                         for a in meeting.agenda_items.all()], "version": meeting.version}
    values.update(overrides)
    return services.meeting_update(meeting, **values)


def test_an_edit_over_a_newer_version_is_refused_and_changes_nothing(town):
    meeting = plan(town)
    _update(meeting, title="Nytt tema")
    assert refused(lambda: _update(meeting, place="Kompetansesenteret", version=1)) == {"stale"}
    meeting.refresh_from_db()
    assert (meeting.title, meeting.place, meeting.version) == ("Nytt tema", "Rådhuset", 2)


def test_a_changed_agenda_counts_a_new_version(town):
    meeting = plan(town)
    _update(meeting, agenda=[{"title": "Bare ett punkt"}])
    meeting.refresh_from_db()
    assert meeting.version == 2 and [a.title for a in meeting.agenda_items.all()] == ["Bare ett punkt"]


def test_a_meeting_that_has_started_is_not_moved(town, clock):
    meeting = plan(town)
    clock.now = at(DAY, 13)
    assert refused(lambda: _update(meeting, starts_at=at(DAY + timedelta(days=7), 12, 30),
                                   ends_at=at(DAY + timedelta(days=7), 15, 30))) == {"started"}


def test_a_cancelled_meeting_stays_and_is_not_changed_or_cancelled_again(town):
    meeting = services.meeting_cancel(plan(town), reason="Smittevern", version=1)
    assert meeting.is_cancelled and meeting.cancel_reason == "Smittevern" and meeting.version == 2
    assert refused(lambda: services.meeting_cancel(meeting, version=2)) == {"cancelled"}
    assert refused(lambda: _update(meeting)) == {"cancelled"}


def _pdf(name="program.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.7 test", content_type="application/pdf")


def test_minutes_wait_until_the_meeting_has_started(town, clock):
    meeting = plan(town)
    assert refused(lambda: services.meeting_attach(meeting, files=[_pdf("referat.pdf")], kind=AttachmentKind.MINUTES,
                                                   user=town["adviser"])) == {"not_held"}
    clock.now = at(DAY, 16)
    [stored] = services.meeting_attach(meeting, files=[_pdf("referat.pdf")], kind=AttachmentKind.MINUTES,
                                       user=town["adviser"])
    assert stored.kind == "minutes" and stored.content_type == "application/pdf"


def test_a_file_of_a_type_not_allowed_stores_none_of_the_files(town):
    meeting = plan(town)
    bad = SimpleUploadedFile("skript.exe", b"MZ", content_type="application/octet-stream")
    assert refused(lambda: services.meeting_attach(meeting, files=[_pdf(), bad], kind=AttachmentKind.MATERIAL,
                                                   user=town["adviser"])) == {"file_type"}
    assert not meeting.attachments.exists()


def test_a_removed_file_is_no_longer_listed_and_removing_again_is_harmless(town):
    meeting = plan(town)
    [stored] = services.meeting_attach(meeting, files=[_pdf()], kind=AttachmentKind.MATERIAL, user=town["adviser"])
    assert services.attachment_remove(stored) is True
    assert services.attachment_remove(stored) is False
    assert selectors.meeting_detail(meeting)["material"] == []


def test_people_by_role_unit_and_name_are_invited_once_each(town):
    people = selectors.people_for(town["municipality"], roles=[Role.RECTOR], units=[town["kindergarten"], town["school"]],
                                  people=[town["adviser"], town["rector"]])
    assert sorted(p.username for p in people) == ["radgiver", "rektor", "rektor2", "styrer"]


def test_people_of_another_municipality_are_not_found_by_role(town):
    people = selectors.people_for(town["municipality"], roles=[Role.RECTOR])
    assert town["foreign_rector"] not in people


def test_the_people_invited_are_told_once_not_the_planner(town):
    from notices.models import Notice, NoticeKind

    meeting = plan(town, participants=[town["rector"], town["director"], town["adviser"]])
    told = set(Notice.objects.filter(kind=NoticeKind.MEETING_INVITED).values_list("recipient", flat=True))
    assert told == {town["rector"].pk, town["director"].pk}
    assert Notice.objects.filter(kind=NoticeKind.MEETING_INVITED, event_key=str(meeting.pk)).count() == 2


def test_moving_a_meeting_tells_those_invited_and_a_newcomer_gets_an_invitation(town):
    from notices.models import Notice, NoticeKind

    meeting = plan(town, participants=[town["rector"]])
    services.meeting_update(meeting, kind=meeting.kind, title=meeting.title, starts_at=at(DAY, 13, 0),
                            ends_at=at(DAY, 15, 30), target_group=meeting.target_group, place=meeting.place,
                            participants=[town["rector"], town["director"]], version=meeting.version)
    moved = Notice.objects.get(kind=NoticeKind.MEETING_MOVED)
    assert moved.recipient == town["rector"]
    assert set(Notice.objects.filter(kind=NoticeKind.MEETING_INVITED).values_list("recipient", flat=True)) == {
        town["rector"].pk, town["director"].pk}


def test_an_unchanged_time_and_place_tells_nobody_of_a_move(town):
    from notices.models import Notice, NoticeKind

    meeting = plan(town, participants=[town["rector"]])
    services.meeting_update(meeting, kind=meeting.kind, title="Nytt tema", starts_at=meeting.starts_at,
                            ends_at=meeting.ends_at, target_group=meeting.target_group, place=meeting.place,
                            participants=[town["rector"]], version=meeting.version)
    assert not Notice.objects.filter(kind=NoticeKind.MEETING_MOVED).exists()


def test_cancelling_tells_everyone_invited(town):
    from notices.models import Notice, NoticeKind

    meeting = plan(town, participants=[town["rector"], town["director"]])
    services.meeting_cancel(meeting, reason="Smittevern", version=meeting.version)
    assert Notice.objects.filter(kind=NoticeKind.MEETING_CANCELLED).count() == 2
