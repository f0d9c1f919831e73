"""Walk every URL the project defines with every role and check the outcome.

URLs are discovered from the URLconf: a new URL without a case in its app's
``tests/access.py`` fails ``test_every_url_has_a_case``.

Besides the status code, every answer of 200 is read (HTML, CSV, iCalendar, JSON, XLSX) and must
show no name of a municipality the user does not work for: the world's roles see nothing of the
other municipality, its users and the county user nothing of the world's. A case's ``shows`` names
the rows a role must see. One world is built per module (in a transaction rolled back at the
end); each case runs in a savepoint of its own, so a POST that changes something is undone.
"""
import io
from importlib import import_module
from importlib.util import find_spec

import pytest
from django.conf import settings
from django.db import transaction
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from laeringslop.hooks import local_app_package
from laeringslop.tests.world import FOREIGN_NAMES, ROLES, WORLD_NAMES, WORLD_ROLES, build_world

#: Namespaces that belong to third-party code, checked through one representative case.
FOREIGN_NAMESPACES = {"admin"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: Answers that are not text and cannot be read here (a page answering them to a user from
#: outside the world's municipality fails: it cannot be checked).
UNREADABLE = ("application/pdf",)


def _all_cases():
    cases = []
    for app in settings.LOCAL_APPS:
        module_name = f"{local_app_package(app)}.tests.access"
        if find_spec(module_name) is not None:
            cases.extend(import_module(module_name).CASES)
    return cases


CASES = _all_cases()


def _url_names(patterns=None, namespace=""):
    names = set()
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace
            if ns in FOREIGN_NAMESPACES:
                continue
            prefix = f"{namespace}{ns}:" if ns else namespace
            names |= _url_names(pattern.url_patterns, prefix)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_url_has_a_case():
    covered = {case.url_name for case in CASES}
    missing = sorted(_url_names() - covered)
    assert not missing, f"URLs without an access case: {missing}"


def test_every_case_names_every_role():
    for case in CASES:
        assert set(case.expected) == set(ROLES), f"{case} does not name every role"
        for role in {*case.shows, *case.hides}:
            assert case.expected[role] == 200, f"{case}: checks the rows of {role}, who gets {case.expected[role]}"


def response_text(response) -> str | None:
    """The answer as text: HTML, CSV and other text as is, an XLSX workbook's cells one per line;
    None for what cannot be read (PDF)."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    content_type = response.get("Content-Type", "").split(";")[0].strip()
    if content_type == XLSX:
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(body), read_only=True)
        return "\n".join(str(cell) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
                         for cell in row if cell is not None)
    if content_type in UNREADABLE:
        return None
    return body.decode("utf-8-sig", errors="replace")


def foreign_names_for(role) -> tuple[str, ...]:
    """Names that role must never see: the other municipality's for the world's roles, the world's
    for the other municipality's users and the county user."""
    return FOREIGN_NAMES if role in WORLD_ROLES else WORLD_NAMES


def check_rows(case, role, response) -> list[str]:
    text = response_text(response)
    wanted, unwanted = case.shows.get(role, []), case.hides.get(role, [])
    if text is None:
        if wanted or unwanted or (role not in WORLD_ROLES and not case.shared):
            return [f"{role}: {response['Content-Type']} cannot be read to check its rows"]
        return []
    problems = []
    if not case.shared:
        problems += [f"{role}: shows «{name}»" for name in foreign_names_for(role) if name in text]
    problems += [f"{role}: does not show «{name}»" for name in wanted if name not in text]
    problems += [f"{role}: shows «{name}»" for name in unwanted if name in text]
    return problems


@pytest.fixture(scope="module")
def matrix_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """One world for every case of this module, with every object the cases point at made up
    front (its files in a media folder of its own); rolled back when the module is done."""
    from indicators.catalogue import catalogue_ensure

    media_root = tmp_path_factory.mktemp("matrix-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media_root):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            catalogue_ensure()
            world = build_world()
            for case in CASES:
                case.kwargs(world)
        except BaseException:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            raise
    world.extra["media_root"] = media_root
    yield world
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


@pytest.mark.parametrize("case", CASES, ids=str)
@pytest.mark.django_db
def test_access(case, client, matrix_world, settings):
    world = matrix_world
    settings.MEDIA_ROOT = world.extra["media_root"]
    url = reverse(case.url_name, kwargs=case.kwargs(world))
    failures = []
    for role in ROLES:
        client.logout()
        user = world.user(role)
        if user is not None:
            client.force_login(user)
        response = getattr(client, case.method)(url)
        if response.status_code != case.expected[role]:
            failures.append(f"{role}: got {response.status_code}, expected {case.expected[role]}")
        elif response.status_code == 200:
            failures += check_rows(case, role, response)
        elif role == "anonymous" and response.status_code == 302 and case.expected[role] == 302 \
                and case.url_name not in ("logout", "set_language") and not case.url_name.startswith("admin:"):
            assert response.url.startswith(reverse("login")), f"{case} anonymous → {response.url}"
    assert not failures, f"{case} ({url}):\n  " + "\n  ".join(failures)
