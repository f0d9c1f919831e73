"""The county's services: what they do, and the code of each refusal."""
import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from laeringslop.tests import factories as f

from .. import services
from ..forms import EventForm
from ..models import NetworkEvent, NetworkMembership
from . import helpers as h

pytestmark = pytest.mark.django_db


def _code(call):
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.code


def test_join_and_withdraw():
    c = h.county()
    net = h.network(c)
    muni = h.municipality(c, "3312", "Lier")
    admin = f.UserFactory(username="adm")
    membership = services.network_join(network=net, municipality=muni, user=admin)
    assert membership.joined_by == admin and membership.region is None and membership.joined_at
    assert _code(lambda: services.network_join(network=net, municipality=muni)) == "already_member"
    services.network_withdraw(network=net, municipality=muni)
    assert not NetworkMembership.objects.exists()
    assert NetworkMembership.history.filter(history_type="-").count() == 1  # the history keeps it
    assert _code(lambda: services.network_withdraw(network=net, municipality=muni)) == "not_member"


def test_a_municipality_of_another_county_cannot_join():
    net = h.network(h.county())
    elsewhere = h.municipality(h.county("34", "Innlandet"), "3403", "Hamar")
    without = f.MunicipalityFactory(number="9990")
    assert _code(lambda: services.network_join(network=net, municipality=elsewhere)) == "other_county"
    assert _code(lambda: services.network_join(network=net, municipality=without)) == "other_county"


def test_regions_created_and_assigned():
    c = h.county()
    net = h.network(c)
    m1, m2 = h.member(net, h.municipality(c, "3312")), h.member(net, h.municipality(c, "3301"))
    north = services.region_create(county=c, name="  Nedre   Buskerud ")
    assert north.name == "Nedre Buskerud"
    assert _code(lambda: services.region_create(county=c, name="nedre buskerud")) == "duplicate"
    assert _code(lambda: services.region_create(county=c, name="  ")) == "blank"
    assert services.network_regions_set(network=net, regions={m1.pk: north, m2.pk: None}) == 1
    m1.refresh_from_db()
    assert m1.region == north
    foreign = h.region(h.county("34", "Innlandet"), "Hedmarken")
    assert _code(lambda: services.network_regions_set(network=net, regions={m1.pk: foreign})) == "other_county"
    m1.refresh_from_db()
    assert m1.region == north  # all or nothing
    assert _code(lambda: services.network_regions_set(network=net, regions={m1.pk + 999: north})) == "not_member"


def test_event_save_refuses_a_stale_form():
    net = h.network(h.county())
    form = EventForm({"kind": "meeting", "title": "Samling", "date": "2099-03-01", "version": 0},
                     instance=NetworkEvent(network=net))
    assert form.is_valid(), form.errors
    event = services.network_event_save(form=form, network=net)
    assert event.version == 1 and event.network == net
    data = {"kind": "meeting", "title": "Samling i Drammen", "date": "2099-03-01", "version": 1}
    first = EventForm(data, instance=NetworkEvent.objects.get(pk=event.pk))
    second = EventForm({**data, "title": "Samling på Hamar"}, instance=NetworkEvent.objects.get(pk=event.pk))
    assert first.is_valid() and second.is_valid()
    services.network_event_save(form=first, network=net)
    assert _code(lambda: services.network_event_save(form=second, network=net)) == "stale"
    other = h.network(h.county(), name="Realfag")
    third = EventForm({**data, "version": 2}, instance=NetworkEvent.objects.get(pk=event.pk))
    assert third.is_valid()
    assert _code(lambda: services.network_event_save(form=third, network=other)) == "other_network"


def test_municipality_create_codes_and_results():
    c = h.county()
    net = h.network(c)
    reg = h.region(c, "Nedre Buskerud")
    muni = services.municipality_create(number="3312", name="Lier", county=c, network=net, region=reg)
    assert muni.county == c
    assert NetworkMembership.objects.get(municipality=muni).region == reg
    assert _code(lambda: services.municipality_create(number="33a2", name="X", county=c)) == "number_format"
    assert _code(lambda: services.municipality_create(number="3312", name="X", county=c)) == "number_taken"
    assert _code(lambda: services.municipality_create(number="3301", name=" ", county=c)) == "blank"
    assert _code(lambda: services.municipality_create(number="3301", name="Drammen")) == "county_missing"
    assert _code(lambda: services.municipality_create(number="3301", name="Drammen", county_number="3",
                                                      county_name="X")) == "county_number_format"
    assert _code(lambda: services.municipality_create(number="3301", name="Drammen", county_number="33",
                                                      county_name="Buskerud")) == "county_taken"
    assert _code(lambda: services.municipality_create(number="3301", name="Drammen", county=c,
                                                      region=reg)) == "region_without_network"
    new = services.municipality_create(number="3403", name="Hamar", county_number="34", county_name="Innlandet")
    assert new.county.number == "34" and new.county.name == "Innlandet"
    assert _code(lambda: services.municipality_create(number="3405", name="Lillehammer", county=new.county,
                                                      network=net)) == "other_county"


def test_constraint_messages_are_norwegian():
    c = h.county()
    net = h.network(c)
    muni = h.municipality(c, "3312")
    h.member(net, muni)
    with translation.override("nb"):
        with pytest.raises(ValidationError) as caught:
            NetworkMembership(network=net, municipality=muni, joined_at=net.memberships.get().joined_at) \
                .validate_constraints()
        assert "Kommunen er allerede medlem av nettverket." in str(caught.value)
        with pytest.raises(ValidationError) as caught:
            NetworkMembership(network=net, municipality=h.municipality(h.county("34", "Innlandet"), "3403"),
                              joined_at=net.memberships.get().joined_at).full_clean()
        assert "Kommunen hører til et annet fylke enn nettverket." in str(caught.value)
