"""Input from units with attachments, action-plan drafts, status reports."""
import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from laeringslop.tests import factories as core
from laeringslop.tests.pdf import is_tagged
from projects.models import ActionPlanDraft, Attachment, GroupMembership, Input, InputStatus, StatusReport

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(world):
    plan = f.PlanFactory(municipality=world.municipality)
    group = f.GroupFactory(plan=plan, name="Prosjektgruppe barneskole")
    leader = core.UserFactory(username="leder")
    GroupMembership.objects.create(group=group, user=leader, role="leader", category="administration",
                                   start_date=timezone.localdate())
    plain = core.UserFactory(username="vanlig")
    GroupMembership.objects.create(group=group, user=plain, role="member", category="union",
                                   start_date=timezone.localdate())
    return plan, group, leader, plain


def _send(client, group, unit, **files):
    return client.post(reverse("projects:input_create"), {
        "group": group.pk, "unit": unit.pk, "title": "Overganger", "text": "Felles rutiner ved skolestart",
        "attachments": files.get("attachments", [])})


def test_rector_sends_input_with_attachments_for_own_school_only(client, world, setup):
    _plan, group, _leader, _plain = setup
    client.force_login(world.users["rector"])
    refused = _send(client, group, world.other_school)
    assert "Du kan bare sende innspill for en enhet du leder." in refused.content.decode()
    files = [SimpleUploadedFile("notat.txt", b"Innspill fra personalet"),
             SimpleUploadedFile("plan.pdf", b"%PDF-1.4 ...", content_type="application/pdf")]
    response = _send(client, group, world.school, attachments=files)
    item = Input.objects.get()
    assert response.url == reverse("projects:input_detail", args=[item.pk])
    assert (item.unit, item.submitted_by, item.status) == (world.school, world.users["rector"], InputStatus.SUBMITTED)
    assert sorted(a.original_name for a in item.attachments.all()) == ["notat.txt", "plan.pdf"]
    # Stored under MEDIA_ROOT with a random name, downloaded only through the checked view.
    attachment = item.attachments.get(original_name="notat.txt")
    assert "notat" not in attachment.file.name
    download = client.get(reverse("projects:attachment_download", args=[attachment.pk]))
    assert b"".join(download.streaming_content) == b"Innspill fra personalet"
    assert 'attachment; filename="notat.txt"' in download["Content-Disposition"]
    other_rector = core.rector(world.other_school)
    client.force_login(other_rector)
    assert client.get(reverse("projects:attachment_download", args=[attachment.pk])).status_code == 404
    assert client.get(reverse("projects:input_detail", args=[item.pk])).status_code == 404


def test_attachments_over_the_limit_are_refused(client, world, setup, settings):
    settings.MAX_UPLOAD_SIZE = 1024 * 1024
    _plan, group, _leader, _plain = setup
    client.force_login(world.users["kindergarten_head"])
    big = SimpleUploadedFile("stor.pdf", b"x" * (1024 * 1024 + 1))
    page = _send(client, group, world.kindergarten, attachments=[big]).content.decode()
    assert "Filen stor.pdf er for stor: grensen er 1 MB." in page
    assert not Input.objects.exists() and not Attachment.objects.exists()


def test_leader_processes_input_into_a_draft_but_a_plain_member_cannot_see_it(client, world, setup):
    plan, group, leader, plain = setup
    draft = f.DraftFactory(plan=plan, number=1, created_by=world.users["adviser"])
    item = f.InputFactory(group=group, unit=world.school, submitted_by=world.users["rector"])
    client.force_login(plain)
    assert client.get(reverse("projects:input_detail", args=[item.pk])).status_code == 404
    assert client.get(reverse("projects:input_list")).status_code == 403
    client.force_login(leader)
    assert item.title in client.get(reverse("projects:input_list")).content.decode()
    client.post(reverse("projects:input_process", args=[item.pk]), {"draft": draft.pk})
    item.refresh_from_db()
    assert (item.status, item.draft, item.processed_by) == (InputStatus.PROCESSED, draft, leader)
    client.force_login(world.users["adviser"])
    page = client.get(reverse("projects:draft_detail", args=[draft.pk])).content.decode()
    assert item.title in page


