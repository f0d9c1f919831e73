"""Factories for the dialogue's tests."""
from datetime import date
from decimal import Decimal

import factory

from indicators.models import Indicator, IndicatorValue, Level
from laeringslop.tests.factories import MunicipalityFactory

from ..models import Answer, Assessment, MirrorYear, MirrorYearStatus, Question


class MirrorYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MirrorYear
        skip_postgeneration_save = True

    municipality = factory.SubFactory(MunicipalityFactory)
    school_year = 2025
    deadline = factory.LazyAttribute(lambda o: date(o.school_year, 12, 15))
    status = MirrorYearStatus.PUBLISHED

    @factory.post_generation
    def indicator_codes(self, create, extracted, **kwargs):
        codes = extracted if extracted is not None else ["NPLES05", "NPREG08", "EU_TRIVSEL", "EU_MOBBING", "GSP"]
        self.indicators.set(Indicator.objects.filter(code__in=codes))

    @factory.post_generation
    def taking_part(self, create, extracted, **kwargs):
        """A published year's schools and kindergartens, as publishing fixes them: the given ones (of either
        kind), or the municipality's now."""
        from ..selectors.cycle import kindergartens_taking_part_now, schools_taking_part_now

        if self.is_published:
            if extracted is not None:
                self.schools.set([u for u in extracted if u.kind == "school"])
                self.kindergartens.set([u for u in extracted if u.kind == "kindergarten"])
            else:
                self.schools.set(schools_taking_part_now(self.municipality_id))
                self.kindergartens.set(kindergartens_taking_part_now(self.municipality_id))


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    mirror_year = factory.SubFactory(MirrorYearFactory)
    area = "learning_results"
    text = factory.Sequence(lambda n: f"Hva forklarer resultatene, spørsmål {n}?")
    order = factory.Sequence(lambda n: n)
    has_rating = False


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    mirror_year = factory.SubFactory(MirrorYearFactory)
    school = None
    status = "draft"


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    assessment = factory.SubFactory(AssessmentFactory)
    question = factory.SubFactory(QuestionFactory)
    text = "Vi har jobbet godt."


def value(code, year, *, school=None, level=None, area_code=None, grade=None, v=None, suppressed=False,
          uncertainty=None, pupils=None, **extra):
    """One IndicatorValue; ``school`` makes it a school value, else give ``level`` and ``area_code``."""
    indicator = Indicator.objects.get(code=code)
    if grade is None:
        grade = indicator.grades[0] if len(indicator.grades or []) == 1 else 0
    if school is not None:
        level, area_code = Level.SCHOOL, school.org_number
    return IndicatorValue.objects.create(
        indicator=indicator, school_year=year, grade=grade, level=level, area_code=area_code, unit=school,
        value=None if (v is None or suppressed) else Decimal(str(v)), suppressed=suppressed,
        uncertainty=None if uncertainty is None else Decimal(str(uncertainty)), pupil_count=pupils, **extra)


def nation(code, year, v, **kw):
    return value(code, year, level=Level.NATION, area_code="I", v=v, **kw)


def municipal(code, year, municipality, v, **kw):
    return value(code, year, level=Level.MUNICIPALITY, area_code=municipality.number, v=v, **kw)


def bulk_values(municipality, schools, codes, years, *, areas: bool = True, value: float = 50.0, pupils: int = 40):
    """Values for many schools at once (and, with ``areas``, the municipality and the nation)."""
    rows = []
    indicators = list(Indicator.objects.filter(code__in=codes))
    for ind in indicators:
        grades = [g for g in ind.grades] if ind.source != "pupil_survey" else [10]
        for year in years:
            for grade in grades:
                for school in schools:
                    if not school.serves_grade(grade):
                        continue
                    rows.append(IndicatorValue(indicator=ind, school_year=year, grade=grade, level=Level.SCHOOL,
                                               area_code=school.org_number, unit=school,
                                               value=Decimal(str(value + (school.pk % 7) - 3)), pupil_count=pupils))
                if areas:
                    rows.append(IndicatorValue(indicator=ind, school_year=year, grade=grade, level=Level.NATION,
                                               area_code="I", value=Decimal(str(value))))
                    rows.append(IndicatorValue(indicator=ind, school_year=year, grade=grade,
                                               level=Level.MUNICIPALITY, area_code=municipality.number,
                                               value=Decimal(str(value + 0.5))))
    IndicatorValue.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def county_value(code, year, number, v, **kw):
    """A county's (level 2) value, e.g. Buskerud «33»."""
    return value(code, year, level=Level.COUNTY, area_code=number, v=v, **kw)
