from django.core.management.base import BaseCommand
from django.db import transaction

from laeringslop.hooks import app_modules


class Command(BaseCommand):
    help = "Create or refresh the demo municipality with units, users and data (idempotent)."

    def handle(self, *args, **options):
        context: dict = {}
        with transaction.atomic():
            for module in app_modules("demo"):
                module.seed(context)
        users = context.get("users", {})
        self.stdout.write(self.style.SUCCESS("Demo data ready. Log in at http://127.0.0.1:8000/ with:"))
        for username, label in [("direktor", "education director"), ("radgiver", "adviser"),
                                ("rektor", "rector"), ("styrer", "kindergarten head"),
                                ("admin", "administrator"), ("drift", "operator (superuser)"),
                                ("statsforvalter", "county governor")]:
            if username in users:
                self.stdout.write(f"  {label:<20} {username:<10} / {context['password']}")
