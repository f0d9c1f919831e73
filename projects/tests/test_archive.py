"""Archiving an ended plan: who and when are stored, it is read-only, out of the lists, panels,
reminders and calendars, and still found with «Vis arkiverte»."""
import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from indicators.models import Indicator
from milestones import selectors as milestone_selectors
from milestones import services as milestone_services
from milestones.forms import MilestoneForm
from milestones.models import Milestone
from milestones.tests.factories import MilestoneFactory
from notices.models import Notice
from projects import expectations, measures, services
from projects.forms import ExpectationForm, GoalForm, MandateForm, MeasureForm, MembershipForm, PlanForm
from projects.models import Expectation, Goal, GroupMembership, Mandate, Measure, QualityPlan

from . import factories as f

pytestmark = pytest.mark.django_db


def _ended_plan(world, **extra):
    return f.PlanFactory(**{"municipality": world.municipality, "name": "Læringsløp Drammen", "start_year": 2016,
                            "end_year": 2020, **extra})


def _archived(world):
    plan = _ended_plan(world)
    services.quality_plan_archive(plan=plan, user=world.users["director"])
    return plan


# --- The archive decision ---------------------------------------------------------------------
def test_archiving_stores_who_and_when(world):
    plan = _ended_plan(world)
    services.quality_plan_archive(plan=plan, user=world.users["adviser"])
    plan.refresh_from_db()
    assert plan.archived_by == world.users["adviser"] and plan.archived_at is not None


def test_a_running_plan_cannot_be_archived(world):
    plan = f.PlanFactory(municipality=world.municipality, start_year=2024, end_year=timezone.localdate().year)
    with pytest.raises(ValidationError) as error:
        services.quality_plan_archive(plan=plan, user=world.users["adviser"])
    assert error.value.code == "not_ended"


def test_a_rector_cannot_archive(world):
    plan = _ended_plan(world)
    with pytest.raises(ValidationError) as error:
        services.quality_plan_archive(plan=plan, user=world.users["rector"])
    assert error.value.code == "not_allowed"


def test_another_municipalitys_director_cannot_archive(world):
    plan = _ended_plan(world)
    with pytest.raises(ValidationError) as error:
        services.quality_plan_archive(plan=plan, user=world.users["other_director"])
    assert error.value.code == "not_allowed"


def test_an_archived_plan_is_not_archived_twice(world):
    plan = _archived(world)
    with pytest.raises(ValidationError) as error:
        services.quality_plan_archive(plan=plan, user=world.users["adviser"])
    assert error.value.code == "already_archived"


def test_unarchiving_makes_the_plan_writable_again(world):
    plan = _archived(world)
    services.quality_plan_unarchive(plan=plan, user=world.users["adviser"])
    plan.refresh_from_db()
    assert plan.archived_at is None and plan.archived_by is None
    services.plan_ensure_writable(plan)  # no refusal


def test_a_plan_that_is_not_archived_cannot_be_unarchived(world):
    with pytest.raises(ValidationError) as error:
        services.quality_plan_unarchive(plan=_ended_plan(world), user=world.users["adviser"])
    assert error.value.code == "not_archived"


# --- Read-only: every write refuses with code "archived" ---------------------------------------
def _refused(call):
    with pytest.raises(ValidationError) as error:
        call()
    return error.value.code


def _bound(form_class, instance, data):
    form = form_class(data, instance=instance)
    assert form.is_valid(), form.errors
    return form


def test_plan_update_refuses_an_archived_plan(world):
    plan = _archived(world)
    form = _bound(PlanForm, plan, {"name": "Nytt navn", "start_year": 2016, "end_year": 2020,
                                   "version": plan.version})
    assert _refused(lambda: services.plan_update(form)) == "archived"
    plan.refresh_from_db()
    assert plan.name == "Læringsløp Drammen"


def test_a_new_goal_is_refused_in_an_archived_plan(world):
    plan = _archived(world)
    form = _bound(GoalForm, Goal(plan=plan), {"title": "Nytt mål", "order": 1, "version": 0})
    assert _refused(lambda: services.plan_child_save(form, plan=plan)) == "archived"
    assert not plan.goals.exists()


