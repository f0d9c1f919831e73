"""The county's pages in Norwegian: the overview, a network's page, regions, events, joining and the
new-municipality page; and a county user never reaches a school's self-assessment, dialogue or tasks."""
from datetime import date, timedelta

import pytest
from django.urls import reverse

from dialogue.tests import factories as df
from laeringslop.models import Municipality, Role
from laeringslop.tests import factories as f

from ..models import NetworkEvent, NetworkMembership
from . import helpers as h

pytestmark = pytest.mark.django_db


@pytest.fixture
def network():
    c = h.county()
    net = h.network(c)
    net.description = "Alle barn og unge vokser opp i en kultur for læring."
    net.save()
    h.member(net, h.municipality(c, "3312", "Lier"), h.region(c, "Nedre Buskerud"))
    h.member(net, h.municipality(c, "3301", "Drammen"))
    return net


def test_overview_lists_the_networks_by_region(client, network):
    client.force_login(h.county_user(network.county))
    text = client.get(reverse("county:overview")).content.decode()
    assert "Fylkets nettverk" in text and "Kultur for læring" in text
    assert "Nedre Buskerud" in text and "Lier" in text
    assert "Uten region ennå" in text and "Drammen" in text
    assert "Sammenlign kommunene" in text


def test_home_panels(client, network):
    user = h.county_user(network.county)
    client.force_login(user)
    text = client.get(reverse("home")).content.decode()
    assert "2 medlemskommuner" in text
    assert 'href="/fylke/"' in text  # the menu item
    NetworkEvent.objects.create(network=network, kind="meeting", title="Regional samling",
                                date=date.today() + timedelta(days=10), place="Drammen")
    director = f.director(Municipality.objects.get(number="3312"), username="lierdirektor")
    client.force_login(director)
    text = client.get(reverse("home")).content.decode()
    assert "Fylkesnettverket: kommende" in text and "Regional samling" in text and "Møte" in text


def test_a_member_reads_the_network_page_without_edit_links(client, network):
    soon = NetworkEvent.objects.create(network=network, kind="milestone", title="Kartlegging levert",
                                       date=date.today() + timedelta(days=5))
    NetworkEvent.objects.create(network=network, kind="meeting", title="Oppstartssamling",
                                date=date.today() - timedelta(days=30))
    client.force_login(f.adviser(Municipality.objects.get(number="3312"), username="lierradgiver"))
    response = client.get(reverse("county:network", args=[network.pk]))
    text = response.content.decode()
    assert response.status_code == 200
    assert "Kommende milepæler og møter" in text and "Kartlegging levert" in text and "Milepæl" in text
    assert "Tidligere" in text and "Oppstartssamling" in text
    assert reverse("county:event_edit", args=[soon.pk]) not in text
    assert "Ny milepæl eller nytt møte" not in text
    assert client.get(reverse("county:event_edit", args=[soon.pk])).status_code == 403
    assert client.get(reverse("county:comparison", args=[network.pk])).status_code == 403
    # Another municipality's staff: 404 (the network is not theirs); a rector: 403.
    outside = f.MunicipalityFactory(number="3303", county=network.county)
    client.force_login(f.director(outside, username="annen"))
    assert client.get(reverse("county:network", args=[network.pk])).status_code == 404
    client.force_login(f.rector(f.SchoolFactory(municipality=outside), username="rektor3303"))
    assert client.get(reverse("county:network", args=[network.pk])).status_code == 403


def test_the_county_user_adds_and_edits_an_event(client, network):
    client.force_login(h.county_user(network.county))
    url = reverse("county:event_create", args=[network.pk])
    assert "Ny milepæl eller nytt møte" in client.get(url).content.decode()
    response = client.post(url, {"kind": "meeting", "title": "", "date": "", "version": 0})
    assert "Feltet er påkrevet." in response.content.decode()
    response = client.post(url, {"kind": "meeting", "title": "Samling for skoleledere", "date": "2099-10-15",
                                 "time": "09:00", "place": "Drammen", "description": "Analyse.", "version": 0})
    assert response.status_code == 302
    event = NetworkEvent.objects.get()
    assert event.time.hour == 9 and event.network == network
    edit = reverse("county:event_edit", args=[event.pk])
    assert "Endre: Samling for skoleledere" in client.get(edit).content.decode()
    client.post(edit, {"kind": "milestone", "title": "Frist for analyser", "date": "2099-10-20", "version": 1})
    event.refresh_from_db()
    assert event.title == "Frist for analyser" and event.kind == "milestone" and event.version == 2
    assert event.history.count() == 2


def test_the_county_user_adds_regions_and_places_members(client, network):
    client.force_login(h.county_user(network.county))
    url = reverse("county:regions", args=[network.pk])
    assert "Plasser hver medlemskommune" in client.get(url).content.decode()
    client.post(url, {"add_region": "1", "region-name": "Midt-Buskerud"})
    response = client.post(url, {"add_region": "1", "region-name": "Midt-Buskerud"}, follow=True)
    assert "Fylket har allerede en region med dette navnet." in response.content.decode()
    midt = network.county.network_regions.get(name="Midt-Buskerud")
    drammen = NetworkMembership.objects.get(municipality__number="3301")
    lier = NetworkMembership.objects.get(municipality__number="3312")
    response = client.post(url, {"assign": "1", f"region-{drammen.pk}": midt.pk, f"region-{lier.pk}": ""},
                           follow=True)
    assert "Regionene er lagret (2 endret)." in response.content.decode()
    drammen.refresh_from_db(), lier.refresh_from_db()
    assert drammen.region == midt and lier.region is None


