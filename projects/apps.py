from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Quality plans and projects")

    def ready(self):
        from . import permissions  # noqa: F401  (registers the permission rules)
