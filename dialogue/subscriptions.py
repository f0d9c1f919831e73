"""Writes and the key lookup for a person's calendar address (``CalendarSubscription``)."""
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from laeringslop.permissions import roles_of
from laeringslop.tenancy import activate

from .models import CalendarSubscription
from .models.subscriptions import new_subscription_token


def holds_a_role(user, municipality) -> bool:
    """An active account with a role in the municipality: who may have its calendar address."""
    return user.is_active and municipality.pk in roles_of(user).municipality_ids


def calendar_subscription_renew(*, user, municipality) -> CalendarSubscription:
    """Make the person's calendar address, or replace it: the old address stops working at once."""
    if not holds_a_role(user, municipality):
        raise ValidationError(_("Only a person with a role in the municipality can have its calendar address."),
                              code="no_role")
    with transaction.atomic():
        subscription, created = CalendarSubscription.objects.select_for_update().get_or_create(
            user=user, municipality=municipality)
        if not created:
            subscription.token = new_subscription_token()
            subscription.save(update_fields=["token", "created_at"])
    return subscription


def calendar_subscription_stop(*, user, municipality) -> bool:
    """Turn the address off; True when there was one."""
    deleted, _rows = CalendarSubscription.objects.filter(user=user, municipality=municipality).delete()
    return bool(deleted)


def subscription_of(*, user, municipality) -> CalendarSubscription | None:
    return CalendarSubscription.objects.filter(user=user, municipality=municipality).first()


def subscription_by_token(token: str) -> CalendarSubscription | None:
    """The subscription whose address this is, with its person's roles read for its municipality only;
    None when there is none, the account is closed or the person no longer holds a role there (the same
    answer for each, so the address tells nothing)."""
    subscription = (CalendarSubscription.objects.select_related("user", "municipality")
                    .filter(token=token).first())
    if subscription is None:
        return None
    user = subscription.user
    activate(user, subscription.municipality)
    return subscription if holds_a_role(user, subscription.municipality) else None
