"""The adviser's panel on the home page: upload results, and the latest imports."""
from laeringslop.hooks import Panel

from .selectors import import_jobs_for


def panels(request):
    if not request.user.has_perm("indicators.import_data"):
        return []
    return [Panel("indicators/panels/imports.html", {"jobs": import_jobs_for(request.user, limit=3)}, order=30)]
