from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LeadershipConfig(AppConfig):
    name = "leadership"
    verbose_name = _("Leader meetings")

    def ready(self):
        from . import permissions  # noqa: F401  (registers the rules)
