"""Who may see and do what with the county's networks (built from the core predicates).

- The county user («Statsforvalter», a ``CountyAssignment``) sees their county's networks, compares
  the member municipalities, places them in regions and keeps the network's milestones and meetings.
  Never a school's self-assessment, dialogue or tasks: those rules (dialogue/permissions.py) ask for
  the municipality's staff or the school's rector, which the county role is not.
- A member municipality's staff (director, adviser, administrator) read their network's page.
- The municipality's administrator joins their municipality to a network of its county, or withdraws it.
- Only the installation's superuser creates municipalities.
"""
import rules

from laeringslop.models import Role
from laeringslop.permissions import is_county_user, is_municipal_staff, roles_of


@rules.predicate
def is_county_user_of_network(user, network):
    """The user holds the county role in the network's county."""
    return network is not None and network.county_id in roles_of(user).county_ids


@rules.predicate
def is_member_staff(user, network):
    """The user works for (the request's) member municipality of the network as director, adviser or
    administrator."""
    ids = roles_of(user).staff_municipality_ids
    return network is not None and bool(ids) and network.memberships.filter(municipality_id__in=ids).exists()


@rules.predicate
def holds_administrator_role(user):
    """The administrator role itself (not the superuser's pass): joining speaks for one municipality."""
    return roles_of(user).has(Role.ADMINISTRATOR)


@rules.predicate
def is_superuser(user):
    return bool(user and user.is_authenticated and user.is_superuser)


rules.add_perm("county.view_overview", is_county_user)
#: Without an object: may this user open any network page at all (else 403)?
rules.add_perm("county.view_networks", is_county_user | is_municipal_staff)
rules.add_perm("county.see_network", is_county_user_of_network | is_member_staff)
rules.add_perm("county.manage_network", is_county_user_of_network)
rules.add_perm("county.compare_network", is_county_user_of_network)
rules.add_perm("county.join_network", holds_administrator_role)
rules.add_perm("county.add_municipality", is_superuser)
