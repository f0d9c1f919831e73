"""Walk every URL the project defines with every role and check the outcome.

URLs are discovered from the URLconf: a new URL without a case in its app's
``tests/access.py`` fails ``test_every_url_has_a_case``.
"""
from importlib import import_module
from importlib.util import find_spec

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from laeringslop.hooks import local_app_package
from laeringslop.tests.world import ROLES

#: Namespaces that belong to third-party code, checked through one representative case.
FOREIGN_NAMESPACES = {"admin"}


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


@pytest.mark.parametrize("case", CASES, ids=str)
@pytest.mark.django_db
def test_access(case, client, world):
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
        elif role == "anonymous" and response.status_code == 302 and case.expected[role] == 302 \
                and case.url_name not in ("logout", "set_language") and not case.url_name.startswith("admin:"):
            assert response.url.startswith(reverse("login")), f"{case} anonymous → {response.url}"
    assert not failures, f"{case} ({url}):\n  " + "\n  ".join(failures)
