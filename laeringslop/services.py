"""Writes for the core models."""
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Role, RoleAssignment, Unit, User
from .permissions import forget_roles


def upsert(model, lookup: dict, defaults: dict):
    """Get or create ``model`` by ``lookup``; save only when a default differs.

    Saving only on a real change keeps re-runs (seed_demo) from writing history rows.
    Returns ``(obj, created, changed)``.
    """
    obj, created = model.objects.get_or_create(**lookup, defaults=defaults)
    if created:
        return obj, True, False
    changed = [name for name, value in defaults.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, defaults[name])
        obj.full_clean()
        obj.save(update_fields=changed)
    return obj, False, bool(changed)


@transaction.atomic
def user_ensure(*, username: str, first_name: str, last_name: str, email: str, password: str,
                is_staff: bool = False, is_superuser: bool = False) -> User:
    """A user with these details; the password is set only when the user is created."""
    user, created, _changed = upsert(
        User,
        {"username": username},
        {"first_name": first_name, "last_name": last_name, "email": email,
         "is_staff": is_staff, "is_superuser": is_superuser},
    )
    if created:
        user.set_password(password)
        user.save(update_fields=["password"])
    return user


def role_assign(*, user: User, role: str, municipality, unit=None) -> RoleAssignment:
    lookup = {"user": user, "role": role, "municipality": municipality}
    if unit is not None:
        lookup["unit"] = unit
    else:
        lookup["unit__isnull"] = True
    assignment = RoleAssignment.objects.filter(**lookup).first()
    if assignment is None:
        assignment = RoleAssignment(user=user, role=role, municipality=municipality, unit=unit)
        assignment.full_clean()
        assignment.save()
    forget_roles(user)
    return assignment


@transaction.atomic
def unit_participation_set(*, unit: Unit, takes_part: bool, user: User) -> Unit:
    """Mark a school as taking part in the municipality's results, or not (a school the
    municipality does not own, such as a private school): no results are stored or shown for it."""
    if not user.has_perm("laeringslop.change_unit_participation", unit):
        raise PermissionDenied
    if not unit.is_school:
        raise ValidationError(_("Only a school takes part in the results."), code="not_a_school")
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    if unit.takes_part != takes_part:
        unit.takes_part = takes_part
        unit.save(update_fields=["takes_part"])
    return unit


def user_language_set(*, user, language: str) -> bool:
    """Remember the language a person chose (their e-mails and notices are written in it).

    A language the portal does not speak is refused (code "unknown_language"). Saves only on a
    change; returns whether it changed."""
    from django.conf import settings

    if language not in dict(settings.LANGUAGES):
        raise ValidationError("Unknown language %(language)s", code="unknown_language", params={"language": language})
    if not user.is_authenticated or user.language == language:
        return False
    user.language = language
    user.save(update_fields=["language"])
    return True


__all__ = ["upsert", "user_ensure", "role_assign", "unit_participation_set", "user_language_set", "Role"]
