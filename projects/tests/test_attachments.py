"""Only documents and images can be attached, and every attachment is served as a download."""
import datetime
import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from projects.models import Attachment, GroupMembership, Input, StatusReport

from . import factories as f

pytestmark = pytest.mark.django_db

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"
TYPES = "PDF, Word (doc, docx), Excel (xls, xlsx), PowerPoint (ppt, pptx), OpenDocument (odt, ods), txt, csv, PNG, JPG"


@pytest.fixture
def group(world):
    plan = f.PlanFactory(municipality=world.municipality)
    group = f.GroupFactory(plan=plan, name="Prosjektgruppe barneskole")
    GroupMembership.objects.create(group=group, person_name="P", start_date=timezone.localdate())
    return group


def _send_input(client, world, group, *files):
    client.force_login(world.users["rector"])
    response = client.post(reverse("projects:input_create"), {
        "group": group.pk, "unit": world.school.pk, "title": "Overganger", "text": "Felles rutiner",
        "attachments": list(files)})
    return response, html.unescape(response.content.decode())


def _send_report(client, world, group, *files):
    client.force_login(world.users["adviser"])
    response = client.post(reverse("projects:report_create", args=[group.plan_id]), {
        "group": group.pk, "as_of": datetime.date(2025, 2, 6).isoformat(), "description": "Status",
        "items-TOTAL_FORMS": 0, "items-INITIAL_FORMS": 0, "items-MIN_NUM_FORMS": 0, "items-MAX_NUM_FORMS": 1000,
        "attachments": list(files)})
    return response, html.unescape(response.content.decode())


@pytest.mark.parametrize("send,model", [(_send_input, Input), (_send_report, StatusReport)], ids=["input", "report"])
def test_a_program_is_refused_with_the_allowed_types_named(client, world, group, send, model):
    response, page = send(client, world, group,
                          SimpleUploadedFile("virus.exe", EXE, content_type="application/x-ms-dos-executable"))
    assert response.status_code == 200
    assert f"Filen virus.exe kan ikke legges ved. Tillatte filtyper: {TYPES}." in page
    assert not model.objects.exists() and not Attachment.objects.exists()


@pytest.mark.parametrize("send,model", [(_send_input, Input), (_send_report, StatusReport)], ids=["input", "report"])
def test_a_program_renamed_to_pdf_is_refused(client, world, group, send, model):
    response, page = send(client, world, group, SimpleUploadedFile("rapport.pdf", EXE, content_type="application/pdf"))
    assert response.status_code == 200
    assert "Filen rapport.pdf er ikke en ekte PDF-fil." in page
    assert not model.objects.exists() and not Attachment.objects.exists()


def test_the_forms_name_the_allowed_types_and_the_size_limit(client, world, group, settings):
    settings.MAX_UPLOAD_SIZE = 5 * 1024 * 1024
    client.force_login(world.users["rector"])
    page = html.unescape(client.get(reverse("projects:input_create")).content.decode())
    assert f"Tillatte filtyper: {TYPES}. Høyst 5 MB per fil." in page
    assert 'accept=".pdf,.doc,.docx' in page
    client.force_login(world.users["adviser"])
    page = html.unescape(client.get(reverse("projects:report_create", args=[group.plan_id])).content.decode())
    assert f"Tillatte filtyper: {TYPES}. Høyst 5 MB per fil." in page


def test_documents_and_images_are_accepted_and_served_as_downloads_with_our_type(client, world, group):
    png = SimpleUploadedFile("bilde.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, content_type="text/html")
    xlsx = SimpleUploadedFile("tall.xlsx", b"PK\x03\x04" + b"\x00" * 20, content_type="application/octet-stream")
    response, _page = _send_input(client, world, group, png, xlsx)
    assert response.status_code == 302
    served = {}
    for attachment in Input.objects.get().attachments.all():
        download = client.get(reverse("projects:attachment_download", args=[attachment.pk]))
        assert download["Content-Disposition"].startswith("attachment;")
        assert download["X-Content-Type-Options"] == "nosniff"
        served[attachment.original_name] = download["Content-Type"]
    assert served == {"bilde.png": "image/png",
                      "tall.xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def test_an_older_program_attachment_is_served_as_plain_bytes(client, world, group):
    item = f.InputFactory(group=group, unit=world.school, submitted_by=world.users["rector"])
    attachment = Attachment.objects.create(
        input=item, file=SimpleUploadedFile("virus.exe", EXE), original_name="virus.exe", size=len(EXE),
        content_type="application/x-ms-dos-executable", uploaded_by=world.users["rector"])
    client.force_login(world.users["rector"])
    download = client.get(reverse("projects:attachment_download", args=[attachment.pk]))
    assert download["Content-Type"] == "application/octet-stream"
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"
