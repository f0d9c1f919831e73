from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CountyConfig(AppConfig):
    name = "county"
    verbose_name = _("County networks")

    def ready(self):
        from . import permissions  # noqa: F401  (registers the permission rules)