def test_a_new_measure_is_refused_in_an_archived_plan(world):
    plan = _archived(world)
    form = _bound(MeasureForm, Measure(plan=plan), {
        "title": "Lesing i alle fag", "responsible": "Skoleeierteamet", "starts_on": "2019-08-15",
        "all_schools": "on", "version": 0, "indicators": [Indicator.objects.get(code="NPLES05").pk]})
    assert _refused(lambda: measures.measure_save(form=form, plan=plan)) == "archived"
    assert not Measure.objects.filter(plan=plan).exists()


def test_an_expectations_signs_are_not_changed_in_an_archived_plan(world):
    plan = _ended_plan(world)
    expectation = Expectation.objects.create(plan=plan, title="Vurdering for læring", order=1)
    services.quality_plan_archive(plan=plan, user=world.users["director"])
    form = _bound(ExpectationForm, expectation, {"title": "Vurdering for læring", "order": 1,
                                                 "signs": "Elevene vet hva de skal lære",
                                                 "version": expectation.version})
    assert _refused(lambda: expectations.expectation_save(form=form)) == "archived"
    assert not expectation.signs.exists()


def test_a_new_member_is_refused_in_an_archived_plan(world):
    plan = _ended_plan(world)
    group = f.GroupFactory(plan=plan)
    services.quality_plan_archive(plan=plan, user=world.users["director"])
    form = _bound(MembershipForm, GroupMembership(group=group), {
        "person_name": "Ekstern", "role": "member", "category": "other", "start_date": "2016-01-01",
        "version": 0})
    assert _refused(lambda: services.membership_save(form, group=group)) == "archived"


def test_a_mandate_is_refused_in_an_archived_plan(world):
    plan = _ended_plan(world)
    group = f.GroupFactory(plan=plan)
    phase = f.PhaseFactory(plan=plan, number=1, start_date=datetime.date(2016, 1, 1),
                           end_date=datetime.date(2016, 6, 30))
    services.quality_plan_archive(plan=plan, user=world.users["director"])
    form = _bound(MandateForm, Mandate(group=group), {
        "phase": phase.pk, "title": "Mandat", "text": "Tekst", "status": "draft", "version": 0})
    assert _refused(lambda: services.mandate_save(form, group=group)) == "archived"


def test_the_feed_address_is_not_replaced_in_an_archived_plan(world):
    plan = _archived(world)
    token = plan.feed_token
    assert _refused(lambda: services.plan_feed_token_regenerate(plan)) == "archived"
    plan.refresh_from_db()
    assert plan.feed_token == token


def test_a_milestone_is_not_marked_done_in_an_archived_plan(world):
    plan = _ended_plan(world)
    milestone = MilestoneFactory(plan=plan, due_date=datetime.date(2016, 1, 29))
    services.quality_plan_archive(plan=plan, user=world.users["director"])
    assert _refused(lambda: milestone_services.milestone_complete(milestone)) == "archived"
    milestone.refresh_from_db()
    assert milestone.status == "planned"


def test_a_new_milestone_is_refused_in_an_archived_plan(world):
    plan = _archived(world)
    form = MilestoneForm({"title": "Ny", "due_date": "2020-06-01", "status": "done", "completed_on": "2020-06-01",
                          "version": 0}, instance=Milestone(plan=plan))
    assert form.is_valid(), form.errors
    assert _refused(lambda: milestone_services.milestone_save(form, plan=plan)) == "archived"
    assert not plan.milestones.exists()


# --- Pages -----------------------------------------------------------------------------------
def test_the_archived_plans_page_says_so_and_hides_its_edit_links(client, world):
    plan = _archived(world)
    client.force_login(world.users["adviser"])
    page = client.get(reverse("projects:plan_detail", args=[plan.pk])).content.decode()
    assert "Planen kan bare leses" in page and "Ta ut av arkivet" in page
    assert "Endre planen" not in page and "Legg til mål" not in page
    assert reverse("projects:report_create", args=[plan.pk]) not in page


def test_the_change_history_says_the_plan_was_archived(client, world):
    plan = _ended_plan(world)
    client.force_login(world.users["adviser"])
    client.post(reverse("projects:plan_archive", args=[plan.pk]))
    page = client.get(reverse("projects:plan_detail", args=[plan.pk])).content.decode()
    assert "Endret (arkivert)" in page


