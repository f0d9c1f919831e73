"""Access cases for the milestone URLs (see laeringslop/tests/access.py)."""
from laeringslop.tests.access import STAFF_OK, Case, everyone, expect
from projects.tests.access import EDIT_PLAN, UNIT_LEADERS_200, UNIT_LEADERS_403, objs

from .factories import MilestoneFactory

STAFF_REDIRECT = dict(director=302, adviser=302, administrator=302)


def milestone(w):
    if "milestone" not in w.extra:
        w.extra["milestone"] = MilestoneFactory(plan=objs(w).plan)
    return w.extra["milestone"]


def plan_pk(w):
    return {"plan_pk": objs(w).plan.pk}


def pk(w):
    return {"pk": milestone(w).pk}


def token(w):
    milestone(w)
    return {"token": objs(w).plan.feed_token}


#: Read pages of a plan's milestones: staff and unit leaders of the municipality; others 404.
READ_PLAN = expect(others=404, **STAFF_OK, **UNIT_LEADERS_200)

CASES = [
    Case("milestones:mine", expect(others=200)),
    Case("milestones:overview", expect(**STAFF_OK)),
    Case("milestones:timeline", READ_PLAN, kwargs=plan_pk),
    Case("milestones:create", EDIT_PLAN, kwargs=plan_pk),
    Case("milestones:feed_regenerate", expect(others=404, **UNIT_LEADERS_403, **STAFF_REDIRECT),
         kwargs=plan_pk, method="post"),
    Case("milestones:detail", READ_PLAN, kwargs=pk),
    Case("milestones:edit", EDIT_PLAN, kwargs=pk),
    Case("milestones:complete", expect(others=404, **UNIT_LEADERS_403, **STAFF_REDIRECT), kwargs=pk,
         method="post"),
    # A calendar app cannot log in: the secret token is the key.
    Case("milestones:feed", everyone(200), kwargs=token),
    Case("milestones:feed", everyone(404), kwargs=lambda w: {"token": "x" * 43}, label="wrong token"),
]
