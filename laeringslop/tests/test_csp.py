"""The Content-Security-Policy: every page sends a strict one, and no template needs more.

The policy (settings.CONTENT_SECURITY_POLICY, django-csp) allows scripts and styles only from
our own files. That holds only while templates carry no inline <script> body, no on*= event
handler, no javascript: link and no style="" attribute; the template scan below keeps it so.
The browser tests (laeringslop/tests/browser.py) fail on any violation Chromium reports.
"""
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from laeringslop.tests.test_access_matrix import CASES
from laeringslop.tests.world import ROLES

REQUIRED = {
    "default-src": {"'self'"},
    "script-src": {"'self'"},
    "style-src": {"'self'"},
    "img-src": {"'self'", "data:"},
    "object-src": {"'none'"},
    "base-uri": {"'self'"},
    "form-action": {"'self'"},
    "frame-ancestors": {"'none'"},
}
#: The stored dialogue report is a document of its own, with its own stricter policy and inline CSS.
OWN_POLICY_TEMPLATES = ("dialogue/templates/dialogue/report/",)


def _policy(header: str) -> dict:
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = set(values)
    return directives


def _script_sources(policy: dict) -> set:
    return policy.get("script-src", policy.get("default-src", set()))


def test_the_policy_is_strict(client, db):
    policy = _policy(client.get(reverse("login"))["Content-Security-Policy"])
    assert policy == REQUIRED


@pytest.mark.django_db
def test_every_page_of_the_access_matrix_sends_the_policy(client, world):
    """Every URL with every role (whatever the answer: page, redirect, 403, 404, file)."""
    seen, problems = 0, []
    for case in CASES:
        url = reverse(case.url_name, kwargs=case.kwargs(world))
        for role in ROLES:
            client.logout()
            if (user := world.user(role)) is not None:
                client.force_login(user)
            response = getattr(client, case.method)(url)
            header = response.get("Content-Security-Policy")
            seen += 1
            if header is None:
                problems.append(f"{case} as {role} ({response.status_code}): no Content-Security-Policy")
                continue
            scripts = _script_sources(_policy(header))
            if scripts & {"'unsafe-inline'", "'unsafe-eval'", "*", "data:"} or not scripts:
                problems.append(f"{case} as {role}: script sources {sorted(scripts)}")
    assert seen >= len(CASES) * len(ROLES) and not problems, "\n".join(problems)


def _template_files():
    base = Path(settings.BASE_DIR)
    roots = [base / "templates", *sorted(base.glob("*/templates"))]
    for root in roots:
        if ".venv" in root.parts:
            continue
        yield from sorted(root.rglob("*.html"))


SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.I | re.S)
HANDLER = re.compile(r"<[a-z][^>]*?\son[a-z]+\s*=", re.I | re.S)
STYLE_ATTRIBUTE = re.compile(r"<[a-z][^>]*?\sstyle\s*=", re.I | re.S)
JS_URL = re.compile(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", re.I)


def test_no_template_has_inline_scripts_handlers_or_style_attributes():
    files = list(_template_files())
    assert len(files) > 50  # the scan found the project's templates
    problems = []
    for path in files:
        rel = path.relative_to(settings.BASE_DIR).as_posix()
        text = path.read_text(encoding="utf-8")
        for attrs, body in SCRIPT.findall(text):
            if body.strip():
                problems.append(f"{rel}: inline <script{attrs}> with a body")
            elif "src=" not in attrs:
                problems.append(f"{rel}: <script{attrs}> without src")
        if HANDLER.search(text):
            problems.append(f"{rel}: an on*= event handler attribute")
        if JS_URL.search(text):
            problems.append(f"{rel}: a javascript: URL")
        if not rel.startswith(OWN_POLICY_TEMPLATES) and STYLE_ATTRIBUTE.search(text):
            problems.append(f"{rel}: a style=\"\" attribute (use a class, or data-left/top/width/height)")
    assert not problems, "\n".join(problems)


def test_the_scan_would_catch_each_kind():
    assert SCRIPT.search("<script>alert(1)</script>").group(2)
    assert HANDLER.search('<button type="button"\n onclick="go()">')
    assert not HANDLER.search('<a class="nav-link" data-bs-toggle="collapse">')
    assert STYLE_ATTRIBUTE.search('<div class="x" style="left: 1%">')
    assert JS_URL.search('<a href="javascript:void(0)">')
