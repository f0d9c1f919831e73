"""Access cases for the milestone URLs (see laeringslop/tests/access.py)."""
from laeringslop.tests.access import OTHER_STAFF_OK, OUTSIDE_404, STAFF_OK, Case, everyone, expect
from projects.tests.access import EDIT_PLAN, UNIT_LEADERS_200, UNIT_LEADERS_403, objs

from .factories import MilestoneFactory

STAFF_REDIRECT = dict(director=302, adviser=302, administrator=302)


def milestone(w):
    """A milestone of the world's plan (the adviser's) and one of the other municipality's plan."""
    if "milestone" not in w.extra:
        w.extra["milestone"] = MilestoneFactory(plan=objs(w).plan, title="Milepæl Verden",
                                                responsible_person=w.user("adviser"))
        w.extra["foreign_milestone"] = MilestoneFactory(plan=objs(w).foreign_plan, title="Fremmed milepæl",
                                                        responsible_person=w.user("other_adviser"))
    return w.extra["milestone"]


def foreign(w):
    milestone(w)
    return w.extra["foreign_milestone"]


def plan_pk(w):
    return {"plan_pk": objs(w).plan.pk}


def pk(w):
    return {"pk": milestone(w).pk}


def token(w):
    milestone(w)
    return {"token": objs(w).plan.feed_token}


#: Read pages of a plan's milestones: staff and unit leaders of the municipality; others 404.
READ_PLAN = expect(others=404, **STAFF_OK, **UNIT_LEADERS_200, **OUTSIDE_404)
FOREIGN_READ = expect(others=404, other=200, county=404)

CASES = [
    Case("milestones:mine", expect(others=200, other=200, county=200),
         kwargs=lambda w: milestone(w) and {},
         shows={"adviser": ["Milepæl Verden"], "other_adviser": ["Fremmed milepæl"]}),
    Case("milestones:overview", expect(**STAFF_OK, **OTHER_STAFF_OK), kwargs=lambda w: milestone(w) and {},
         shows={**{role: ["Milepæl Verden"] for role in STAFF_OK}, "other_director": ["Fremmed milepæl"]}),
    Case("milestones:timeline", READ_PLAN, kwargs=plan_pk, shows={"rector": ["Milepæl Verden"]}),
    Case("milestones:timeline", FOREIGN_READ, kwargs=lambda w: {"plan_pk": foreign(w).plan_id},
         label="another municipality", shows={"other_rector": ["Fremmed milepæl"]}),
    Case("milestones:create", EDIT_PLAN, kwargs=plan_pk),
    Case("milestones:feed_regenerate", expect(others=404, **UNIT_LEADERS_403, **STAFF_REDIRECT, **OUTSIDE_404),
         kwargs=plan_pk, method="post"),
    Case("milestones:detail", READ_PLAN, kwargs=pk),
    Case("milestones:detail", FOREIGN_READ, kwargs=lambda w: {"pk": foreign(w).pk}, label="another municipality"),
    Case("milestones:edit", EDIT_PLAN, kwargs=pk),
    Case("milestones:edit", expect(others=404, other=200, other_rector=403, county=404),
         kwargs=lambda w: {"pk": foreign(w).pk}, label="another municipality"),
    Case("milestones:complete", expect(others=404, **UNIT_LEADERS_403, **STAFF_REDIRECT, **OUTSIDE_404), kwargs=pk,
         method="post"),
    # A calendar app cannot log in: the secret token is the key.
    Case("milestones:feed", everyone(200), kwargs=token,
         shared="no login: whoever holds the plan's secret token reads its calendar"),
    Case("milestones:feed", everyone(404), kwargs=lambda w: {"token": "x" * 43}, label="wrong token"),
]
