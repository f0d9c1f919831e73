"""Who may import indicator data: advisers, the director and the administrator (municipal
editors). Rectors and kindergarten heads may not (403).

An import belongs to one municipality and is seen only by that municipality's staff (during a
request a person's roles count for the chosen municipality only, see laeringslop/tenancy.py).
Old command-line imports without a municipality are seen by superusers only."""
import rules
from django.db.models import Q

from laeringslop.permissions import is_editor, roles_of


@rules.predicate
def is_job_in_reach(user, job):
    if job is None:
        return False
    if user.is_superuser:
        return True
    return job.municipality_id is not None and job.municipality_id in roles_of(user).staff_municipality_ids


rules.add_perm("indicators.import_data", is_editor)
#: A municipality's local indicators: its editors (advisers, the director, the administrator).
rules.add_perm("indicators.manage_local", is_editor)
rules.add_perm("indicators.view_import", is_editor & is_job_in_reach)


def jobs_visible_to(user, queryset, municipality=None):
    """The imports the user may see: their (the request's) municipality's. A superuser sees the
    chosen ``municipality``'s and those of no municipality, or, with none chosen, every import."""
    if user.is_superuser:
        if municipality is None:
            return queryset
        return queryset.filter(Q(municipality=municipality) | Q(municipality__isnull=True))
    if not is_editor(user):
        return queryset.none()
    return queryset.filter(municipality_id__in=roles_of(user).staff_municipality_ids)