def test_the_administrator_joins_and_withdraws(client, network):
    c = network.county
    other = h.network(c, name="Realfagsnettverket")
    muni = h.municipality(c, "3303", "Kongsberg")
    admin = f.user_with_role(Role.ADMINISTRATOR, muni, username="kongsbergadmin")
    client.force_login(admin)
    url = reverse("county:municipality_networks")
    text = client.get(url).content.decode()
    assert "Som administrator bestemmer du om Kongsberg skal delta." in text
    assert "Bli med i Kultur for læring" in text and "Bli med i Realfagsnettverket" in text
    response = client.post(reverse("county:network_join", args=[network.pk]), follow=True)
    assert "Kongsberg er nå medlem av Kultur for læring." in response.content.decode()
    membership = NetworkMembership.objects.get(network=network, municipality=muni)
    assert membership.joined_by == admin and membership.region is None
    assert "Meld kommunen ut av nettverket" in response.content.decode()
    response = client.post(reverse("county:network_join", args=[network.pk]), follow=True)
    assert "Kongsberg er allerede medlem av Kultur for læring." in response.content.decode()
    response = client.post(reverse("county:network_withdraw", args=[network.pk]), follow=True)
    assert "Kongsberg er meldt ut av Kultur for læring." in response.content.decode()
    assert not NetworkMembership.objects.filter(municipality=muni).exists()
    # A network of another county is not there to join.
    foreign = h.network(h.county("34", "Innlandet"))
    assert client.post(reverse("county:network_join", args=[foreign.pk])).status_code == 404
    assert other.memberships.count() == 0
    # Directors do not decide it.
    client.force_login(f.director(muni, username="kongsbergdirektor"))
    assert client.get(url).status_code == 403
    assert client.post(reverse("county:network_join", args=[network.pk])).status_code == 403


def test_new_municipality_for_the_superuser_only(client, network):
    url = reverse("county:municipality_create")
    client.force_login(f.user_with_role(Role.ADMINISTRATOR, Municipality.objects.get(number="3312"),
                                        username="lieradmin", is_staff=True))
    assert client.get(url).status_code == 403
    client.force_login(h.county_user(network.county))
    assert client.get(url).status_code == 403
    client.force_login(f.UserFactory(username="root", is_superuser=True, is_staff=True))
    text = client.get(url).content.decode()
    assert "Ny kommune" in text and "Kommunenummer" in text and "Bli med i fylkets nettverk" in text
    response = client.post(url, {"number": "33x2", "name": "Hole"})
    assert "Et kommunenummer har nøyaktig 4 sifre." in response.content.decode()
    response = client.post(url, {"number": "3312", "name": "Hole"})
    assert "Det finnes allerede en kommune med nummer 3312." in response.content.decode()
    response = client.post(url, {"number": "3310", "name": "Hole"})
    assert "Velg et fylke, eller oppgi nummer og navn på det nye fylket." in response.content.decode()
    region = network.county.network_regions.get()
    response = client.post(url, {"number": "3310", "name": "Hole", "county": network.county.pk,
                                 "network": network.pk, "region": region.pk}, follow=True)
    assert "Kommunen Hole er opprettet." in response.content.decode()
    hole = Municipality.objects.get(number="3310")
    assert hole.county == network.county
    assert NetworkMembership.objects.get(municipality=hole).region == region
    response = client.post(url, {"number": "3405", "name": "Lillehammer", "county_number": "34",
                                 "county_name": "Innlandet", "network": network.pk})
    assert "Nettverket hører til et annet fylke." in response.content.decode()
    client.post(url, {"number": "3405", "name": "Lillehammer", "county_number": "34", "county_name": "Innlandet"})
    assert Municipality.objects.get(number="3405").county.name == "Innlandet"


def test_a_county_user_never_sees_a_schools_own_work(client, network):
    lier = Municipality.objects.get(number="3312")
    school = f.SchoolFactory(municipality=lier, name="Lierbyen skole")
    mirror_year = df.MirrorYearFactory(municipality=lier, school_year=2025)
    from django.utils import timezone

    df.AssessmentFactory(mirror_year=mirror_year, school=school, status="submitted", submitted_at=timezone.now())
    client.force_login(h.county_user(network.county))
    kw = {"school_id": school.pk, "year": 2025}
    assert client.get(reverse("dialogue:assessment", kwargs=kw)).status_code == 404
    assert client.get(reverse("dialogue:mirror", kwargs=kw)).status_code == 404
    assert client.get(reverse("dialogue:dialogue", kwargs=kw)).status_code == 404
    assert client.get(reverse("dialogue:report_list", kwargs={"year": 2025})).status_code == 403
    assert client.get(reverse("dialogue:my_tasks")).status_code in (403, 404)
    assert client.get(reverse("dialogue:dashboard")).status_code == 403
    assert client.get(reverse("unit_list")).status_code == 403
