"""The municipality and its units (schools, kindergartens, services)."""
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..validators import validate_municipality_number, validate_org_number


class County(models.Model):
    """A county (fylke): the level of the county governor (Statsforvalteren), who leads networks of
    its municipalities."""

    number = models.CharField(_("county number"), max_length=2, unique=True,
                              help_text=_("The 2-digit fylkesnummer, e.g. 33."))
    name = models.CharField(_("name"), max_length=100)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("county")
        verbose_name_plural = _("counties")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(number__regex=r"^[0-9]{2}$"), name="county_number_2_digits",
                                   violation_error_message=_("A county number has two digits.")),
        ]

    def __str__(self):
        return f"{self.name} ({self.number})"


class Municipality(models.Model):
    name = models.CharField(_("name"), max_length=100)
    county = models.ForeignKey(County, on_delete=models.PROTECT, null=True, blank=True,
                               related_name="municipalities", verbose_name=_("county"))
    number = models.CharField(
        _("municipality number"),
        max_length=4,
        unique=True,
        validators=[validate_municipality_number],
        help_text=_("The 4-digit kommunenummer, e.g. 3301."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(number__regex=r"^[0-9]{4}$"), name="municipality_number_4_digits"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.number})"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.number and FormerNumber.objects.filter(number=self.number).exclude(municipality_id=self.pk).exists():
            raise ValidationError({"number": ValidationError(
                _("%(number)s is a former number of another municipality in the portal."), code="former_number",
                params={"number": self.number})})

    def county_number_in(self, school_year: int) -> str:
        """The county number of the municipality in a school year (its first year): the county
        under the former number valid then, else its county now ("" without one)."""
        former = [f for f in self.former_numbers.all() if f.last_school_year >= school_year]
        if former:
            return min(former, key=lambda f: f.last_school_year).county_number
        return self.county.number if self.county_id else ""


class FormerNumber(models.Model):
    """A kommunenummer the municipality had before a reform (2020, 2024): rows of Udir's files under
    it are the municipality's, stored under its current number (one series). The county it belonged
    to under that number (Drammen 3005 was in Viken, 30) is its county comparison in those years."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="former_numbers",
                                     verbose_name=_("municipality"))
    number = models.CharField(_("former municipality number"), max_length=4, unique=True,
                              validators=[validate_municipality_number],
                              help_text=_("The 4-digit kommunenummer the municipality had before, e.g. 3005."))
    county_number = models.CharField(_("county number then"), max_length=2,
                                     help_text=_("The county the municipality belonged to under this number, e.g. 30."))
    last_school_year = models.PositiveSmallIntegerField(
        _("last school year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)],
        help_text=_("The first year of the last school year under this number: 2023 for 2023-24."))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("former municipality number")
        verbose_name_plural = _("former municipality numbers")
        ordering = ["municipality__name", "-last_school_year"]
        constraints = [
            models.CheckConstraint(condition=Q(number__regex=r"^[0-9]{4}$"), name="former_number_4_digits"),
            models.CheckConstraint(condition=Q(county_number__regex=r"^[0-9]{2}$"),
                                   name="former_number_county_2_digits"),
        ]

    def __str__(self):
        return f"{self.number} ({self.school_year_label})"

    @property
    def school_year_label(self) -> str:
        return f"{_('until')} {self.last_school_year}-{(self.last_school_year + 1) % 100:02d}"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.number and Municipality.objects.filter(number=self.number).exclude(pk=self.municipality_id).exists():
            raise ValidationError({"number": ValidationError(
                _("%(number)s is the number of another municipality in the portal."), code="number_taken",
                params={"number": self.number})})
        if self.number and self.municipality_id and self.number == self.municipality.number:
            raise ValidationError({"number": ValidationError(_("This is the municipality's current number."),
                                                             code="current_number")})


class Region(models.Model):
    """An optional grouping of units, like Hedmark's four regions."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="regions", verbose_name=_("municipality")
    )
    name = models.CharField(_("name"), max_length=100)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="region_unique_name")
        ]

    def __str__(self):
        return self.name


class UnitKind(models.TextChoices):
    SCHOOL = "school", _("School")
    KINDERGARTEN = "kindergarten", _("Kindergarten")
    SERVICE = "service", _("Service")


class UnitQuerySet(models.QuerySet):
    def schools(self):
        return self.filter(kind=UnitKind.SCHOOL)

    def kindergartens(self):
        return self.filter(kind=UnitKind.KINDERGARTEN)

    def active(self):
        return self.filter(active=True)

    def taking_part(self):
        """Active units the municipality owns: the ones whose results are stored and shown."""
        return self.filter(active=True, takes_part=True)


class Unit(models.Model):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="units", verbose_name=_("municipality")
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="units",
        verbose_name=_("region"),
    )
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)
    org_number = models.CharField(
        _("organisation number"),
        max_length=9,
        unique=True,
        validators=[validate_org_number],
        help_text=_("The 9-digit organisasjonsnummer from the Central Coordinating Register."),
    )
    first_grade = models.PositiveSmallIntegerField(
        _("first grade"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    last_grade = models.PositiveSmallIntegerField(
        _("last grade"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    active = models.BooleanField(_("active"), default=True)
    takes_part = models.BooleanField(
        _("takes part"), default=True,
        help_text=_("Off for a school the municipality does not own (a private school): no results are stored "
                    "or shown for it."))
    history = HistoricalRecords()

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(org_number__regex=r"^[0-9]{9}$"), name="unit_org_number_9_digits"
            ),
            # A school serves grades first..last within 1..10; other units have no grades.
            models.CheckConstraint(
                condition=(
                    Q(
                        kind=UnitKind.SCHOOL,
                        first_grade__gte=1,
                        last_grade__lte=10,
                        first_grade__lte=models.F("last_grade"),
                    )
                    | (
                        ~Q(kind=UnitKind.SCHOOL)
                        & Q(first_grade__isnull=True, last_grade__isnull=True)
                    )
                ),
                name="unit_grades_only_for_schools",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_school(self) -> bool:
        return self.kind == UnitKind.SCHOOL

    @property
    def grades_label(self) -> str:
        if self.first_grade is None:
            return ""
        return f"{self.first_grade}–{self.last_grade}"

    def serves_grade(self, grade: int) -> bool:
        return self.is_school and self.first_grade <= grade <= self.last_grade

    def clean(self):
        from django.core.exceptions import ValidationError

        from ..validators import normalise_org_number

        if self.org_number:
            self.org_number = normalise_org_number(self.org_number)
        errors = {}
        if self.kind == UnitKind.SCHOOL:
            if self.first_grade is None or self.last_grade is None:
                errors["first_grade"] = _("A school must have its first and last grade.")
            elif self.first_grade > self.last_grade:
                errors["last_grade"] = _("The last grade cannot come before the first grade.")
        elif self.first_grade is not None or self.last_grade is not None:
            errors["first_grade"] = _("Only schools have grades.")
        if self.region_id and self.municipality_id and self.region.municipality_id != self.municipality_id:
            errors["region"] = _("The region belongs to another municipality.")
        if errors:
            raise ValidationError(errors)
