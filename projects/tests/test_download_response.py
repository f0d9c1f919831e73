"""download_response (projects/uploads.py): how the projects' attachments and the leader meetings' files are
served back, whatever kind of object holds them."""
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404

from projects.uploads import download_response


def stored(content: bytes, original_name: str):
    """An attachment as the models hold one: a file in the storage and the name it was uploaded with."""
    name = default_storage.save("tests/fil", ContentFile(content))
    return SimpleNamespace(file=SimpleNamespace(open=lambda mode: default_storage.open(name, mode), name=name),
                           original_name=original_name)


def test_a_file_is_a_download_under_its_uploaded_name():
    response = download_response(stored(b"%PDF-1.4", "Referat ledermøte.pdf"))
    assert response["Content-Disposition"].startswith("attachment;") and "Referat" in response["Content-Disposition"]


def test_the_content_type_is_the_extensions_never_the_browsers():
    response = download_response(stored(b"<script>alert(1)</script>", "notat.exe"))
    assert (response["Content-Type"], response["X-Content-Type-Options"]) == ("application/octet-stream", "nosniff")


def test_a_download_is_not_cached():
    assert download_response(stored(b"tekst", "agenda.txt"))["Cache-Control"] == "private, no-store"


def test_a_file_gone_from_the_storage_is_not_found():
    attachment = stored(b"%PDF-1.4", "plan.pdf")
    default_storage.delete(attachment.file.name)
    with pytest.raises(Http404):
        download_response(attachment)
