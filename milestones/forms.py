"""The milestone form: choices limited to the plan, dates checked against today."""
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from laeringslop.concurrency import VersionFormMixin
from projects.forms import DateInput
from projects.models import ActionPlanDraft, Mandate, Phase, ProjectGroup, StatusReport
from projects.people import PersonChoiceField

from .models import Milestone, Status


class MilestoneForm(VersionFormMixin, forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["title", "description", "due_date", "phase", "responsible_group", "responsible_person",
                  "status", "completed_on", "delivers_mandate", "delivers_draft", "delivers_report"]
        widgets = {"due_date": DateInput(), "completed_on": DateInput(),
                   "description": forms.Textarea(attrs={"rows": 3})}
        field_classes = {"responsible_person": PersonChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        plan = self.instance.plan
        self._original_due = self.instance.due_date if self.instance.pk else None
        self.fields["phase"].queryset = Phase.objects.filter(plan=plan)
        self.fields["responsible_group"].queryset = ProjectGroup.objects.filter(plan=plan).in_display_order()
        self.fields["responsible_person"].for_plan(plan)  # the municipality's people, the plan's members first
        self.fields["delivers_mandate"].queryset = Mandate.objects.filter(group__plan=plan).select_related("phase")
        self.fields["delivers_draft"].queryset = ActionPlanDraft.objects.filter(plan=plan)
        self.fields["delivers_report"].queryset = StatusReport.objects.filter(plan=plan).select_related("plan", "group")

    def clean(self):
        data = super().clean()
        due, status = data.get("due_date"), data.get("status")
        today = timezone.localdate()
        # A past due date only makes sense for a milestone that is already done, or one that
        # was set earlier and has since passed (it is then shown as late).
        if due and due < today and status != Status.DONE and due != self._original_due:
            self.add_error("due_date", _("The due date is in the past. Choose a date from today on, "
                                         "or record the milestone as done."))
        if status == Status.DONE and not data.get("completed_on"):
            data["completed_on"] = today
        return data


class CompleteForm(forms.Form):
    completed_on = forms.DateField(label=_("Completed on"), required=False, widget=DateInput())

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan

    def clean_completed_on(self):
        value = self.cleaned_data.get("completed_on")
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("The completion date cannot be in the future."))
        first, _last = self.plan.period()
        if (value or timezone.localdate()) < first:  # empty means today
            raise forms.ValidationError(_("The completion date cannot be before the plan started (%(first)s).")
                                        % {"first": first.strftime("%d.%m.%Y")})
        return value
