"""python manage.py import_indicators PATH --municipality KOMMUNENUMMER [--reference]
[--format KEY] [--dry-run]; KEY is one of indicators.models.ImportFormat (detected from the headings when not given)."""
from indicators.models import ImportFormat

from ._import import ImportCommand


class Command(ImportCommand):
    help = "Import indicator values (national tests, grunnskolepoeng and grades, pupil survey or the long format); " \
           "the format is detected from the headings unless given."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--format", choices=ImportFormat.values, default="")

    def handle(self, *args, **options):
        self.format = options.pop("format")
        return super().handle(*args, **options)
