from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import Municipality, Region, RoleAssignment, Unit, User

admin.site.site_header = _("Læringsløp administration")
admin.site.site_title = _("Læringsløp")
admin.site.index_title = _("Administration")


def _refuse_nul(request):
    """A NUL character in the query string (a search or a filter) is a 404: PostgreSQL refuses it."""
    if any("\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()):
        raise Http404


class PortalAdmin(SimpleHistoryAdmin):
    """Our model admins: change history, and a 404 (not a 500) for a NUL in a search or filter."""

    def changelist_view(self, request, extra_context=None):
        _refuse_nul(request)
        return super().changelist_view(request, extra_context)

    def get_search_results(self, request, queryset, search_term):  # the change list and autocomplete
        if "\x00" in search_term:
            raise Http404
        return super().get_search_results(request, queryset, search_term)


@admin.register(Municipality)
class MunicipalityAdmin(PortalAdmin):
    list_display = ["name", "number"]
    search_fields = ["name", "number"]


@admin.register(Region)
class RegionAdmin(PortalAdmin):
    list_display = ["name", "municipality"]
    list_filter = ["municipality"]
    search_fields = ["name"]


@admin.register(Unit)
class UnitAdmin(PortalAdmin):
    list_display = ["name", "kind", "org_number", "grades_label", "region", "active"]
    list_filter = ["kind", "active", "region", "municipality"]
    search_fields = ["name", "org_number"]
    list_select_related = ["region"]

    @admin.display(description=_("grades"))
    def grades_label(self, obj):
        return obj.grades_label


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 1
    autocomplete_fields = ["unit"]


@admin.register(User)
class UserAdmin(PortalAdmin, BaseUserAdmin):
    inlines = [RoleAssignmentInline]
    list_display = ["username", "first_name", "last_name", "email", "is_active", "is_staff"]
    list_filter = ["is_active", "is_staff", "role_assignments__role"]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(PortalAdmin):
    list_display = ["user", "role", "unit", "municipality"]
    list_filter = ["role", "municipality"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "unit__name"]
    autocomplete_fields = ["user", "unit"]
    list_select_related = ["user", "unit", "municipality"]
