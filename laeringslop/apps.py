from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The core: municipality, units, people and roles, permissions, home page."""

    name = "laeringslop"
    label = "laeringslop"
    verbose_name = _("Organisation and people")

    def ready(self):
        from . import permissions  # noqa: F401  (registers the permission rules)
