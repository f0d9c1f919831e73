import datetime

import pytest
from django.core.management import call_command

from milestones.models import Milestone, Status
from projects.models import GroupKind, GroupMembership, MandateStatus, QualityPlan

pytestmark = pytest.mark.django_db


def test_seed_demo_adds_the_drammen_plan_from_the_status_of_january_2016():
    call_command("seed_demo")
    plan = QualityPlan.objects.get(name__startswith="Læringsløp Drammen")
    assert (plan.start_year, plan.end_year) == (2016, 2020)
    steering = plan.groups.get(kind=GroupKind.STEERING)
    officers = {m.role: m.user.username for m in GroupMembership.objects.filter(group=steering, user__isnull=False)}
    assert officers == {"leader": "direktor", "secretary": "radgiver"}
    assert sorted(g.stage for g in plan.groups.filter(kind=GroupKind.PROJECT, parent=steering)) == [
        "kindergarten", "lower_secondary", "primary", "upper_secondary"]
    assert plan.phases.count() == 3
    assert steering.mandates.get(phase__number=1).status == MandateStatus.ADOPTED
    dates = {m.due_date: m for m in Milestone.objects.filter(plan=plan)}
    assert dates[datetime.date(2015, 9, 11)].delivers_mandate.adopted_on == datetime.date(2015, 9, 11)
    assert dates[datetime.date(2015, 10, 19)].status == Status.DONE
    meeting = dates[datetime.date(2016, 1, 29)]
    # The plan ended in 2020 and is archived: its open meeting is «not done», no longer late.
    assert plan.is_archived and plan.archived_by.username == "direktor"
    assert meeting.delivers_draft.number == 1 and not meeting.is_late() and meeting.status_key == "not_done"


def test_seed_demo_gives_the_current_plan_content_in_todays_school_year():
    call_command("seed_demo")
    plan = QualityPlan.objects.get(name="Kvalitetsplan for oppvekst i Elvedal 2025–2029")
    assert not plan.is_archived
    assert plan.goals.count() >= 3 and plan.expectations.count() >= 3 and plan.phases.count() == 3
    assert plan.groups.filter(kind=GroupKind.PROJECT).count() == 4
    assert all(g.mandates.filter(status=MandateStatus.ADOPTED).exists() for g in plan.groups.all())
    report = plan.reports.get()
    assert report.items.count() == 4
    from projects.demo import current_school_year

    year = current_school_year()
    assert plan.milestones.count() >= 6
    assert all(year.contains(m.due_date) for m in plan.milestones.all())
