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


class ImportCommand(BaseCommand):
    format = ""

    def add_arguments(self, parser):
        parser.add_argument("path", help="CSV (semicolon-separated) or XLSX file")
        parser.add_argument("--dry-run", action="store_true", help="Check and count, store nothing.")

    def handle(self, *args, path, dry_run, **options):
        translation.activate(settings.LANGUAGE_CODE)
        try:
            handle = open(path, "rb")
        except OSError as error:
            raise CommandError(_("Cannot open %(path)s: %(error)s") % {"path": path, "error": error}) from error
        with handle:
            job = import_job_create(file=File(handle), name=path, fmt=self.format, dry_run=dry_run)
        job = import_job_run(job.pk)
        if job.status == ImportStatus.FAILED:
            raise CommandError(job.error)
        if job.status == ImportStatus.REJECTED:
            for problem in job_problems(job, limit=SHOWN_PROBLEMS):
                self.stderr.write(problem.text)
            raise CommandError(_("%(n)s problem(s) found; nothing was stored.") % {"n": job.problem_count})
        for line in summary_lines(job):
            self.stdout.write(line)
