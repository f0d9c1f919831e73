from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DialogueConfig(AppConfig):
    name = "dialogue"
    verbose_name = _("The yearly dialogue")

    def ready(self):
        from . import permissions  # noqa: F401  (registers the rules)
