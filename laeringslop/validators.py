"""Validators for Norwegian identifiers, and for one-line text."""
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ORG_NUMBER_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)


def org_number_check_digit(first_eight: str) -> int | None:
    """The modulus-11 check digit of an organisasjonsnummer, or None if none is possible."""
    remainder = sum(int(d) * w for d, w in zip(first_eight, ORG_NUMBER_WEIGHTS, strict=False)) % 11
    check = (11 - remainder) % 11
    return None if check == 10 else check


def normalise_org_number(value: str) -> str:
    """Remove the spaces people write inside numbers ("974 589 095")."""
    return "".join(str(value).split()).replace("\u00a0", "")


def is_valid_org_number(value: str) -> bool:
    value = normalise_org_number(value)
    if len(value) != 9 or not value.isdigit():
        return False
    return org_number_check_digit(value[:8]) == int(value[8])


def validate_org_number(value: str) -> None:
    value = normalise_org_number(value)
    if len(value) != 9 or not value.isdigit():
        raise ValidationError(
            _("An organisation number has exactly 9 digits."), code="org_number_format"
        )
    if org_number_check_digit(value[:8]) != int(value[8]):
        raise ValidationError(
            _("%(value)s is not a valid organisation number: the check digit is wrong."),
            code="org_number_check_digit",
            params={"value": value},
        )


def validate_municipality_number(value: str) -> None:
    if len(value) != 4 or not value.isdigit():
        raise ValidationError(
            _("A municipality number has exactly 4 digits."), code="municipality_number"
        )


def validate_single_line(value: str) -> None:
    """Text that is one line (a title, a name): no line breaks, tabs or other control characters."""
    if any(unicodedata.category(ch) == "Cc" or ch in "\u2028\u2029" for ch in str(value)):
        raise ValidationError(_("Write this on one line."), code="single_line")
