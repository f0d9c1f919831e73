from django.contrib import admin

from .models import Notice


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    """Read-only: what was sent to whom, and why an e-mail failed (docs/operations.md)."""

    list_display = ["created_at", "kind", "recipient", "municipality", "status", "attempts", "sent_at", "failed_at"]
    list_filter = ["status", "kind", "municipality"]
    search_fields = ["subject", "recipient__username", "recipient__email", "event_key"]
    readonly_fields = [f.name for f in Notice._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
