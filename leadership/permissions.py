"""Who may see and plan the leader meetings.

- The municipality's staff (director, advisers, administrator) see every meeting of their municipality:
  its agenda, participants, material and minutes.
- The director and the advisers plan them (create, change, cancel, attach material and minutes).
- A unit leader (rector, kindergarten head) opens a meeting they are invited to (a participant); the
  others are listed in the year's plan (date, arena, topic, target group, as the printed plan shows
  them to every leader) but not opened: their agenda, material and minutes are for those invited.
- Another municipality's meeting is answered with 404, as if missing.
"""
import rules

from laeringslop.permissions import is_adviser, is_director, is_municipal_staff, is_unit_leader, roles_of


@rules.predicate
def is_staff_of_meeting(user, meeting):
    return meeting is not None and meeting.municipality_id in roles_of(user).staff_municipality_ids


@rules.predicate
def is_invited(user, meeting):
    if meeting is None or meeting.municipality_id not in roles_of(user).municipality_ids:
        return False
    ids = getattr(meeting, "_participant_ids", None)
    if ids is None:
        ids = meeting._participant_ids = set(meeting.participants.values_list("pk", flat=True))
    return user.pk in ids


is_planner = is_director | is_adviser

#: The year's plan (date · arena · topic), its print and its calendar: the staff and the unit leaders.
rules.add_perm("leadership.view_plan", is_municipal_staff | is_unit_leader)
#: «Mine møter»: everyone with a role in a municipality.
rules.add_perm("leadership.view_mine", is_municipal_staff | is_unit_leader)
rules.add_perm("leadership.plan_meeting", is_planner)
rules.add_perm("leadership.view_meeting", is_staff_of_meeting | is_invited)
rules.add_perm("leadership.change_meeting", is_planner & is_staff_of_meeting)
