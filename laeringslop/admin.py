"""The Django admin. A superuser manages everything; the administrator role (with ``is_staff``)
manages its own municipality only: the request's municipality (``request.municipality``, for
which alone its roles count). Every model admin filters its rows, its choices and its
object-level permissions by that municipality, and checks again on the server before it saves,
so a crafted POST naming another municipality's row is refused. Who is staff or superuser, and
Django's groups and permissions, are for superusers only.
"""
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import BaseInlineFormSet
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import County, CountyAssignment, FormerNumber, Municipality, Region, Role, RoleAssignment, Unit, User
from .permissions import administered_municipality_ids, municipality_id_of, roles_of

admin.site.site_header = _("Læringsløp administration")
admin.site.site_title = _("Læringsløp")
admin.site.index_title = _("Administration")

#: User fields only a superuser sees, filters on or sets.
SUPERUSER_FIELDS = ("is_staff", "is_superuser", "groups", "user_permissions")


def _refuse_nul(request):
    """A NUL character in the query string (a search or a filter) is a 404: PostgreSQL refuses it."""
    if any("\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()):
        raise Http404


def admin_municipality(request) -> Municipality | None:
    """The municipality a non-superuser administers in this request: the request's municipality,
    if the user holds the administrator role there (None otherwise: they manage nothing)."""
    municipality = getattr(request, "municipality", None)
    user = request.user
    if municipality is None or not user.is_authenticated:
        return None
    roles = roles_of(user)
    if (roles.has(Role.ADMINISTRATOR) and municipality.pk in roles.municipality_ids
            and municipality.pk in administered_municipality_ids(user)):
        return municipality
    return None


def _people_of(municipality):
    """Users who hold a role in the municipality."""
    if municipality is None:
        return User.objects.none()
    return User.objects.filter(
        pk__in=RoleAssignment.objects.filter(municipality=municipality).values("user_id"))


def _limit_foreign_key(request, db_field, kwargs):
    """A non-superuser chooses only their municipality, its regions and units, and its people."""
    if request.user.is_superuser:
        return
    municipality = admin_municipality(request)
    model = db_field.remote_field.model
    if model is Municipality:
        kwargs["queryset"] = Municipality.objects.filter(pk=getattr(municipality, "pk", None))
        if municipality is not None:
            kwargs["initial"] = municipality.pk
    elif model in (Region, Unit):
        kwargs["queryset"] = model.objects.filter(municipality_id=getattr(municipality, "pk", None))
    elif model is User:
        kwargs["queryset"] = _people_of(municipality)


def _refuse_outside(request, obj):
    """The server's last word before a save: a non-superuser writes their municipality's rows only."""
    if request.user.is_superuser:
        return
    municipality = admin_municipality(request)
    if municipality is None or municipality_id_of(obj) != municipality.pk:
        raise PermissionDenied
    for related in ("region", "unit"):
        if getattr(obj, f"{related}_id", None) and getattr(obj, related).municipality_id != municipality.pk:
            raise PermissionDenied


class PortalAdmin(SimpleHistoryAdmin):
    """Our model admins: change history, and a 404 (not a 500) for a NUL in a search or filter.

    A non-superuser sees an object's history only while the object is theirs, and never reverts
    to an old version (an old version may belong elsewhere, or carry fields they may not set).
    """

    def has_module_permission(self, request):
        """Listed on the admin's start page for whoever may view it (the rules, not Django's own
        per-model permissions, decide; without this the start page was empty for an administrator)."""
        return request.user.is_superuser or self.has_view_permission(request)

    def changelist_view(self, request, extra_context=None):
        _refuse_nul(request)
        return super().changelist_view(request, extra_context)

    def get_search_results(self, request, queryset, search_term):  # the change list and autocomplete
        if "\x00" in search_term:
            raise Http404
        return super().get_search_results(request, queryset, search_term)

    def _require_current(self, request, object_id):
        if not request.user.is_superuser and not self.get_queryset(request).filter(pk=unquote(object_id)).exists():
            raise Http404

    def history_view(self, request, object_id, extra_context=None):
        self._require_current(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._require_current(request, object_id)
        if request.method == "POST" and not request.user.is_superuser:
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def revert_disabled(self, request, obj=None):
        return not request.user.is_superuser or super().revert_disabled(request, obj)


class MunicipalAdmin(PortalAdmin):
    """A model that belongs to a municipality: a non-superuser administrator has only their own
    (rows, choices, object permissions, and a check before every save)."""

    #: The lookup from a row to its municipality's id.
    municipality_lookup = "municipality_id"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        municipality = admin_municipality(request)
        if municipality is None:
            return queryset.none()
        return queryset.filter(**{self.municipality_lookup: municipality.pk})

    def in_scope(self, request, obj, action) -> bool:
        """The object is one the request's user may see (``view``) or change and delete."""
        if obj is None or request.user.is_superuser:
            return True
        municipality = admin_municipality(request)
        return municipality is not None and municipality_id_of(obj) == municipality.pk

    def _allowed(self, request, action, obj):
        opts = self.opts
        if not request.user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}", obj):
            return False
        return self.in_scope(request, obj, action)

    def has_view_permission(self, request, obj=None):
        return self._allowed(request, "view", obj) or self._allowed(request, "change", obj)

    def has_change_permission(self, request, obj=None):
        return self._allowed(request, "change", obj)

    def has_delete_permission(self, request, obj=None):
        return self._allowed(request, "delete", obj)

    def has_add_permission(self, request):
        return self._allowed(request, "add", None)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        _limit_foreign_key(request, db_field, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_list_filter(self, request):
        filters = super().get_list_filter(request)
        if request.user.is_superuser:
            return filters
        # The filter would list every municipality: a non-superuser has only their own.
        return [f for f in filters if f != "municipality"]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if (obj is not None and not request.user.is_superuser
                and "municipality" in {f.name for f in self.opts.concrete_fields}):
            fields.append("municipality")  # a row never moves to another municipality
        return fields

    def save_model(self, request, obj, form, change):
        _refuse_outside(request, obj)
        super().save_model(request, obj, form, change)

    def delete_model(self, request, obj):
        _refuse_outside(request, obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            _refuse_outside(request, obj)
        super().delete_queryset(request, queryset)


@admin.register(County)
class CountyAdmin(PortalAdmin):
    """Counties are a superuser's."""

    list_display = ["name", "number"]
    search_fields = ["name", "number"]

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(CountyAssignment)
class CountyAssignmentAdmin(CountyAdmin):
    """The county role («Statsforvalter»): a superuser's to give."""

    list_display = ["user", "county"]
    list_filter = ["county"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "county__name"]
    autocomplete_fields = ["user", "county"]
    list_select_related = ["user", "county"]


@admin.register(Municipality)
class MunicipalityAdmin(MunicipalAdmin):
    list_display = ["name", "number", "county"]
    search_fields = ["name", "number"]
    municipality_lookup = "pk"

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields.append("county")
        return fields

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(FormerNumber)
class FormerNumberAdmin(MunicipalAdmin):
    """The municipality's former kommunenummer (shipped from SSB's 2020 and 2024 changes): rows of
    Udir's files under them are the municipality's. Its administrator corrects them."""

    list_display = ["number", "municipality", "county_number", "last_school_year"]
    list_filter = ["municipality"]
    search_fields = ["number", "municipality__name"]
    list_select_related = ["municipality"]


@admin.register(Region)
class RegionAdmin(MunicipalAdmin):
    list_display = ["name", "municipality"]
    list_filter = ["municipality"]
    search_fields = ["name"]


@admin.register(Unit)
class UnitAdmin(RegionAdmin):
    list_display = ["name", "kind", "org_number", "grades_label", "region", "active", "takes_part"]
    # Only the regions of the units listed (for a non-superuser: their municipality's).
    list_filter = ["kind", "active", "takes_part", ("region", admin.RelatedOnlyFieldListFilter), "municipality"]
    search_fields = ["name", "org_number"]
    list_select_related = ["region"]

    @admin.display(description=_("grades"))
    def grades_label(self, obj):
        return obj.grades_label


class RoleAssignmentFormSet(BaseInlineFormSet):
    """The user page's roles; for a non-superuser, the user keeps at least one role there."""

    #: Set per request by the inline: a non-superuser must leave the user a role in their municipality.
    require_role = False

    def clean(self):
        super().clean()
        if not self.require_role or any(self.errors):
            return
        kept = [form for form in self.forms
                if (form.instance.pk or form.has_changed()) and not self._should_delete_form(form)]
        if not kept:
            raise ValidationError(_("A user needs at least one role in your municipality."), code="no_role")


class RoleAssignmentInline(admin.TabularInline):
    """On the user page: for a non-superuser, only the roles in their municipality (the person's
    roles elsewhere are neither shown nor changed)."""

    model = RoleAssignment
    formset = RoleAssignmentFormSet
    extra = 1
    autocomplete_fields = ["unit"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        municipality = admin_municipality(request)
        return queryset.filter(municipality=municipality) if municipality else queryset.none()

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.require_role = not request.user.is_superuser
        return formset

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        _limit_foreign_key(request, db_field, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(User)
class UserAdmin(MunicipalAdmin, BaseUserAdmin):
    """People. A non-superuser administrator sees those who hold a role in their municipality,
    and changes (name, password, roles there) only those whose every role is there (the others
    are shown read-only); staff, superuser, groups and permissions are a superuser's."""

    inlines = [RoleAssignmentInline]
    list_display = ["username", "first_name", "last_name", "email", "is_active", "is_staff"]
    list_filter = ["is_active", "is_staff", "role_assignments__role"]
    #: A non-superuser's fieldsets: no "Permissions" (staff, superuser, groups, permissions).
    administrator_fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email")}),
        (_("Access to the portal"), {"fields": ("is_active",)}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )

    def get_queryset(self, request):
        queryset = super(MunicipalAdmin, self).get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(pk__in=_people_of(admin_municipality(request)).values("pk"))

    def in_scope(self, request, obj, action) -> bool:
        # The rules (sees_person, administers_person) decide; they count the chosen municipality only.
        return obj is None or request.user.is_superuser or admin_municipality(request) is not None

    def get_fieldsets(self, request, obj=None):
        if obj is None or request.user.is_superuser:
            return super().get_fieldsets(request, obj)
        return self.administrator_fieldsets

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += ["last_login", "date_joined"]
        return fields

    def get_list_display(self, request):
        fields = super().get_list_display(request)
        return fields if request.user.is_superuser else [f for f in fields if f not in SUPERUSER_FIELDS]

    def get_list_filter(self, request):
        filters = super().get_list_filter(request)
        return filters if request.user.is_superuser else [f for f in filters if f not in SUPERUSER_FIELDS]

    def lookup_allowed(self, lookup, value, request=None):
        if request is not None and not request.user.is_superuser and lookup.split("__")[0] in SUPERUSER_FIELDS:
            return False  # no filtering by who is staff or superuser either
        return super().lookup_allowed(lookup, value, request)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET" and not request.user.is_superuser:
            person = self.get_object(request, unquote(object_id))
            if person is not None and not self.has_change_permission(request, person):
                messages.info(request, _("Only a superuser may change this user: they hold roles outside "
                                         "your municipality or permissions of their own."))
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        if not request.user.is_superuser:
            if change and not self.has_change_permission(request, obj):
                raise PermissionDenied
            # Never set by a non-superuser (the form has no such fields; this is the last word).
            stored = User.objects.filter(pk=obj.pk).first() if change else None
            obj.is_staff = stored.is_staff if stored else False
            obj.is_superuser = stored.is_superuser if stored else False
        super(MunicipalAdmin, self).save_model(request, obj, form, change)

    def delete_model(self, request, obj):
        if not self.has_delete_permission(request, obj):
            raise PermissionDenied
        super(MunicipalAdmin, self).delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        if not all(self.has_delete_permission(request, obj) for obj in queryset):
            raise PermissionDenied
        super(MunicipalAdmin, self).delete_queryset(request, queryset)

    def save_formset(self, request, form, formset, change):
        if formset.model is RoleAssignment:
            for role_form in formset.forms:
                if role_form.has_changed() and not formset._should_delete_form(role_form):
                    _refuse_outside(request, role_form.instance)
        super().save_formset(request, form, formset, change)


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(MunicipalAdmin):
    list_display = ["user", "role", "unit", "municipality"]
    list_filter = ["role", "municipality"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "unit__name"]
    autocomplete_fields = ["user", "unit"]
    list_select_related = ["user", "unit", "municipality"]
