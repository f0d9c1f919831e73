"""Who may see and do what with competence measures and the competence survey.

- The municipality's staff (director, adviser, administrator) see every measure and survey; the
  editors (adviser, director, administrator) create and change them, see every participant and
  export the list.
- The editors also sign up people of any school or kindergarten of the municipality (on the
  measure's participant page), under the same places and waiting list.
- A unit's leader (rector, kindergarten head) sees the municipality's measures, signs up people of
  their own unit only (another unit's sign-up page answers 404) and cancels their unit's places; they
  read the survey's results of their own unit and of the municipality.
"""
import rules

from laeringslop.permissions import is_editor, is_municipal_staff, is_unit_leader, roles_of


@rules.predicate
def in_municipality(user, obj):
    """The object (measure, survey, or anything with ``municipality_id``) is of a municipality the user works in."""
    return obj is not None and obj.municipality_id in roles_of(user).municipality_ids


@rules.predicate
def staff_of_municipality(user, obj):
    return obj is not None and obj.municipality_id in roles_of(user).staff_municipality_ids


@rules.predicate
def leads_participant_unit(user, participant):
    return participant is not None and participant.unit_id in roles_of(user).led_unit_ids


@rules.predicate
def staff_of_participant(user, participant):
    return participant is not None and participant.measure.municipality_id in roles_of(user).staff_municipality_ids


@rules.predicate
def leads_unit_of_municipality(user, unit):
    return unit is not None and unit.pk in roles_of(user).led_unit_ids


#: Without an object: may the user open the measure pages at all (else 403)?
rules.add_perm("competence.view_measures", is_municipal_staff | is_unit_leader)
rules.add_perm("competence.see_measure", (is_municipal_staff | is_unit_leader) & in_municipality)
rules.add_perm("competence.manage_measures", is_editor)
rules.add_perm("competence.change_measure", is_editor & staff_of_municipality)
#: Without an object: may the user open participant lists at all (else 403)?
rules.add_perm("competence.view_participant_lists", is_municipal_staff)
#: The participant list of every unit and its export.
rules.add_perm("competence.see_participants", is_municipal_staff & staff_of_municipality)
#: Sign up people of this unit: its leader only.
rules.add_perm("competence.sign_up", is_unit_leader)
rules.add_perm("competence.sign_up_for_unit", leads_unit_of_municipality)
#: Sign up people of any school or kindergarten of the municipality, on the measure's participant page:
#: the municipality's staff (the adviser who runs the measure).
rules.add_perm("competence.sign_up_any_unit", is_editor & staff_of_municipality)
rules.add_perm("competence.cancel_participant", leads_participant_unit | (is_editor & staff_of_participant))

rules.add_perm("competence.view_surveys", is_municipal_staff | is_unit_leader)
rules.add_perm("competence.see_survey", (is_municipal_staff | is_unit_leader) & in_municipality)
rules.add_perm("competence.manage_surveys", is_editor)
rules.add_perm("competence.change_survey", is_editor & staff_of_municipality)
