"""python manage.py import_national_tests PATH --municipality KOMMUNENUMMER [--reference] [--dry-run]"""
from indicators.models import ImportFormat

from ._import import ImportCommand


class Command(ImportCommand):
    help = "Import national test results (Udir's CSV or XLSX). Nothing is stored if any row has a problem."
    format = ImportFormat.NATIONAL_TESTS
