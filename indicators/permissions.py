"""Who may import indicator data: advisers, the director and the administrator (municipal
editors). Rectors and kindergarten heads may not (403)."""
import rules

from laeringslop.permissions import is_editor, roles_of


@rules.predicate
def is_job_in_reach(user, job):
    if job is None:
        return False
    if user.is_superuser:
        return True
    return job.municipality_id is None or job.municipality_id in roles_of(user).staff_municipality_ids


rules.add_perm("indicators.import_data", is_editor)
rules.add_perm("indicators.view_import", is_editor & is_job_in_reach)


def jobs_visible_to(user, queryset):
    from django.db.models import Q

    if user.is_superuser:
        return queryset
    if not is_editor(user):
        return queryset.none()
    return queryset.filter(Q(municipality__isnull=True) | Q(municipality_id__in=roles_of(user).staff_municipality_ids))
