"""Plans, phases, groups, members and mandates through the advisers' pages."""
import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from laeringslop.tests import factories as core
from projects.models import GroupKind, GroupMembership, Mandate, MandateStatus, QualityPlan

from . import factories as f

pytestmark = pytest.mark.django_db


def test_adviser_sets_up_a_plan_and_sees_its_history(client, world):
    client.force_login(world.users["adviser"])
    response = client.post(reverse("projects:plan_create"), {
        "name": "Læringsløp Drammen", "start_year": 2016, "end_year": 2020,
        "vision": "Å lykkes i hele læringsløpet", "focus_areas": "Lesing\nRegning"})
    plan = QualityPlan.objects.get(name="Læringsløp Drammen")
    assert response.url == reverse("projects:plan_detail", args=[plan.pk])
    assert plan.municipality == world.municipality
    client.post(reverse("projects:goal_create", args=[plan.pk]), {"title": "Alle lærer mer", "order": 1})
    client.post(reverse("projects:expectation_create", args=[plan.pk]),
                {"title": "Vurdering for læring", "signs": "Elevene vet hva de skal lære\nTilbakemeldinger",
                 "order": 1})
    client.post(reverse("projects:plan_edit", args=[plan.pk]), {
        "name": "Læringsløp Drammen", "start_year": 2016, "end_year": 2021, "vision": "Ny visjon", "focus_areas": "",
        "version": plan.version})
    page = client.get(reverse("projects:plan_detail", args=[plan.pk])).content.decode()
    assert "Alle lærer mer" in page and "Elevene vet hva de skal lære" in page
    assert "Endringshistorikk" in page and "2020 → 2021" in page


def test_plan_form_refuses_years_out_of_order_in_norwegian(client, world):
    client.force_login(world.users["adviser"])
    response = client.post(reverse("projects:plan_create"), {"name": "X", "start_year": 2020, "end_year": 2016})
    assert response.status_code == 200
    assert "Siste år kan ikke være før første år." in response.content.decode()
    assert not QualityPlan.objects.exists()


def test_phase_cannot_start_after_the_plan(client, world):
    plan = f.PlanFactory(municipality=world.municipality, start_year=2016, end_year=2020)
    client.force_login(world.users["adviser"])
    response = client.post(reverse("projects:phase_create", args=[plan.pk]), {
        "number": 1, "name": "Fase 1", "start_date": "2021-01-01", "end_date": "2021-06-01"})
    assert "Fasen kan ikke starte etter planens siste år (2020)." in response.content.decode()


def test_groups_nest_as_deep_as_needed_and_refuse_a_cycle(client, world):
    plan = f.PlanFactory(municipality=world.municipality)
    forum = f.GroupFactory(plan=plan, name="Oppvekstforum", kind=GroupKind.FORUM)
    steering = f.GroupFactory(plan=plan, name="Styringsgruppe", kind=GroupKind.STEERING, parent=forum)
    expert = f.GroupFactory(plan=plan, name="Faggruppe", kind=GroupKind.EXPERT, parent=steering)
    client.force_login(world.users["adviser"])
    page = client.get(reverse("projects:plan_detail", args=[plan.pk])).content.decode()
    assert page.index("Oppvekstforum") < page.index("Styringsgruppe") < page.index("Faggruppe")
    assert 'class="group-depth-2"' in page  # the expert group two levels down (indented by its class)
    response = client.post(reverse("projects:group_edit", args=[forum.pk]), {
        "name": "Oppvekstforum", "kind": "forum", "stage": "all", "parent": expert.pk})
    assert "En gruppe kan ikke rapportere til seg selv eller til en gruppe under seg." in response.content.decode()
    forum.refresh_from_db()
    assert forum.parent is None


def test_members_must_fall_within_the_groups_dates(client, world):
    group = f.GroupFactory(plan=f.PlanFactory(municipality=world.municipality),
                           start_date=datetime.date(2024, 1, 1), end_date=datetime.date(2024, 12, 31))
    client.force_login(world.users["adviser"])
    url = reverse("projects:member_create", args=[group.pk])
    data = {"person_name": "Per Politiker", "role": "member", "category": "politician"}
    page = client.post(url, {**data, "start_date": "2023-06-01", "end_date": "2024-06-01"}).content.decode()
    assert "Medlemskapet kan ikke starte før gruppa (01.01.2024)." in page
    page = client.post(url, {**data, "start_date": "2024-02-01"}).content.decode()
    assert "Medlemskapet må slutte senest når gruppa slutter (31.12.2024)." in page
    page = client.post(url, {"role": "member", "category": "other", "start_date": "2024-02-01",
                             "end_date": "2024-03-01"}).content.decode()
    assert "Velg en bruker i portalen eller skriv navnet på en ekstern person." in page
    assert not GroupMembership.objects.exists()
    client.post(url, {**data, "start_date": "2024-02-01", "end_date": "2024-12-31"})
    assert GroupMembership.objects.get().person_name == "Per Politiker"


