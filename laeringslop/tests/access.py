"""Access cases for the core's URLs. Every app has a ``tests/access.py`` like this one.

A case names a URL, how to build its arguments from the test world, and the HTTP status
each role must get. ``expect(...)`` fills in the usual outcome for the world's roles not named:
anonymous users are sent to the login page (302), everybody else gets ``others``. The users of
the other municipality (``other=``, or each by name) and the county user (``county=``) are never
filled in from ``others``: every case says what they get.

``shows`` names, per role, text the page must contain (its own rows), ``hides`` text it must not
contain (rows that are not the role's, e.g. the figures of another school); besides, the matrix checks
that a page answered with 200 shows no name of a municipality the user does not work for.
"""
from collections.abc import Callable
from dataclasses import dataclass, field

from laeringslop.tests.world import OTHER_MUNICIPALITY_ROLES, ROLES

LOGIN = 302


@dataclass
class Case:
    url_name: str
    expected: dict
    kwargs: Callable = field(default=lambda world: {})
    method: str = "get"
    label: str = ""
    #: role → strings the response must contain (the rows that role must see)
    shows: dict = field(default_factory=dict)
    #: role → strings the response must not contain (rows of another school or municipality)
    hides: dict = field(default_factory=dict)
    #: why the matrix may not check this page for foreign names (empty: it checks)
    shared: str = ""

    def __str__(self):
        return f"{self.url_name}{'[' + self.label + ']' if self.label else ''}"


def expect(others: int = 403, anonymous: int = LOGIN, *, other: int, county: int, **roles) -> dict:
    """Status per role: named roles as given, anonymous as given, the other municipality's users
    ``other`` (unless named), the county user ``county``, the rest of the world's roles ``others``."""
    result = {role: others for role in ROLES}
    result["anonymous"] = anonymous
    result.update({role: other for role in OTHER_MUNICIPALITY_ROLES}, county=county)
    result.update(roles)
    return result


def everyone(status: int = 200) -> dict:
    return {role: status for role in ROLES}


STAFF_OK = dict(director=200, adviser=200, administrator=200)
#: An object of the world's municipality: nobody outside it learns that it exists.
OUTSIDE_404 = dict(other=404, county=404)
#: A page of the municipality's staff: the other municipality's staff open it for their own
#: municipality (200), its rector may not (403); the county user may not (403).
OTHER_STAFF_OK = dict(other=403, county=403, other_director=200, other_adviser=200)
#: A page nobody outside the world's municipality may open.
OUTSIDE_403 = dict(other=403, county=403)

CASES = [
    Case("home", expect(others=200, other=200, county=200),
         shows={"director": ["Nord Verden"], "rector": ["Egen skole"], "other_director": ["Fremmed region"],
                "other_rector": ["Fremmed skole"]}),
    Case("unit_list", expect(**STAFF_OK, **OTHER_STAFF_OK),
         shows={**{role: ["Egen skole", "Annen skole", "Egen barnehage", "Annen barnehage"] for role in STAFF_OK},
                "other_director": ["Fremmed skole"], "other_adviser": ["Fremmed skole"]}),
    Case("unit_detail", expect(others=404, rector=200, **STAFF_OK, **OUTSIDE_404),
         kwargs=lambda w: {"pk": w.school.pk}, label="rector's school", shows={"rector": ["Egen skole"]}),
    Case("unit_detail", expect(others=404, **STAFF_OK, **OUTSIDE_404),
         kwargs=lambda w: {"pk": w.other_school.pk}, label="another school"),
    Case("unit_detail", expect(others=404, kindergarten_head=200, **STAFF_OK, **OUTSIDE_404),
         kwargs=lambda w: {"pk": w.kindergarten.pk}, label="own kindergarten"),
    Case("unit_detail", expect(others=404, other_director=200, other_adviser=200, other_rector=200, other=404,
                               county=404),
         kwargs=lambda w: {"pk": w.foreign_school.pk}, label="another municipality's school",
         shows={"other_rector": ["Fremmed skole"]}),
    Case("health", everyone(200)),
    # The glossary: every logged-in user, the county user and the other municipality's too.
    Case("glossary", expect(others=200, other=200, county=200)),
    # The county role is no municipality's: nothing to choose.
    Case("municipality_choose", expect(others=200, no_role=403, other=200, county=403)),
    Case("login", everyone(200)),
    # Logging out takes a POST; a GET is refused whoever asks.
    Case("logout", everyone(405)),
    Case("logout", everyone(302), method="post", label="post"),
    Case("password_change", expect(others=200, other=200, county=200)),
    Case("password_change_done", expect(others=200, other=200, county=200)),
    Case("password_reset", everyone(200)),
    Case("password_reset_done", everyone(200)),
    Case("password_reset_confirm", everyone(200), kwargs=lambda w: {"uidb64": "MQ", "token": "set-password"}),
    Case("password_reset_complete", everyone(200)),
    Case("set_language", everyone(302), method="post"),
    # Django's admin: staff only (the world's administrator is staff); others go to its login.
    Case("admin:index", expect(others=302, administrator=200, other=302, county=302)),
]

CASES += [
    # Setting up the schools from a file: the municipality's administrator (a superuser too).
    Case("units_import", expect(administrator=200, **OUTSIDE_403)),
    Case("units_import", expect(administrator=200, **OUTSIDE_403), method="post", label="post without a file"),
    # Whether a school takes part: the municipality's staff; its rector sees the school but may not.
    Case("unit_participation", expect(others=404, rector=403, director=302, adviser=302, administrator=302,
                                      **OUTSIDE_404),
         kwargs=lambda w: {"pk": w.school.pk}, method="post", label="post"),
    Case("unit_participation", expect(others=405, other=405, county=405),
         kwargs=lambda w: {"pk": w.school.pk}, label="get"),
]
