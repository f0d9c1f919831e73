"""The status report (page and PDF) lists the plan's milestones with their state on the report's date."""
import datetime
import shutil
import subprocess

import pytest
from django.urls import reverse

from milestones.models import Status
from milestones.tests.factories import MilestoneFactory

from . import factories as f

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def report(world):
    """A report as of 6.2.2025 and four milestones: done before it, late on it, done after it, not yet due."""
    plan = f.PlanFactory(municipality=world.municipality, start_year=2024, end_year=2028)
    group = f.GroupFactory(plan=plan, name="Prosjektgruppe barnehage")
    other = f.GroupFactory(plan=plan, name="Prosjektgruppe ungdomstrinn")
    MilestoneFactory(plan=plan, title="Mandat vedtatt", due_date=D(2024, 9, 11), status=Status.DONE,
                     completed_on=D(2024, 9, 11), responsible_group=group)
    MilestoneFactory(plan=plan, title="Første utkast levert", due_date=D(2025, 1, 29), responsible_group=group)
    MilestoneFactory(plan=plan, title="Innspill behandlet", due_date=D(2025, 2, 1), status=Status.DONE,
                     completed_on=D(2025, 3, 5), responsible_group=other)
    MilestoneFactory(plan=plan, title="Andre mandat vedtatt", due_date=D(2025, 6, 1), responsible_group=other)
    return f.ReportFactory(plan=plan, as_of=D(2025, 2, 6), filled_in_by=world.users["adviser"])


def _row(page, title):
    return page.split(f"{title}</th>")[1].split("</tr>")[0]


def test_the_report_page_shows_each_milestones_state_on_the_reports_date(client, world, report):
    client.force_login(world.users["adviser"])
    page = client.get(reverse("projects:report_detail", args=[report.pk])).content.decode()
    assert "Milepæler per 06.02.2025" in page
    assert "Fullført" in _row(page, "Mandat vedtatt") and "11.09.2024" in _row(page, "Mandat vedtatt")
    assert "Forsinket" in _row(page, "Første utkast levert")
    assert "Forsinket" in _row(page, "Innspill behandlet")  # done only after the report's date
    assert "Frist ikke nådd" in _row(page, "Andre mandat vedtatt")


def test_a_groups_report_shows_that_groups_milestones(client, world, report):
    report.group = report.plan.groups.get(name="Prosjektgruppe barnehage")
    report.save()
    client.force_login(world.users["adviser"])
    page = client.get(reverse("projects:report_detail", args=[report.pk])).content.decode()
    assert "Første utkast levert" in page and "Innspill behandlet" not in page


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_the_report_pdf_has_the_milestone_section(client, world, report, tmp_path):
    client.force_login(world.users["adviser"])
    pdf = client.get(reverse("projects:report_pdf", args=[report.pk])).content
    path = tmp_path / "rapport.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True,
                          text=True).stdout
    assert "Milepæler per 06.02.2025" in text
    line = next(line for line in text.splitlines() if "Første utkast levert" in line)
    assert "Forsinket" in line