def test_a_member_reads_their_group_only(client, world):
    plan = f.PlanFactory(municipality=world.municipality)
    own, other = f.GroupFactory(plan=plan, name="Egen gruppe"), f.GroupFactory(plan=plan, name="Annen gruppe")
    member = core.UserFactory(username="medlem")
    core.adviser(world.municipality, username="kollega")
    client.force_login(world.users["adviser"])
    client.post(reverse("projects:member_create", args=[own.pk]), {
        "user": member.pk, "role": "secretary", "category": "administration",
        "start_date": (timezone.localdate() - datetime.timedelta(days=1)).isoformat()})
    # A user from outside the municipality cannot be chosen.
    assert GroupMembership.objects.filter(user=member).count() == 0
    core.RoleAssignment.objects.create(user=member, role="adviser", municipality=world.municipality)
    client.post(reverse("projects:member_create", args=[own.pk]), {
        "user": member.pk, "role": "secretary", "category": "administration",
        "start_date": (timezone.localdate() - datetime.timedelta(days=1)).isoformat()})
    assert GroupMembership.objects.filter(user=member).count() == 1

    outsider = core.UserFactory(username="gruppemedlem")
    GroupMembership.objects.create(group=own, user=outsider, role="member", category="union",
                                   start_date=timezone.localdate())
    client.force_login(outsider)
    assert client.get(reverse("projects:plan_list")).status_code == 200
    assert client.get(reverse("projects:group_detail", args=[own.pk])).status_code == 200
    assert client.get(reverse("projects:group_detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("projects:group_edit", args=[own.pk])).status_code == 403
    page = client.get(reverse("projects:plan_detail", args=[plan.pk])).content.decode()
    assert reverse("projects:group_detail", args=[own.pk]) in page
    assert reverse("projects:group_detail", args=[other.pk]) not in page


def test_mandate_for_a_phase_of_another_plan_is_refused(client, world):
    plan = f.PlanFactory(municipality=world.municipality)
    group = f.GroupFactory(plan=plan)
    foreign_phase = f.PhaseFactory(plan=f.PlanFactory(municipality=world.municipality))
    client.force_login(world.users["adviser"])
    response = client.post(reverse("projects:mandate_create", args=[group.pk]), {
        "phase": foreign_phase.pk, "title": "Mandat", "text": "Tekst", "status": "draft"})
    assert "Fasen hører til en annen plan enn gruppa." in response.content.decode()
    assert not Mandate.objects.exists()


def test_new_phase_mandate_replaces_the_old_which_stays_readable(client, world):
    plan = f.PlanFactory(municipality=world.municipality, start_year=2015, end_year=2020)
    group = f.GroupFactory(plan=plan, name="Styringsgruppa", kind=GroupKind.STEERING)
    phase1 = f.PhaseFactory(plan=plan, number=1, start_date=datetime.date(2015, 8, 1),
                            end_date=datetime.date(2016, 1, 29))
    phase2 = f.PhaseFactory(plan=plan, number=2, start_date=datetime.date(2016, 1, 29),
                            end_date=datetime.date(2016, 6, 30))
    client.force_login(world.users["director"])
    url = reverse("projects:mandate_create", args=[group.pk])
    future = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    page = client.post(url, {"phase": phase1.pk, "title": "Prosjektmandat", "text": "Svar opp",
                             "status": "adopted", "adopted_on": future}).content.decode()
    assert "Vedtaksdatoen kan ikke være fram i tid." in page
    page = client.post(url, {"phase": phase1.pk, "title": "Prosjektmandat", "text": "Svar opp",
                             "status": "adopted"}).content.decode()
    assert "Et vedtatt mandat må ha datoen det ble vedtatt." in page
    client.post(url, {"phase": phase1.pk, "title": "Prosjektmandat", "text": "Svar opp",
                      "status": "adopted", "adopted_on": "2015-09-11"})
    client.post(url, {"phase": phase2.pk, "title": "Andre prosjektmandat", "text": "Jobb videre",
                      "status": "adopted", "adopted_on": "2016-01-29"})
    first = Mandate.objects.get(phase=phase1)
    assert first.status == MandateStatus.REPLACED
    assert Mandate.objects.get(phase=phase2).status == MandateStatus.ADOPTED
    page = client.get(reverse("projects:mandate_detail", args=[first.pk])).content.decode()
    assert "Svar opp" in page and "Andre prosjektmandat" in page and "Vedtatt → Erstattet" in page


def _many_groups(plan, n, members_each=3):
    steering = f.GroupFactory(plan=plan, kind=GroupKind.STEERING)
    for _ in range(n):
        group = f.GroupFactory(plan=plan, parent=steering)
        for _m in range(members_each):
            f.MembershipFactory(group=group, user=core.UserFactory())
    return steering


def test_plan_and_group_pages_use_a_bounded_number_of_queries(client, world, django_assert_max_num_queries):
    plan = f.PlanFactory(municipality=world.municipality)
    client.force_login(world.users["adviser"])
    steering = _many_groups(plan, 4)
    for _ in range(4):
        f.MembershipFactory(group=steering, user=core.UserFactory())
    urls = [reverse("projects:plan_list"), reverse("projects:plan_detail", args=[plan.pk]),
            reverse("projects:group_detail", args=[steering.pk])]
    small = {}
    for url in urls:
        with django_assert_max_num_queries(30) as captured:
            client.get(url)
        small[url] = len(captured.captured_queries)
    _many_groups(plan, 40)
    for _ in range(40):
        f.MembershipFactory(group=steering, user=core.UserFactory())
    for _ in range(10):
        f.PlanFactory(municipality=world.municipality)
    for url in urls:
        with django_assert_max_num_queries(small[url]):
            assert client.get(url).status_code == 200
