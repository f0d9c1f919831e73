"""Access cases for the notices pages: every logged-in person sees their own notices only.

The world has one notice each for the world's rector and adviser and the other municipality's
rector; each list must show its owner's row and no one else's."""
from laeringslop.tests.access import LOGIN, Case, expect
from notices.models import Notice

SUBJECTS = {"rector": "Varsel Verden til rektor", "adviser": "Varsel Verden til rådgiver",
            "other_rector": "Varsel Fremmed til rektor"}


def notices(world) -> dict:
    """The world's notices, made once (per role above)."""
    if "notices" not in world.extra:
        made = {}
        for role, subject in SUBJECTS.items():
            municipality = world.other_municipality if role.startswith("other_") else world.municipality
            made[role] = Notice.objects.create(kind="task_assigned", event_key=f"matrix:{role}",
                                               recipient=world.user(role), municipality=municipality,
                                               language="nb", subject=subject, body=f"{subject}.")
        world.extra["notices"] = made
    return world.extra["notices"]


def _list(world) -> dict:
    notices(world)
    return {}


EVERYONE_LOGGED_IN = dict(other=200, county=200)
ALL = set(SUBJECTS)

CASES = [
    Case("notices:list", expect(others=200, **EVERYONE_LOGGED_IN), kwargs=_list,
         shows={role: [subject] for role, subject in SUBJECTS.items()},
         hides={role: [SUBJECTS[o] for o in ALL - {role}]
                for role in ["no_role", "director", "administrator", "kindergarten_head", "other_director",
                             "other_adviser", "county", *SUBJECTS]}),
    Case("notices:read", expect(others=404, rector=302, other=404, county=404), method="post",
         kwargs=lambda w: {"pk": notices(w)["rector"].pk}, label="the rector's notice"),
    Case("notices:read_all", expect(others=302, anonymous=LOGIN, other=302, county=302), method="post"),
    Case("notices:preferences", expect(others=200, **EVERYONE_LOGGED_IN)),
]
