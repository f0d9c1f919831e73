"""factory_boy factories for the core models, for every app's tests."""
import itertools

import factory

from laeringslop.models import Municipality, Region, Role, RoleAssignment, Unit, UnitKind, User
from laeringslop.validators import org_number_check_digit


def _valid_org_numbers():
    for base in itertools.count(91000000):
        check = org_number_check_digit(f"{base:08d}")
        if check is not None:
            yield f"{base:08d}{check}"


_org_numbers = _valid_org_numbers()


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ["number"]

    name = factory.Sequence(lambda n: f"Testkommune {n}")
    number = factory.Sequence(lambda n: f"{9000 + n % 999:04d}")


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Region {n}")


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Testskole {n}")
    kind = UnitKind.SCHOOL
    org_number = factory.LazyFunction(lambda: next(_org_numbers))
    first_grade = 1
    last_grade = 10


class SchoolFactory(UnitFactory):
    pass


class KindergartenFactory(UnitFactory):
    name = factory.Sequence(lambda n: f"Testbarnehage {n}")
    kind = UnitKind.KINDERGARTEN
    first_grade = None
    last_grade = None


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Person {n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.invalid")
    password = factory.django.Password("secret-passord-123")


def user_with_role(role: str, municipality, unit=None, **kwargs) -> User:
    user = UserFactory(**kwargs)
    RoleAssignment.objects.create(user=user, role=role, municipality=municipality, unit=unit)
    return user


def director(municipality, **kw):
    return user_with_role(Role.DIRECTOR, municipality, **kw)


def adviser(municipality, **kw):
    return user_with_role(Role.ADVISER, municipality, **kw)


def rector(school, **kw):
    return user_with_role(Role.RECTOR, school.municipality, unit=school, **kw)


def kindergarten_head(kindergarten, **kw):
    return user_with_role(Role.KINDERGARTEN_HEAD, kindergarten.municipality, unit=kindergarten, **kw)
