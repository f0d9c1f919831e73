"""python manage.py import_units --municipality KOMMUNENUMMER FILE... [--dry-run]"""
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from laeringslop.units_import import units_import


class Command(BaseCommand):
    help = ("Set up a municipality from Udir's Statistikkbanken files: create it if missing (name from the file) and "
            "create or rename its schools from the level-4 rows under its current or a former number. Never deletes.")

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="FILE", help="Statistikkbanken CSV (as downloaded) or XLSX")
        parser.add_argument("--municipality", metavar="KOMMUNENUMMER", required=True,
                            help="The municipality's current 4-digit number, e.g. 3301.")
        parser.add_argument("--dry-run", action="store_true", help="Show what would change, store nothing.")

    def handle(self, *args, paths, municipality, dry_run, **options):
        translation.activate(settings.LANGUAGE_CODE)
        for path in paths:
            try:
                open(path, "rb").close()
            except OSError as error:
                raise CommandError(_("Cannot open %(path)s: %(error)s") % {"path": path, "error": error}) from error
        try:
            result = units_import(municipality_number=municipality, paths=paths, dry_run=dry_run)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        if not result.ok:
            for problem in result.problems.kept:
                self.stderr.write(problem.text)
            raise CommandError(_("%(n)s problem(s) found; nothing was stored.") % {"n": result.problems.count})
        for line in result.lines():
            self.stdout.write(line)
