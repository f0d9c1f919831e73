"""The small world every access test runs in."""
from dataclasses import dataclass, field

from laeringslop.models import Role

from . import factories as f

#: Every role the access matrix walks; ``anonymous`` is not logged in.
ROLES = ["anonymous", "no_role", "director", "adviser", "administrator", "rector", "kindergarten_head"]


@dataclass
class World:
    municipality: object
    region: object
    school: object  # the rector's own school
    other_school: object  # a school the rector does not lead
    kindergarten: object  # the kindergarten head's own
    other_kindergarten: object
    users: dict
    #: Room for apps to cache objects they create for their URL cases.
    extra: dict = field(default_factory=dict)

    def user(self, role):
        return self.users.get(role)


def build_world() -> World:
    municipality = f.MunicipalityFactory(name="Verdenskommune", number="9998")
    region = f.RegionFactory(municipality=municipality, name="Nord")
    school = f.SchoolFactory(municipality=municipality, region=region, name="Egen skole")
    other_school = f.SchoolFactory(municipality=municipality, region=region, name="Annen skole")
    kindergarten = f.KindergartenFactory(municipality=municipality, region=region, name="Egen barnehage")
    other_kindergarten = f.KindergartenFactory(municipality=municipality, name="Annen barnehage")
    users = {
        "anonymous": None,
        "no_role": f.UserFactory(username="no_role"),
        "director": f.director(municipality, username="director"),
        "adviser": f.adviser(municipality, username="adviser"),
        "administrator": f.user_with_role(Role.ADMINISTRATOR, municipality, username="administrator", is_staff=True),
        "rector": f.rector(school, username="rector"),
        "kindergarten_head": f.kindergarten_head(kindergarten, username="kindergarten_head"),
    }
    return World(municipality, region, school, other_school, kindergarten, other_kindergarten, users)
