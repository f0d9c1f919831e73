"""Lost updates on milestones: two edit forms read at the same version, and an old form after «mark done»."""
import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from laeringslop.concurrency import StaleVersion
from milestones import services
from milestones.forms import MilestoneForm
from milestones.models import Milestone, Status
from projects.tests import factories as pf

from .factories import MilestoneFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def days(n):
    return TODAY() + datetime.timedelta(days=n)


@pytest.fixture
def plan(world):
    return pf.PlanFactory(municipality=world.municipality, start_year=TODAY().year - 1, end_year=TODAY().year + 2)


@pytest.fixture
def milestone(plan):
    return MilestoneFactory(plan=plan, title="Første utkast", due_date=days(20))


def _data(milestone, **changes):
    """What the edit page posts: the milestone as read, with the user's changes."""
    return {"title": milestone.title, "description": milestone.description, "due_date": milestone.due_date.isoformat(),
            "status": milestone.status, "completed_on": "", "version": milestone.version, **changes}


def _form(milestone, **changes):
    fresh = Milestone.objects.get(pk=milestone.pk)
    return MilestoneForm(_data(milestone, **changes), instance=fresh)


def test_service_first_save_wins_second_is_refused_with_code_stale(milestone):
    first, second = _form(milestone, title="Andre utkast"), _form(milestone, due_date=days(30).isoformat())
    assert first.is_valid() and second.is_valid()
    services.milestone_save(first)
    with pytest.raises(StaleVersion) as refused:
        services.milestone_save(second)
    assert refused.value.code == "stale" and {e.code for e in refused.value.error_list} == {"stale"}
    assert refused.value.current_version == milestone.version + 1
    stored = Milestone.objects.get(pk=milestone.pk)
    assert (stored.title, stored.due_date, stored.version) == ("Andre utkast", days(20), milestone.version + 1)
    # What differs, per field: label, the value now stored, the value in the refused form.
    assert ("Tittel", "Andre utkast", "Første utkast") in refused.value.changes
    assert ("Frist", days(20).strftime("%d.%m.%Y"), days(30).strftime("%d.%m.%Y")) in refused.value.changes


def test_page_second_save_is_refused_in_norwegian_and_keeps_the_input(client, world, milestone):
    client.force_login(world.users["adviser"])
    url = reverse("milestones:edit", args=[milestone.pk])
    assert client.post(url, _data(milestone, title="Andre utkast")).status_code == 302
    response = client.post(url, _data(milestone, title="Mitt utkast", description="Mine notater"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Noen andre har lagret en nyere versjon mens du redigerte, så ingenting ble lagret." in page
    assert "Tittel: lagret nå «Andre utkast», i skjemaet ditt «Mitt utkast»." in page
    assert "Mitt utkast" in page and "Mine notater" in page  # the user's input is still in the form
    stored = Milestone.objects.get(pk=milestone.pk)
    assert (stored.title, stored.description) == ("Andre utkast", "")
    # The form shown again carries the stored version: saving it again is a deliberate overwrite.
    form = response.context["form"]
    assert form["version"].value() == str(stored.version)
    assert client.post(url, {**_data(milestone, title="Mitt utkast"), "version": stored.version}).status_code == 302
    assert Milestone.objects.get(pk=milestone.pk).title == "Mitt utkast"


def test_an_old_form_does_not_revert_mark_done(client, world, milestone):
    client.force_login(world.users["adviser"])
    old = _data(milestone, title="Nytt navn")  # read while the milestone was planned
    client.post(reverse("milestones:complete", args=[milestone.pk]), {"completed_on": ""})
    done = Milestone.objects.get(pk=milestone.pk)
    assert done.status == Status.DONE and done.version == milestone.version + 1
    response = client.post(reverse("milestones:edit", args=[milestone.pk]), old)
    page = response.content.decode()
    assert response.status_code == 200 and "ingenting ble lagret" in page
    assert "Status: lagret nå «Fullført», i skjemaet ditt «Planlagt»." in page
    stored = Milestone.objects.get(pk=milestone.pk)
    assert (stored.status, stored.completed_on, stored.title) == (Status.DONE, TODAY(), "Første utkast")


def test_mark_done_bumps_the_stored_version_even_from_an_old_object(milestone):
    old = Milestone.objects.get(pk=milestone.pk)
    Milestone.objects.filter(pk=milestone.pk).update(version=7)  # saved meanwhile
    services.milestone_complete(old)
    assert Milestone.objects.get(pk=milestone.pk).version == 8
