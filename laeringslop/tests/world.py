"""The small world every access test runs in.

Two municipalities: the world's own ("Verdenskommune") and another one ("Annenkommune"), with
users of both and a county user. Every object of the world's municipality that a page could list
carries a name from ``WORLD_NAMES`` (most contain the marker ``WORLD_MARKER``), every object of
the other municipality one from ``FOREIGN_NAMES`` (the marker ``FOREIGN_MARKER``), so the access
matrix can check that a page shows no row of a municipality the user does not work for.
"""
from dataclasses import dataclass, field

from laeringslop.models import County, CountyAssignment, Role

from . import factories as f

#: In the name of (nearly) every object of the world's municipality; case-sensitive.
WORLD_MARKER = "Verden"
#: Every name of the world's municipality a page could show: the marker, and the units' names
#: (kept as they are, other tests use them).
WORLD_NAMES = (WORLD_MARKER, "Egen skole", "Annen skole", "Egen barnehage", "Annen barnehage")
#: In the name of every object of the other municipality.
FOREIGN_MARKER = "Fremmed"
FOREIGN_NAMES = (FOREIGN_MARKER, "Annenkommune")

#: Users of the other municipality.
OTHER_MUNICIPALITY_ROLES = ["other_director", "other_adviser", "other_rector"]
#: Every role the access matrix walks; ``anonymous`` is not logged in.
WORLD_ROLES = ["anonymous", "no_role", "director", "adviser", "administrator", "rector", "kindergarten_head"]
ROLES = [*WORLD_ROLES, *OTHER_MUNICIPALITY_ROLES, "county"]


@dataclass
class World:
    municipality: object
    region: object
    school: object  # the rector's own school
    other_school: object  # a school the rector does not lead
    kindergarten: object  # the kindergarten head's own
    other_kindergarten: object
    users: dict
    #: Another municipality (not in the county) with its own school, led by ``other_rector``.
    other_municipality: object = None
    foreign_school: object = None
    #: The county the world's municipality belongs to; ``county`` holds the county role there.
    county: object = None
    #: Room for apps to cache objects they create for their URL cases.
    extra: dict = field(default_factory=dict)

    def user(self, role):
        return self.users.get(role)


def _person(role, marker):
    return {"username": role, "first_name": "Test", "last_name": f"{marker}-{role.replace('_', '-')}"}


def build_world() -> World:
    county = County.objects.create(number="99", name="Testfylke")
    municipality = f.MunicipalityFactory(name="Verdenskommune", number="9998", county=county)
    region = f.RegionFactory(municipality=municipality, name="Nord Verden")
    school = f.SchoolFactory(municipality=municipality, region=region, name="Egen skole")
    other_school = f.SchoolFactory(municipality=municipality, region=region, name="Annen skole")
    kindergarten = f.KindergartenFactory(municipality=municipality, region=region, name="Egen barnehage")
    other_kindergarten = f.KindergartenFactory(municipality=municipality, name="Annen barnehage")

    other_municipality = f.MunicipalityFactory(name="Annenkommune", number="9997")
    other_region = f.RegionFactory(municipality=other_municipality, name="Fremmed region")
    foreign_school = f.SchoolFactory(municipality=other_municipality, region=other_region, name="Fremmed skole")

    def world_user(role):
        return _person(role, WORLD_MARKER)

    def foreign_user(role):
        return _person(role, FOREIGN_MARKER)

    county_user = f.UserFactory(**_person("county", "Fylke"))
    CountyAssignment.objects.create(user=county_user, county=county)
    users = {
        "anonymous": None,
        "no_role": f.UserFactory(**_person("no_role", "Ingen")),
        "director": f.director(municipality, **world_user("director")),
        "adviser": f.adviser(municipality, **world_user("adviser")),
        "administrator": f.user_with_role(Role.ADMINISTRATOR, municipality, is_staff=True,
                                          **world_user("administrator")),
        "rector": f.rector(school, **world_user("rector")),
        "kindergarten_head": f.kindergarten_head(kindergarten, **world_user("kindergarten_head")),
        "other_director": f.director(other_municipality, **foreign_user("other_director")),
        "other_adviser": f.adviser(other_municipality, **foreign_user("other_adviser")),
        "other_rector": f.rector(foreign_school, **foreign_user("other_rector")),
        "county": county_user,
    }
    return World(municipality, region, school, other_school, kindergarten, other_kindergarten, users,
                 other_municipality=other_municipality, foreign_school=foreign_school, county=county)
