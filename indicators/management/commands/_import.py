"""The shared body of the import commands: the same pipeline as the upload page."""
from django.conf import settings
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from indicators.importing.problems import SHOWN_PROBLEMS
from indicators.models import ImportStatus
from indicators.selectors import job_problems, summary_lines
from indicators.services import import_job_create, import_job_run
from laeringslop.models import Municipality


class ImportCommand(BaseCommand):
    format = ""

    def add_arguments(self, parser):
        parser.add_argument("path", help="CSV (semicolon-separated) or XLSX file")
        parser.add_argument("--municipality", metavar="KOMMUNENUMMER", default="",
                            help="The municipality the import belongs to (required): only its schools are stored.")
        parser.add_argument("--reference", action="store_true",
                            help="Also store the comparison values of the nation, the counties and every "
                                 "municipality (the portal administrator's shared reference set).")
        parser.add_argument("--dry-run", action="store_true", help="Check and count, store nothing.")

    def handle(self, *args, path, dry_run, municipality="", reference=False, **options):
        translation.activate(settings.LANGUAGE_CODE)
        number = (municipality or "").strip()
        if not number:
            raise CommandError(_("Give the municipality the import belongs to: --municipality KOMMUNENUMMER "
                                 "(4 digits)."))
        found = Municipality.objects.filter(number=number).first()
        if found is None:
            raise CommandError(_("No municipality in the portal has the number %(number)s.") % {"number": number})
        try:
            handle = open(path, "rb")
        except OSError as error:
            raise CommandError(_("Cannot open %(path)s: %(error)s") % {"path": path, "error": error}) from error
        with handle:
            job = import_job_create(file=File(handle), name=path, municipality=found, reference=reference,
                                    fmt=self.format, dry_run=dry_run)
        job = import_job_run(job.pk)
        if job.status == ImportStatus.FAILED:
            raise CommandError(job.error)
        if job.status == ImportStatus.REJECTED:
            for problem in job_problems(job, limit=SHOWN_PROBLEMS):
                self.stderr.write(problem.text)
            raise CommandError(_("%(n)s problem(s) found; nothing was stored.") % {"n": job.problem_count})
        for line in summary_lines(job):
            self.stdout.write(line)
