"""Which files may be attached to input and status reports, and how they are served back.

Only documents and images: the extension must be on the list, the file's first bytes must
look like that kind of file, and the content type we store (and later serve) is ours, never
the one the browser sent.
"""
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.utils.translation import gettext_lazy as _

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old Office files (doc, xls, ppt)
ZIP = b"PK\x03\x04"  # Office Open XML and OpenDocument files

#: extension → (content type served, the bytes the file starts with; None for plain text)
ALLOWED = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".doc": ("application/msword", (OLE,)),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (ZIP,)),
    ".xls": ("application/vnd.ms-excel", (OLE,)),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (ZIP,)),
    ".ppt": ("application/vnd.ms-powerpoint", (OLE,)),
    ".pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", (ZIP,)),
    ".odt": ("application/vnd.oasis.opendocument.text", (ZIP,)),
    ".ods": ("application/vnd.oasis.opendocument.spreadsheet", (ZIP,)),
    ".txt": ("text/plain; charset=utf-8", None),
    ".csv": ("text/csv; charset=utf-8", None),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
}
ALLOWED_LABEL = "PDF, Word (doc, docx), Excel (xls, xlsx), PowerPoint (ppt, pptx), OpenDocument (odt, ods), " \
                "txt, csv, PNG, JPG"


def extension(name: str) -> str:
    return Path(name or "").suffix.lower()


def content_type_for(name: str) -> str:
    """The content type to serve a stored attachment with; unknown kinds are served as plain bytes."""
    entry = ALLOWED.get(extension(name))
    return entry[0] if entry else "application/octet-stream"


def download_response(attachment):
    """A stored attachment (``file``, ``original_name``) served back: always a download, under the name it
    was uploaded with, with the content type its extension allows (older uploads may carry whatever the
    browser said), never sniffed or cached; a file gone from the storage is a 404."""
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=attachment.original_name,
                            content_type=content_type_for(attachment.original_name))
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def help_text():
    return _("Allowed file types: %(types)s. At most %(mb)s MB per file.") % {
        "types": ALLOWED_LABEL, "mb": settings.MAX_UPLOAD_SIZE // (1024 * 1024)}


def _looks_like(upload, signatures) -> bool:
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    if signatures is None:  # text: no NUL bytes
        return b"\x00" not in head
    return any(head.startswith(sig) for sig in signatures)


def check_upload(upload):
    """Raise a ``ValidationError`` in Norwegian if ``upload`` is not an allowed document or image."""
    entry = ALLOWED.get(extension(upload.name))
    if entry is None:
        raise ValidationError(
            _("The file %(name)s cannot be attached. Allowed file types: %(types)s."),
            code="file_type", params={"name": upload.name, "types": ALLOWED_LABEL})
    limit = settings.MAX_UPLOAD_SIZE
    if upload.size > limit:
        raise ValidationError(_("The file %(name)s is too large: the limit is %(mb)s MB."), code="file_size",
                              params={"name": upload.name, "mb": limit // (1024 * 1024)})
    if not _looks_like(upload, entry[1]):
        raise ValidationError(
            _("The file %(name)s is not a real %(ext)s file. Allowed file types: %(types)s."),
            code="file_content", params={"name": upload.name, "ext": extension(upload.name)[1:].upper(),
                                         "types": ALLOWED_LABEL})
