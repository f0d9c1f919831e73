"""The county's networks in Django's admin (for the installation's superuser)."""
from django.contrib import admin

from laeringslop.admin import PortalAdmin

from .models import CountyRegion, Network, NetworkEvent, NetworkMembership


@admin.register(CountyRegion)
class CountyRegionAdmin(PortalAdmin):
    list_display = ["name", "county"]
    list_filter = ["county"]


class MembershipInline(admin.TabularInline):
    model = NetworkMembership
    extra = 0
    raw_id_fields = ["municipality", "joined_by"]


@admin.register(Network)
class NetworkAdmin(PortalAdmin):
    list_display = ["name", "county"]
    list_filter = ["county"]
    inlines = [MembershipInline]


@admin.register(NetworkEvent)
class NetworkEventAdmin(PortalAdmin):
    list_display = ["title", "kind", "date", "network"]
    list_filter = ["kind", "network"]
