"""The measures' and sign-ups' rules, each refusal by its code."""
import threading
from datetime import date, time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils.text import slugify

from notices.models import Notice, NoticeKind

from ..forms import MeasureForm
from ..models import Participant, ParticipantStatus
from ..services import measure_save, participant_cancel, participant_sign_up, session_save
from .helpers import network

pytestmark = pytest.mark.django_db


def code_of(error: ValidationError) -> set:
    if hasattr(error, "error_dict"):
        return {e.code for errors in error.error_dict.values() for e in errors}
    return {e.code for e in error.error_list}


def _form(town, instance=None, **changes):
    data = {"title": "Verksted: programmering", "kind": "workshop", "places": "20", "starts_on": "2026-10-01",
            "ends_on": "2026-10-31", "version": instance.version if instance else 0, **changes}
    form = MeasureForm(data, instance=instance, municipality=town["municipality"])
    assert form.is_valid() or True
    return form


def test_a_measure_needs_a_place_in_norwegian(town):
    form = _form(town, places="0")
    assert not form.is_valid()
    assert "Antall plasser må være minst 1." in form.errors["places"]


def test_saving_a_measure_refuses_the_last_day_before_the_first(town):
    form = _form(town)
    assert form.is_valid()
    form.instance.ends_on = date(2026, 9, 1)  # past the form's own check
    with pytest.raises(ValidationError) as caught:
        measure_save(form=form, municipality=town["municipality"], user=town["adviser"])
    assert code_of(caught.value) == {"dates_order"}


def test_a_session_outside_the_measures_dates_is_refused(town):
    measure = network(town["municipality"], sessions=False)
    with pytest.raises(ValidationError) as caught:
        session_save(measure=measure, day=date(2027, 5, 2), starts_at=time(13), ends_at=time(16))
    assert code_of(caught.value) == {"session_outside_measure"}
    assert "02.05.2027 er utenfor tiltakets datoer (01.11.2026–30.04.2027)." in caught.value.messages


def test_a_session_must_end_after_it_starts(town):
    measure = network(town["municipality"], sessions=False)
    with pytest.raises(ValidationError) as caught:
        session_save(measure=measure, day=date(2026, 11, 24), starts_at=time(16), ends_at=time(13))
    assert code_of(caught.value) == {"session_ends_before_start"}


def test_moving_the_dates_past_a_session_is_refused(town):
    measure = network(town["municipality"])
    form = MeasureForm({"title": measure.title, "kind": "network", "places": "2", "starts_on": "2026-12-01",
                        "ends_on": "2027-04-30", "version": measure.version}, instance=measure,
                       municipality=town["municipality"])
    assert form.is_valid(), form.errors
    with pytest.raises(ValidationError) as caught:
        measure_save(form=form, municipality=town["municipality"])
    assert code_of(caught.value) == {"sessions_outside"}


def _sign_up(town, measure, name, school="school", rector="rector"):
    return participant_sign_up(measure=measure, unit=town[school], name=name,
                               email=f"{slugify(name)}@skole.invalid", by=town[rector])


def test_past_the_places_a_participant_waits_in_order(town):
    measure = network(town["municipality"], places=2)
    statuses = [_sign_up(town, measure, name).status for name in ("Anne Aasen", "Bjørn Berg", "Cecilie Dahl",
                                                                   "Dag Eng")]
    assert statuses == ["place", "place", "waiting", "waiting"]


def test_a_rector_cannot_sign_up_someone_of_another_school(town):
    measure = network(town["municipality"])
    with pytest.raises(ValidationError) as caught:
        _sign_up(town, measure, "Anne Aasen", school="other")
    assert code_of(caught.value) == {"not_your_unit"}
    assert not Participant.objects.exists()


def test_a_user_without_a_role_at_the_unit_is_refused(town):
    measure = network(town["municipality"])
    with pytest.raises(ValidationError) as caught:
        participant_sign_up(measure=measure, unit=town["school"], name="", email="", user=town["other_rector"],
                            by=town["rector"])
    assert code_of(caught.value) == {"not_staff_of_unit"}


def test_the_same_person_twice_is_refused(town):
    measure = network(town["municipality"])
    _sign_up(town, measure, "Anne Aasen")
    with pytest.raises(ValidationError) as caught:
        _sign_up(town, measure, "Anne Aasen")
    assert code_of(caught.value) == {"already_signed_up"}


def test_signing_up_for_a_measure_that_ended_is_refused(town):
    measure = network(town["municipality"], starts_on=date(2026, 1, 1), ends_on=date(2026, 6, 1), sessions=False)
    with pytest.raises(ValidationError) as caught:
        _sign_up(town, measure, "Anne Aasen")
    assert code_of(caught.value) == {"measure_over"}


def test_cancelling_a_place_moves_the_first_waiting_up_and_tells_the_leaders_once(town,
                                                                               django_capture_on_commit_callbacks):
    measure = network(town["municipality"], places=1)
    first = _sign_up(town, measure, "Anne Aasen")
    second = _sign_up(town, measure, "Bjørn Berg", school="other", rector="other_rector")
    _sign_up(town, measure, "Cecilie Dahl")
    with django_capture_on_commit_callbacks():
        participant_cancel(participant=first, by=town["rector"])
    second.refresh_from_db()
    assert second.status == ParticipantStatus.PLACE
    notices = Notice.objects.filter(kind=NoticeKind.COMPETENCE_PLACE)
    assert [n.recipient for n in notices] == [town["other_rector"]]
    assert "Bjørn Berg har fått plass" in notices[0].subject


def test_a_rector_cannot_cancel_another_schools_place(town):
    measure = network(town["municipality"])
    theirs = _sign_up(town, measure, "Bjørn Berg", school="other", rector="other_rector")
    with pytest.raises(ValidationError) as caught:
        participant_cancel(participant=theirs, by=town["rector"])
    assert code_of(caught.value) == {"not_your_unit"}


def test_more_places_move_the_waiting_list_up(town):
    measure = network(town["municipality"], places=1)
    _sign_up(town, measure, "Anne Aasen")
    waiting = _sign_up(town, measure, "Bjørn Berg")
    form = MeasureForm({"title": measure.title, "kind": "network", "places": "2", "starts_on": "2026-11-01",
                        "ends_on": "2027-04-30", "version": measure.version}, instance=measure,
                       municipality=town["municipality"])
    assert form.is_valid(), form.errors
    measure_save(form=form, municipality=town["municipality"])
    waiting.refresh_from_db()
    assert waiting.status == ParticipantStatus.PLACE


@pytest.mark.django_db(transaction=True)
def test_two_sign_ups_at_the_same_time_do_not_exceed_the_places(town):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL (SQLite serialises every write anyway)")
    measure = network(town["municipality"], places=1)
    barrier, errors = threading.Barrier(2), []

    def sign_up(name, school, rector):
        from django.db import connections

        try:
            barrier.wait()
            _sign_up(town, measure, name, school=school, rector=rector)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sign_up, args=("Anne Aasen", "school", "rector")),
               threading.Thread(target=sign_up, args=("Bjørn Berg", "other", "other_rector"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sorted(Participant.objects.values_list("status", flat=True)) == ["place", "waiting"]
