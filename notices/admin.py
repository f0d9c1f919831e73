from django.contrib import admin
from django.http import Http404

from laeringslop.admin import _refuse_nul

from .models import Notice


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    """Read-only, for superusers (operations): what was sent to whom, and why an e-mail failed
    (docs/operations.md). Notices are personal: a municipality's administrator does not read them."""

    list_display = ["created_at", "kind", "recipient", "municipality", "status", "attempts", "sent_at", "failed_at"]
    list_filter = ["status", "kind", "municipality"]
    search_fields = ["subject", "recipient__username", "recipient__email", "event_key"]
    readonly_fields = [f.name for f in Notice._meta.fields]

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        _refuse_nul(request)
        return super().changelist_view(request, extra_context)

    def get_search_results(self, request, queryset, search_term):
        if "\x00" in search_term:
            raise Http404
        return super().get_search_results(request, queryset, search_term)
