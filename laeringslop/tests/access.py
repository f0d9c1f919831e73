"""Access cases for the core's URLs. Every app has a ``tests/access.py`` like this one.

A case names a URL, how to build its arguments from the test world, and the HTTP status
each role must get. ``expect(...)`` fills in the usual outcome for the roles not named:
anonymous users are sent to the login page (302), everybody else gets ``others``.
"""
from collections.abc import Callable
from dataclasses import dataclass, field

from laeringslop.tests.world import ROLES

LOGIN = 302


@dataclass
class Case:
    url_name: str
    expected: dict
    kwargs: Callable = field(default=lambda world: {})
    method: str = "get"
    label: str = ""

    def __str__(self):
        return f"{self.url_name}{'[' + self.label + ']' if self.label else ''}"


def expect(others: int = 403, anonymous: int = LOGIN, **roles) -> dict:
    """Status per role: named roles as given, anonymous as given, the rest ``others``."""
    result = {role: others for role in ROLES}
    result["anonymous"] = anonymous
    result.update(roles)
    return result


def everyone(status: int = 200) -> dict:
    return {role: status for role in ROLES}


STAFF_OK = dict(director=200, adviser=200, administrator=200)

CASES = [
    Case("home", expect(others=200)),
    Case("unit_list", expect(**STAFF_OK)),
    Case("unit_detail", expect(others=404, rector=200, **STAFF_OK),
         kwargs=lambda w: {"pk": w.school.pk}, label="rector's school"),
    Case("unit_detail", expect(others=404, **STAFF_OK),
         kwargs=lambda w: {"pk": w.other_school.pk}, label="another school"),
    Case("unit_detail", expect(others=404, kindergarten_head=200, **STAFF_OK),
         kwargs=lambda w: {"pk": w.kindergarten.pk}, label="own kindergarten"),
    Case("health", everyone(200)),
    Case("municipality_choose", expect(others=200, no_role=403)),
    Case("login", everyone(200)),
    # Logging out takes a POST; a GET is refused whoever asks.
    Case("logout", everyone(405)),
    Case("logout", everyone(302), method="post", label="post"),
    Case("password_change", expect(others=200)),
    Case("password_change_done", expect(others=200)),
    Case("password_reset", everyone(200)),
    Case("password_reset_done", everyone(200)),
    Case("password_reset_confirm", everyone(200), kwargs=lambda w: {"uidb64": "MQ", "token": "set-password"}),
    Case("password_reset_complete", everyone(200)),
    Case("set_language", everyone(302), method="post"),
    # Django's admin: staff only (the world's administrator is staff); others go to its login.
    Case("admin:index", expect(others=302, administrator=200)),
]
