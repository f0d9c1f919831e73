import pytest
from django.apps import apps
from django.core.management import call_command

from laeringslop.models import Role, RoleAssignment, Unit, UnitKind, User

pytestmark = pytest.mark.django_db


def _row_counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models()
            if model._meta.app_label not in ("sessions", "axes", "admin")}


def test_seed_demo_creates_the_demo_municipality(capsys):
    call_command("seed_demo")
    demo = Unit.objects.filter(municipality__number="9901")  # the county's demo adds Lier's schools
    assert demo.filter(kind=UnitKind.SCHOOL).count() == 33
    assert demo.filter(kind=UnitKind.KINDERGARTEN).count() == 20
    for role in Role.values:
        assert RoleAssignment.objects.filter(role=role).exists(), role
    assert User.objects.get(username="rektor").check_password("laeringslop-demo")
    assert "rektor" in capsys.readouterr().out


def test_seed_demo_twice_changes_nothing():
    call_command("seed_demo")
    before = _row_counts()
    call_command("seed_demo")
    assert _row_counts() == before
