"""A person's calendar subscription: one secret address per person and municipality, from which a
calendar app (which cannot log in) reads what «Året» shows that person — the leader meetings they are
invited to, the school visits they may see, the plan's milestones and the year's steps.

The token is the key. The person replaces it (the old address stops working at once) or turns the
subscription off; a person who no longer holds a role in the municipality, or whose account is
closed, gets nothing from it (checked each time the calendar is read)."""
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def new_subscription_token() -> str:
    """An unguessable secret for the calendar address (the plan feed's kind: 43 URL-safe characters)."""
    return secrets.token_urlsafe(32)


class CalendarSubscription(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="calendar_subscriptions", verbose_name=_("user"))
    municipality = models.ForeignKey("laeringslop.Municipality", on_delete=models.CASCADE,
                                     related_name="calendar_subscriptions", verbose_name=_("municipality"))
    token = models.CharField(_("calendar token"), max_length=64, unique=True, default=new_subscription_token,
                             editable=False)
    created_at = models.DateTimeField(_("address made"), auto_now=True)

    class Meta:
        verbose_name = _("calendar subscription")
        verbose_name_plural = _("calendar subscriptions")
        constraints = [
            models.UniqueConstraint(fields=["user", "municipality"], name="one_calendar_subscription_per_person",
                                    violation_error_message=_("This person already has a calendar address for "
                                                              "this municipality.")),
        ]

    def __str__(self):
        return f"{self.user} ({self.municipality})"
