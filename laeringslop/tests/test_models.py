import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from laeringslop.models import Role, RoleAssignment, Unit, UnitKind
from laeringslop.tests import factories as f
from laeringslop.validators import is_valid_org_number, validate_org_number

pytestmark = pytest.mark.django_db


def test_duplicate_org_number_is_rejected_by_the_database():
    school = f.SchoolFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Unit.objects.create(municipality=school.municipality, name="Kopi", kind=UnitKind.SCHOOL,
                            org_number=school.org_number, first_grade=1, last_grade=7)


@pytest.mark.parametrize("number, valid", [("974589095", True), ("974 589 095", True), ("974589096", False),
                                           ("97458909", False), ("abcdefghi", False)])
def test_org_number_check_digit(number, valid):
    assert is_valid_org_number(number) is valid


def test_wrong_check_digit_gives_a_clear_norwegian_message():
    school = f.SchoolFactory.build(org_number="974589096")
    with translation.override("nb"):
        with pytest.raises(ValidationError) as info:
            school.full_clean()
        # the message is lazy: read it while Norwegian is active (a previous test may leave English on)
        assert info.value.message_dict["org_number"] == [
            "974589096 er ikke et gyldig organisasjonsnummer: kontrollsifferet er feil."
        ]


def test_validator_accepts_spaces_in_a_valid_number():
    validate_org_number("974 589 095")  # does not raise


def test_database_refuses_grades_on_a_kindergarten():
    kindergarten = f.KindergartenFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Unit.objects.filter(pk=kindergarten.pk).update(first_grade=1, last_grade=7)


def test_database_refuses_a_school_whose_grades_run_backwards():
    school = f.SchoolFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Unit.objects.filter(pk=school.pk).update(first_grade=8, last_grade=3)


def test_database_refuses_a_rector_without_a_school():
    user = f.UserFactory()
    municipality = f.MunicipalityFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleAssignment.objects.create(user=user, role=Role.RECTOR, municipality=municipality)


def test_rector_must_be_bound_to_a_school_not_a_kindergarten():
    kindergarten = f.KindergartenFactory()
    assignment = RoleAssignment(user=f.UserFactory(), role=Role.RECTOR,
                                municipality=kindergarten.municipality, unit=kindergarten)
    with translation.override("nb"), pytest.raises(ValidationError) as info:
        assignment.full_clean()
    assert "må knyttes til en skole" in info.value.message_dict["unit"][0]


def test_unit_changes_are_kept_in_history():
    school = f.SchoolFactory(name="Gammelt navn")
    school.name = "Nytt navn"
    school.save()
    names = list(school.history.order_by("history_date").values_list("name", flat=True))
    assert names == ["Gammelt navn", "Nytt navn"]


def test_municipality_number_must_be_four_digits_in_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        f.MunicipalityFactory(number="123")