def test_an_ended_plan_offers_archiving_to_its_editors(client, world):
    plan = _ended_plan(world)
    client.force_login(world.users["adviser"])
    response = client.post(reverse("projects:plan_archive", args=[plan.pk]), follow=True)
    assert "Planen er arkivert." in response.content.decode()
    assert QualityPlan.objects.get(pk=plan.pk).archived_by == world.users["adviser"]


def test_a_running_plan_is_refused_archiving_in_norwegian(client, world):
    plan = f.PlanFactory(municipality=world.municipality, start_year=2024, end_year=timezone.localdate().year + 1)
    client.force_login(world.users["adviser"])
    response = client.post(reverse("projects:plan_archive", args=[plan.pk]), follow=True)
    assert "bare en plan som er avsluttet, kan arkiveres" in response.content.decode()
    assert not QualityPlan.objects.get(pk=plan.pk).is_archived


@pytest.mark.parametrize("url_name, kwargs", [
    ("projects:plan_edit", lambda plan: {"pk": plan.pk}),
    ("projects:goal_create", lambda plan: {"plan_pk": plan.pk}),
    ("projects:group_create", lambda plan: {"plan_pk": plan.pk}),
    ("projects:report_create", lambda plan: {"plan_pk": plan.pk}),
    ("projects:draft_create", lambda plan: {"plan_pk": plan.pk}),
    ("milestones:create", lambda plan: {"plan_pk": plan.pk}),
])
def test_the_forms_of_an_archived_plan_refuse_in_norwegian(client, world, url_name, kwargs):
    plan = _archived(world)
    client.force_login(world.users["adviser"])
    response = client.get(reverse(url_name, kwargs=kwargs(plan)))
    assert response.status_code == 403
    assert "er arkivert og kan ikke lenger endres" in response.content.decode()


def test_an_archived_plans_group_still_lists_its_input_without_processing(client, world):
    plan = _ended_plan(world)
    group = f.GroupFactory(plan=plan, name="Prosjektgruppe barnetrinn")
    item = f.InputFactory(group=group, unit=world.school, title="Innspill om overgangen",
                          submitted_by=world.users["rector"])
    services.quality_plan_archive(plan=plan, user=world.users["director"])
    client.force_login(world.users["adviser"])
    assert "Innspill om overgangen" in client.get(reverse("projects:group_detail", args=[group.pk])).content.decode()
    page = client.get(reverse("projects:input_detail", args=[item.pk])).content.decode()
    assert reverse("projects:input_process", args=[item.pk]) not in page


def test_a_post_to_an_archived_plans_form_changes_nothing(client, world):
    plan = _archived(world)
    client.force_login(world.users["adviser"])
    response = client.post(reverse("projects:plan_edit", args=[plan.pk]), {
        "name": "Endret", "start_year": 2016, "end_year": 2020, "version": plan.version})
    assert response.status_code == 403
    assert QualityPlan.objects.get(pk=plan.pk).name == "Læringsløp Drammen"


def test_the_plan_list_leaves_archived_plans_out_by_default(client, world):
    _archived(world)
    f.PlanFactory(municipality=world.municipality, name="Kvalitetsplan 2025–2029", start_year=2025, end_year=2029)
    client.force_login(world.users["director"])
    page = client.get(reverse("projects:plan_list")).content.decode()
    assert "Kvalitetsplan 2025–2029" in page and "Læringsløp Drammen" not in page


def test_show_archived_finds_the_archived_plan_by_name(client, world):
    _archived(world)
    f.PlanFactory(municipality=world.municipality, name="Kvalitetsplan 2025–2029", start_year=2025, end_year=2029)
    client.force_login(world.users["director"])
    page = client.get(reverse("projects:plan_list"), {"q": "drammen", "arkiverte": "1"}).content.decode()
    assert "Læringsløp Drammen" in page and "Arkivert" in page
    assert "Kvalitetsplan 2025–2029" not in page


def test_the_search_does_not_reach_another_municipalitys_archive(client, world):
    other = f.PlanFactory(municipality=world.other_municipality, name="Fremmed Drammen", start_year=2016,
                          end_year=2020)
    services.quality_plan_archive(plan=other, user=world.users["other_director"])
    client.force_login(world.users["director"])
    page = client.get(reverse("projects:plan_list"), {"q": "Drammen", "arkiverte": "1"}).content.decode()
    assert "Fremmed Drammen" not in page and "Ingen planer passer til søket." in page


