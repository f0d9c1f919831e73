"""factory_boy factories for the governance models."""
import datetime

import factory

from laeringslop.tests import factories as core
from projects.models import (
    ActionPlanDraft,
    Expectation,
    Goal,
    GroupKind,
    GroupMembership,
    Input,
    Mandate,
    MandateStatus,
    Measure,
    Phase,
    ProjectGroup,
    QualityPlan,
    ReportItem,
    SignOfQuality,
    StatusReport,
)


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QualityPlan

    municipality = factory.SubFactory(core.MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Læringsløp {n}")
    start_year = 2024
    end_year = 2028
    vision = "Å lykkes i hele læringsløpet"


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    plan = factory.SubFactory(PlanFactory)
    title = factory.Sequence(lambda n: f"Mål {n}")


class ExpectationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Expectation
        skip_postgeneration_save = True

    plan = factory.SubFactory(PlanFactory)
    title = factory.Sequence(lambda n: f"Forventning {n}")

    @factory.post_generation
    def signs(self, create, extracted, **kwargs):
        """``signs=["…", "…"]`` (default: two signs of quality), in order."""
        if not create:
            return
        for order, text in enumerate(["Tegn én", "Tegn to"] if extracted is None else extracted, start=1):
            SignOfQuality.objects.create(expectation=self, text=text, order=order)


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measure
        skip_postgeneration_save = True

    plan = factory.SubFactory(PlanFactory)
    title = factory.Sequence(lambda n: f"Tiltak {n}")
    responsible = "Skoleeierteamet"
    starts_on = datetime.date(2024, 8, 15)

    @factory.post_generation
    def indicators(self, create, extracted, **kwargs):
        if create and extracted:
            self.indicators.set(extracted)

    @factory.post_generation
    def schools(self, create, extracted, **kwargs):
        if create and extracted:
            self.schools.set(extracted)


class PhaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Phase

    plan = factory.SubFactory(PlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"Fase {n}")
    start_date = datetime.date(2024, 8, 1)
    end_date = datetime.date(2025, 6, 30)


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectGroup

    plan = factory.SubFactory(PlanFactory)
    name = factory.Sequence(lambda n: f"Prosjektgruppe {n}")
    kind = GroupKind.PROJECT


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupMembership

    group = factory.SubFactory(GroupFactory)
    user = None
    person_name = factory.LazyAttribute(lambda o: "" if o.user else "Ekstern Person")
    start_date = datetime.date(2024, 1, 1)


class MandateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mandate

    group = factory.SubFactory(GroupFactory)
    phase = factory.SubFactory(PhaseFactory, plan=factory.SelfAttribute("..group.plan"))
    title = factory.Sequence(lambda n: f"Mandat {n}")
    text = "Gruppa skal svare opp prosjektmandatet."
    status = MandateStatus.DRAFT


class DraftFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionPlanDraft

    plan = factory.SubFactory(PlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = "Handlingsplan"
    text = "Linje én\nLinje to"
    created_by = factory.SubFactory(core.UserFactory)


class InputFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Input

    group = factory.SubFactory(GroupFactory)
    unit = factory.SubFactory(core.SchoolFactory, municipality=factory.SelfAttribute("..group.plan.municipality"))
    title = factory.Sequence(lambda n: f"Innspill {n}")
    text = "Vi foreslår felles overgangsrutiner."
    submitted_by = factory.SubFactory(core.UserFactory)


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StatusReport

    plan = factory.SubFactory(PlanFactory)
    group = None
    as_of = datetime.date(2025, 2, 6)
    description = "Helhetlig barnehage- og skoleutvikling."
    filled_in_by = factory.SubFactory(core.UserFactory)


class ReportItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportItem

    report = factory.SubFactory(ReportFactory)
    goal = "Felles verdigrunnlag"
    measures = "Felles planleggingsdag"
    status = "Positive tilbakemeldinger"
