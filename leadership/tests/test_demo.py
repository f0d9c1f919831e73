"""The demo's leader meetings: the seed's 2020–21 plan with agendas, this year's plan, and a second run changes
nothing."""
from datetime import datetime

import pytest
from django.utils import timezone

from laeringslop.tests import factories as f

from .. import demo
from ..models import AgendaItem, LeaderMeeting, MeetingAttachment

pytestmark = pytest.mark.django_db


@pytest.fixture
def context():
    municipality = f.MunicipalityFactory(name="Elvedal", number="9901")
    school = f.SchoolFactory(municipality=municipality)
    kindergarten = f.KindergartenFactory(municipality=municipality)
    users = {"direktor": f.director(municipality), "rektor": f.rector(school), "styrer": f.kindergarten_head(kindergarten)}
    users.update({name: f.adviser(municipality) for name in ("radgiver", "radgiver2", "radgiver3")})
    return {"municipality": municipality, "users": users}


def test_the_seeds_2020_21_meetings_are_there_with_their_agendas(context):
    demo.seed(context)
    meetings = LeaderMeeting.objects.filter(starts_at__year__in=(2020, 2021), starts_at__lt=timezone.make_aware(datetime(2021, 8, 1)))
    assert meetings.count() == 11
    first = meetings.order_by("starts_at").first()
    assert first.get_kind_display() == "LED-skole – lederutvikling"
    assert first.title == "Ledelse av profesjonelle fellesskap – kulturbygging – lederteamet"
    assert AgendaItem.objects.filter(meeting__in=meetings).values("meeting").distinct().count() == 11


def test_seeding_twice_changes_nothing(context):
    demo.seed(context)
    before = (LeaderMeeting.objects.count(), AgendaItem.objects.count(), MeetingAttachment.objects.count())
    demo.seed(context)
    assert (LeaderMeeting.objects.count(), AgendaItem.objects.count(), MeetingAttachment.objects.count()) == before