# --- Out of panels, reminders and calendars ------------------------------------------------------
def _late_milestone_of_archived_plan(world):
    plan = _ended_plan(world, end_year=timezone.localdate().year)  # still "running" by its years
    milestone = MilestoneFactory(plan=plan, title="Arbeidsmøte Drammen", due_date=timezone.localdate()
                                 - datetime.timedelta(days=3), responsible_person=world.users["adviser"])
    plan.archived_at, plan.archived_by = timezone.now(), world.users["director"]
    plan.save()
    return milestone


def test_an_archived_plans_milestones_leave_the_home_panel(world):
    _late_milestone_of_archived_plan(world)
    assert milestone_selectors.due_and_late_by_plan(world.users["director"]) == []


def test_an_archived_plans_milestones_are_not_reminded(world):
    _late_milestone_of_archived_plan(world)
    assert milestone_services.reminders_send() == 0
    assert not Notice.objects.exists()


def test_an_archived_plans_milestones_leave_my_milestones(world):
    _late_milestone_of_archived_plan(world)
    assert not milestone_selectors.my_milestones(world.users["adviser"]).exists()


def test_an_archived_plans_open_milestone_is_not_done_rather_than_late(client, world):
    milestone = _late_milestone_of_archived_plan(world)
    client.force_login(world.users["adviser"])
    page = client.get(reverse("milestones:timeline", args=[milestone.plan_id])).content.decode()
    assert "Ikke fullført" in page and "Forsinket" not in page


def test_the_home_page_shows_no_late_milestone_of_an_archived_plan(client, world):
    _late_milestone_of_archived_plan(world)
    client.force_login(world.users["director"])
    page = client.get(reverse("home")).content.decode()
    assert "Arbeidsmøte Drammen" not in page


# --- The heading says the period once -------------------------------------------------------------
def test_a_plan_named_with_its_period_shows_the_period_once(client, world):
    plan = f.PlanFactory(municipality=world.municipality, name="Kvalitetsplan for oppvekst 2025–2029",
                         start_year=2025, end_year=2029)
    client.force_login(world.users["adviser"])
    page = client.get(reverse("projects:plan_detail", args=[plan.pk])).content.decode()
    assert page.count("2025–2029") == page.count("Kvalitetsplan for oppvekst 2025–2029")
    assert str(plan) == "Kvalitetsplan for oppvekst 2025–2029"


def test_a_plan_named_without_its_period_shows_it_beside_the_name(client, world):
    plan = f.PlanFactory(municipality=world.municipality, name="Læringsløp", start_year=2025, end_year=2029)
    client.force_login(world.users["adviser"])
    page = client.get(reverse("projects:plan_detail", args=[plan.pk])).content.decode()
    assert '<small class="text-body-secondary">2025–2029</small>' in page
    assert str(plan) == "Læringsløp (2025–2029)"


def test_a_plan_without_goals_says_so_outside_a_numbered_list(client, world):
    plan = f.PlanFactory(municipality=world.municipality)
    client.force_login(world.users["adviser"])
    page = client.get(reverse("projects:plan_detail", args=[plan.pk])).content.decode()
    assert "<p>Ingen mål ennå.</p>" in page and "<li>Ingen mål ennå.</li>" not in page


# --- Bounded queries ---------------------------------------------------------------------------
def _plans(world, first, count):
    """Plans with a group and a phase each; every other one archived."""
    for i in range(first, first + count):
        plan = f.PlanFactory(municipality=world.municipality, name=f"Plan {i}", start_year=2016, end_year=2020)
        f.GroupFactory(plan=plan)
        f.PhaseFactory(plan=plan, number=1)
        if i % 2:
            plan.archived_at, plan.archived_by = timezone.now(), world.users["director"]
            plan.save()


@pytest.mark.parametrize("params", [{}, {"q": "Plan", "arkiverte": "1"}])
def test_the_plan_list_runs_the_same_queries_for_3_and_33_plans(client, world, django_assert_max_num_queries,
                                                                 params):
    client.force_login(world.users["director"])
    _plans(world, 0, 3)
    with CaptureQueriesContext(connection) as small:
        assert client.get(reverse("projects:plan_list"), params).status_code == 200
    _plans(world, 3, 30)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(reverse("projects:plan_list"), params)
    assert "Plan 32" in response.content.decode()
