"""The adviser who runs a measure signs up people of any school or kindergarten of the municipality, on
the measure's participant page, under the same places and waiting list as the leaders (the same service)."""
import pytest
from django.core.exceptions import ValidationError

from laeringslop.tests import factories as f

from ..models import Participant, ParticipantStatus
from ..services import participant_sign_up
from .helpers import network
from .test_services import code_of

pytestmark = pytest.mark.django_db


def test_the_adviser_signs_up_a_teacher_of_any_school(town):
    measure = network(town["municipality"])
    participant = participant_sign_up(measure=measure, unit=town["other"], name="Anne Aasen",
                                      email="anne@granli.invalid", by=town["adviser"])
    assert (participant.unit, participant.status) == (town["other"], ParticipantStatus.PLACE)


def test_the_adviser_fills_the_same_places_and_waiting_list_as_the_rectors(town):
    measure = network(town["municipality"], places=1)
    participant_sign_up(measure=measure, unit=town["school"], name="Bjørn Berg", email="bjorn@skole.invalid",
                        by=town["rector"])
    waiting = participant_sign_up(measure=measure, unit=town["other"], name="Anne Aasen",
                                  email="anne@granli.invalid", by=town["adviser"])
    assert waiting.status == ParticipantStatus.WAITING


def test_the_adviser_signs_up_for_a_kindergarten(town):
    measure = network(town["municipality"])
    kindergarten = f.KindergartenFactory(municipality=town["municipality"], name="Solsikken barnehage")
    participant = participant_sign_up(measure=measure, unit=kindergarten, name="Per Pedersen",
                                      email="per@solsikken.invalid", by=town["adviser"])
    assert participant.status == ParticipantStatus.PLACE


def test_the_adviser_cannot_sign_up_for_a_service_unit(town):
    measure = network(town["municipality"])
    service = f.UnitFactory(municipality=town["municipality"], name="PPT Elvedal", kind="service",
                            first_grade=None, last_grade=None)
    with pytest.raises(ValidationError) as caught:
        participant_sign_up(measure=measure, unit=service, name="Per Pedersen", email="per@ppt.invalid",
                            by=town["adviser"])
    assert code_of(caught.value) == {"not_for_sign_up"}


def test_the_adviser_cannot_sign_up_for_a_closed_school(town):
    measure = network(town["municipality"])
    closed = f.SchoolFactory(municipality=town["municipality"], name="Nedlagt skole", active=False)
    with pytest.raises(ValidationError) as caught:
        participant_sign_up(measure=measure, unit=closed, name="Per Pedersen", email="per@nedlagt.invalid",
                            by=town["adviser"])
    assert code_of(caught.value) == {"not_for_sign_up"}


def test_an_adviser_of_another_municipality_is_refused(town):
    measure = network(town["municipality"])
    stranger = f.adviser(town["elsewhere"], username="radgiver-fjell")
    with pytest.raises(ValidationError) as caught:
        participant_sign_up(measure=measure, unit=town["school"], name="Anne Aasen", email="anne@skole.invalid",
                            by=stranger)
    assert code_of(caught.value) == {"not_your_unit"}


def test_the_adviser_cannot_sign_up_a_school_of_another_municipality(town):
    measure = network(town["municipality"])
    with pytest.raises(ValidationError) as caught:
        participant_sign_up(measure=measure, unit=town["foreign_school"], name="Anne Aasen",
                            email="anne@fjell.invalid", by=town["adviser"])
    assert code_of(caught.value) == {"other_municipality"}


def test_a_rector_still_signs_up_their_own_unit_only(town):
    measure = network(town["municipality"])
    with pytest.raises(ValidationError) as caught:
        participant_sign_up(measure=measure, unit=town["other"], name="Anne Aasen", email="anne@granli.invalid",
                            by=town["rector"])
    assert code_of(caught.value) == {"not_your_unit"}


def test_the_adviser_signs_up_a_rector_of_another_school_as_a_user(town):
    measure = network(town["municipality"])
    participant = participant_sign_up(measure=measure, unit=town["other"], name="", email="",
                                      user=town["other_rector"], by=town["adviser"])
    assert participant.user == town["other_rector"]


def test_the_adviser_cannot_pick_a_user_of_another_unit(town):
    measure = network(town["municipality"])
    with pytest.raises(ValidationError) as caught:
        participant_sign_up(measure=measure, unit=town["other"], name="", email="", user=town["rector"],
                            by=town["adviser"])
    assert code_of(caught.value) == {"not_staff_of_unit"}


# --- The page --------------------------------------------------------------------------------------
def _url(measure):
    return f"/kompetanse/tiltak/{measure.pk}/deltakere/"


def test_the_participant_page_offers_the_adviser_every_school(client, town):
    measure = network(town["municipality"])
    client.force_login(town["adviser"])
    text = client.get(_url(measure)).content.decode()
    assert "Meld på en deltaker" in text and "Bjørkelia skole" in text and "Granli skole" in text
    assert "Fjell skole" not in text


def test_the_unit_list_starts_by_asking_for_a_unit(client, town):
    client.force_login(town["adviser"])
    text = client.get(_url(network(town["municipality"]))).content.decode()
    assert '<option value="" selected>Velg enhet</option>' in text


def test_the_adviser_signs_up_on_the_page_and_hears_it_in_norwegian(client, town):
    measure = network(town["municipality"])
    client.force_login(town["adviser"])
    text = client.post(_url(measure), {"unit": town["other"].pk, "name": "Anne Aasen",
                                       "email": "anne@granli.invalid"}, follow=True).content.decode()
    assert "Anne Aasen har fått plass." in text
    assert Participant.objects.get(measure=measure).unit == town["other"]


def test_the_page_says_when_the_adviser_fills_the_waiting_list(client, town):
    measure = network(town["municipality"], places=1)
    client.force_login(town["adviser"])
    client.post(_url(measure), {"unit": town["school"].pk, "name": "Bjørn Berg", "email": "bjorn@skole.invalid"})
    text = client.post(_url(measure), {"unit": town["other"].pk, "name": "Anne Aasen",
                                       "email": "anne@granli.invalid"}, follow=True).content.decode()
    assert "Tiltaket er fullt: Anne Aasen står på venteliste." in text


def test_the_page_asks_for_the_unit_in_norwegian(client, town):
    measure = network(town["municipality"])
    client.force_login(town["adviser"])
    text = client.post(_url(measure), {"name": "Anne Aasen", "email": "anne@granli.invalid"}).content.decode()
    assert "Velg enheten deltakeren arbeider ved." in text
    assert not Participant.objects.exists()


def test_the_page_refuses_a_school_of_another_municipality_in_norwegian(client, town):
    measure = network(town["municipality"])
    client.force_login(town["adviser"])
    text = client.post(_url(measure), {"unit": town["foreign_school"].pk, "name": "Anne Aasen",
                                       "email": "anne@fjell.invalid"}).content.decode()
    assert "Velg en skole eller barnehage i kommunen." in text
    assert not Participant.objects.exists()


def test_a_rector_cannot_post_on_the_participant_page(client, town):
    measure = network(town["municipality"])
    client.force_login(town["rector"])
    response = client.post(_url(measure), {"unit": town["other"].pk, "name": "Anne Aasen",
                                           "email": "anne@granli.invalid"})
    assert response.status_code == 403 and not Participant.objects.exists()