def test_drafts_are_numbered_kept_and_compared(client, world, setup):
    plan, group, _leader, plain = setup
    client.force_login(world.users["adviser"])
    client.post(reverse("projects:draft_create", args=[plan.pk]),
                {"title": "Handlingsplan", "text": "Tidlig innsats\nLesing i alle fag", "status": "draft"})
    page = client.get(reverse("projects:draft_create", args=[plan.pk])).content.decode()
    assert "Lesing i alle fag" in page  # the next draft starts from the latest
    client.post(reverse("projects:draft_create", args=[plan.pk]),
                {"title": "Handlingsplan", "text": "Tidlig innsats\nLesing og regning i alle fag", "status": "draft"})
    first, second = ActionPlanDraft.objects.order_by("number")
    assert (first.number, second.number) == (1, 2)
    assert first.text == "Tidlig innsats\nLesing i alle fag"
    url = reverse("projects:draft_compare", args=[plan.pk])
    page = client.get(url, {"old": first.pk, "new": second.pk}).content.decode()
    assert "Utkast 1" in page and "Utkast 2" in page
    changed = page.split('<tr class="diff-row-changed">')[1].split("</tr>")[0]
    old_cell, new_cell = changed.split('<td class="diff-text diff-changed">')[1:]
    assert old_cell.startswith("Lesing i alle fag</td>")  # the old line, on the left, whole
    assert new_cell.startswith("Lesing<ins> og regning</ins> i alle fag</td>")  # the words the new draft added
    assert "&nbsp;" not in page.split("<table")[1]  # text wraps in its cell
    assert "Velg to forskjellige utkast." in client.get(url, {"old": first.pk, "new": first.pk}).content.decode()
    # A group member comments on behalf of the group.
    client.force_login(plain)
    client.post(reverse("projects:draft_comment", args=[second.pk]), {"group": group.pk, "text": "Helhet og sammenheng!"})
    assert second.comments.get().group == group
    assert "Helhet og sammenheng!" in client.get(reverse("projects:draft_detail", args=[second.pk])).content.decode()
    client.force_login(world.users["no_role"])
    assert client.post(reverse("projects:draft_comment", args=[second.pk]), {"text": "x"}).status_code == 404


def test_status_report_counts_members_on_its_date_and_downloads_as_pdf(client, world, setup):
    plan, group, _leader, _plain = setup
    f.GoalFactory(plan=plan, title="Felles kultur for læring")
    day = datetime.date(2025, 2, 6)
    for category, start, end in [("politician", "2024-01-01", None), ("politician", "2024-01-01", "2024-12-31"),
                                 ("administration", "2024-06-01", None), ("union", "2025-03-01", None)]:
        GroupMembership.objects.create(group=group, person_name="P", category=category, start_date=start,
                                       end_date=end)
    client.force_login(world.users["adviser"])
    page = client.get(reverse("projects:report_create", args=[plan.pk])).content.decode()
    assert 'value="Felles kultur for læring"' in page  # the plan's goals fill the table
    future = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    data = {"group": group.pk, "as_of": future, "description": "Helhetlig barnehage- og skoleutvikling",
            "challenges": "Holde prosjektet levende", "comments": "En god historie",
            "items-TOTAL_FORMS": 1, "items-INITIAL_FORMS": 0, "items-MIN_NUM_FORMS": 0, "items-MAX_NUM_FORMS": 1000,
            "items-0-goal": "Felles kultur for læring", "items-0-measures": "Felles planleggingsdag",
            "items-0-status": "Positive tilbakemeldinger"}
    page = client.post(reverse("projects:report_create", args=[plan.pk]), data).content.decode()
    assert "datoen kan ikke være fram i tid" in page
    data["as_of"] = day.isoformat()
    data["attachments"] = [SimpleUploadedFile("epost.txt", b"Fra en rektor")]
    response = client.post(reverse("projects:report_create", args=[plan.pk]), data)
    report = StatusReport.objects.get()
    assert response.url == reverse("projects:report_detail", args=[report.pk])
    page = client.get(response.url).content.decode()
    # On 6.2.2025: one politician (the other left), one from the administration, the union rep not yet.
    # Leader and member (portal users, "administration"/"union") joined today, after the report's date.
    assert "Medlemmer etter kategori per 06.02.2025" in page
    row = page.split("Prosjektgruppe barneskole</th>")[1].split("</tr>")[0]
    assert [cell.split(">")[1].split("<")[0] for cell in row.split("<td")[1:]] == ["1", "1", "0", "0", "0", "2"]
    assert "Felles planleggingsdag" in page and "epost.txt" in page
    pdf = client.get(reverse("projects:report_pdf", args=[report.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert is_tagged(pdf.content)  # structure for screen readers


def test_input_list_uses_a_bounded_number_of_queries(client, world, setup, django_assert_max_num_queries):
    _plan, group, leader, _plain = setup

    def add(n):
        for _ in range(n):
            item = f.InputFactory(group=group, unit=world.school, submitted_by=world.users["rector"])
            Attachment.objects.create(input=item, file=SimpleUploadedFile("a.txt", b"a"), original_name="a.txt",
                                      size=1, uploaded_by=world.users["rector"])

    add(3)
    for user in (world.users["adviser"], leader, world.users["rector"]):
        client.force_login(user)
        with django_assert_max_num_queries(20) as small:
            client.get(reverse("projects:input_list"))
        add(30)
        with django_assert_max_num_queries(len(small.captured_queries)):
            page = client.get(reverse("projects:input_list")).content.decode()
        assert page.count(reverse("projects:input_detail", args=[Input.objects.first().pk])) == 1
