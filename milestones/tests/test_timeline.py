"""The timeline never cuts a phase or milestone name short: the axis carries numbers, the full
names are in the phase list and the table under it."""
import datetime
import re

import pytest
from django.urls import reverse

from projects.tests import factories as pf

from .factories import MilestoneFactory

pytestmark = pytest.mark.django_db
D = datetime.date
PHASE = "Første prosjektfase: svare opp prosjektmandatet fra styringsgruppa"
TITLE = "Styringsgruppas andre arbeidsmøte: første utkast til handlingsplan og nytt prosjektmandat"


def test_timeline_shows_full_phase_and_milestone_names_keyed_by_number(client, world):
    plan = pf.PlanFactory(municipality=world.municipality, start_year=2016, end_year=2020)
    phase = pf.PhaseFactory(plan=plan, number=1, name=PHASE, start_date=D(2016, 1, 1), end_date=D(2016, 3, 1))
    MilestoneFactory(plan=plan, title="Oppstart", due_date=D(2016, 1, 15), phase=phase)
    MilestoneFactory(plan=plan, title=TITLE, due_date=D(2016, 1, 29), phase=phase)
    client.force_login(world.users["adviser"])
    page = client.get(reverse("milestones:timeline", args=[plan.pk])).content.decode()
    axis = page.split('<div class="timeline"')[1].split('<h2 class="h5">')[0]
    labels = re.findall(r'<div class="timeline-(?:phase|milestone)[^"]*"[^>]*>([^<]*)</div>', axis)
    assert labels == ["1", "1", "2"]  # phase 1, milestones 1 and 2: nothing to cut off
    assert f'title="{PHASE}"' not in axis and f'title="1. {PHASE}"' in axis
    assert f'title="2. {TITLE} (29.01.2016)"' in axis
    phases = page.split('id="phase-list">')[1].split("</ol>")[0]
    assert f'<li value="1">{PHASE}: 01.01.2016–01.03.2016</li>' in phases
    table = page.split('id="milestone-table"')[1]
    row = table.split(TITLE)[0].rsplit("<tr", 1)[1]
    assert "<td>2</td><td>29.01.2016</td>" in row  # the table numbers milestones as the axis does
    assert "…" not in axis
