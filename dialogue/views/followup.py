"""The dialogue held with each rector and its follow-up tasks: the school's dialogue page, the task forms,
the adviser's own tasks and the overview per year."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from laeringslop.concurrency import show_stale
from laeringslop.history import history_for
from laeringslop.permissions import get_visible_or_404, require_perm

from .. import followup as services
from .. import selectors
from ..forms import DialogueForm, FollowUpFilterForm, TaskCommentForm, TaskCompleteForm, TaskForm, TaskReopenForm
from ..models import FollowUpTask
from ..selectors.followup import today as followup_today
from .common import managed_year, school_mirror_year, visible_school


def _mirror_year(user, school, year):
    """The year's set-up (404 if there is none or the user may not see it yet)."""
    mirror_year = school_mirror_year(user, school, year)
    if mirror_year is None:
        raise Http404
    return mirror_year


def _dialogue_url(school_id, year) -> str:
    return reverse("dialogue:dialogue", kwargs={"school_id": school_id, "year": year})


def _fail(request, form, error: ValidationError) -> None:
    if show_stale(form, error):  # saved by someone else meanwhile: the form says what differs
        messages.error(request, _("Nothing was saved: someone else saved a newer version. See the form."))
        return
    form.add_error(None, error)
    messages.error(request, _("The form has errors: see the messages by the fields."))


@login_required
def dialogue(request, school_id, year):
    school = visible_school(request.user, school_id)
    require_perm(request.user, "dialogue.view_dialogue", school)
    mirror_year = _mirror_year(request.user, school, year)
    can_record = request.user.has_perm("dialogue.record_dialogue", school)
    current = selectors.dialogue_for(mirror_year, school)
    form = None
    if request.method == "POST":
        if not can_record:
            raise PermissionDenied
        form = DialogueForm(request.POST, instance=current, mirror_year=mirror_year)
        if form.is_valid():
            try:
                services.dialogue_record(mirror_year=mirror_year, school=school, user=request.user,
                                         version=form.read_version, **{name: form.cleaned_data[name] for name in services.DIALOGUE_FIELDS})
            except ValidationError as error:
                _fail(request, form, error)
            else:
                messages.success(request, _("The dialogue is recorded."))
                return redirect(_dialogue_url(school.pk, year))
        else:
            messages.error(request, _("The form has errors: see the messages by the fields."))
        current = selectors.dialogue_for(mirror_year, school)
    elif can_record:
        form = DialogueForm(instance=current, mirror_year=mirror_year)
    report = selectors.report_for(mirror_year, school)
    return render(request, "dialogue/dialogue.html", {
        "school": school, "year": year, "mirror_year": mirror_year, "dialogue": current, "form": form,
        "can_record": can_record, "tasks": selectors.dialogue_tasks(current),
        "task_form": TaskForm(municipality_id=school.municipality_id) if can_record and current else None,
        "report": report if report and report.has_files else None,
        "history": history_for(current) if current and can_record else [],
    })


@login_required
def task_create(request, school_id, year):
    school = visible_school(request.user, school_id)
    require_perm(request.user, "dialogue.record_dialogue", school)
    mirror_year = _mirror_year(request.user, school, year)
    current = selectors.dialogue_for(mirror_year, school)
    if current is None:
        messages.info(request, _("Record the dialogue first; the tasks follow it up."))
        return redirect(_dialogue_url(school.pk, year))
    form = TaskForm(request.POST or None, municipality_id=school.municipality_id)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.task_create(dialogue=current, user=request.user,
                                     **{name: form.cleaned_data[name] for name in services.TASK_FIELDS})
            except ValidationError as error:
                _fail(request, form, error)
            else:
                messages.success(request, _("The task is created."))
                return redirect(_dialogue_url(school.pk, year))
        else:
            messages.error(request, _("The form has errors: see the messages by the fields."))
    return render(request, "dialogue/task_form.html", {
        "school": school, "year": year, "mirror_year": mirror_year, "dialogue": current, "form": form, "task": None,
    })


def _visible_task(user, pk) -> FollowUpTask:
    return get_visible_or_404(FollowUpTask.objects.select_related("dialogue__school__municipality",
                                                                  "dialogue__mirror_year", "responsible"),
                              "dialogue.view_task", user, pk=pk)


@login_required
def task_edit(request, pk):
    task = _visible_task(request.user, pk)
    require_perm(request.user, "dialogue.change_task", task)
    school, mirror_year = task.dialogue.school, task.dialogue.mirror_year
    form = TaskForm(request.POST or None, instance=task, municipality_id=school.municipality_id)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.task_update(task, version=form.read_version, by=request.user,
                                     **{name: form.cleaned_data[name] for name in services.TASK_FIELDS})
            except ValidationError as error:
                _fail(request, form, error)
            else:
                messages.success(request, _("The task is saved."))
                return redirect(_dialogue_url(school.pk, mirror_year.school_year))
        else:
            messages.error(request, _("The form has errors: see the messages by the fields."))
    task.refresh_from_db()
    return render(request, "dialogue/task_form.html", {
        "school": school, "year": mirror_year.school_year, "mirror_year": mirror_year, "dialogue": task.dialogue,
        "form": form, "task": task, "complete_form": TaskCompleteForm(), "history": history_for(task),
    })


@login_required
@require_POST
def task_complete(request, pk):
    task = _visible_task(request.user, pk)
    require_perm(request.user, "dialogue.complete_task", task)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        back = _dialogue_url(task.dialogue.school_id, task.dialogue.mirror_year.school_year)
    form = TaskCompleteForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["note"]))
        return redirect(back)
    task, completed = services.task_complete(task, user=request.user, note=form.cleaned_data["note"])
    if completed:
        messages.success(request, _("«%(title)s» is marked as done.") % {"title": task.title})
    else:
        messages.info(request, _("«%(title)s» was already done.") % {"title": task.title})
    return redirect(back)


def _thread_url(task) -> str:
    return reverse("dialogue:task_thread", kwargs={"pk": task.pk})


@login_required
def task_thread(request, pk):
    """The task with its thread: the rector answers here, an adviser comments or reopens a done task."""
    task = _visible_task(request.user, pk)
    can_comment = request.user.has_perm("dialogue.comment_task", task)
    can_reopen = task.is_done and request.user.has_perm("dialogue.reopen_task", task)
    form = reopen_form = None
    if request.method == "POST":
        if not can_comment:
            raise PermissionDenied
        form = TaskCommentForm(request.POST)
        if form.is_valid():
            try:
                services.task_comment_add(task=task, user=request.user, text=form.cleaned_data["text"])
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The comment is added."))
                return redirect(_thread_url(task))
        messages.error(request, _("The form has errors: see the messages by the fields."))
    if can_comment and form is None:
        form = TaskCommentForm()
    if can_reopen:
        reopen_form = TaskReopenForm(initial={"version": task.version})
    return render(request, "dialogue/task_thread.html", {
        "task": task, "school": task.dialogue.school, "mirror_year": task.dialogue.mirror_year,
        "comments": selectors.task_comments(task), "form": form, "reopen_form": reopen_form,
        "can_edit": request.user.has_perm("dialogue.change_task", task),
    })


@login_required
@require_POST
def task_reopen(request, pk):
    task = _visible_task(request.user, pk)
    require_perm(request.user, "dialogue.reopen_task", task)
    form = TaskReopenForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect(_thread_url(task))
    try:
        task = services.task_reopen(task=task, user=request.user, reason=form.cleaned_data["reason"],
                                    version=form.cleaned_data["version"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("«%(title)s» is open again.") % {"title": task.title})
    return redirect(_thread_url(task))


@login_required
def my_tasks(request):
    require_perm(request.user, "dialogue.manage")
    tasks = list(selectors.my_tasks(request.user))
    today = followup_today()
    for task in tasks:
        task.late = task.is_late_on(today)
    return render(request, "dialogue/my_tasks.html", {
        "tasks": tasks, "late_count": sum(t.late for t in tasks), "today": today,
    })


@login_required
def followup_overview(request, year):
    mirror_year = managed_year(request, year)
    form = FollowUpFilterForm(request.GET or None, municipality_id=mirror_year.municipality_id)
    filters = {}
    if form.is_bound and form.is_valid():
        filters = {"adviser": form.cleaned_data["adviser"], "kind": form.cleaned_data["kind"]}
    overview = selectors.followup_overview(mirror_year, **filters)
    return render(request, "dialogue/followup_overview.html", {
        "mirror_year": mirror_year, "form": form, "overview": overview, "filtered": any(filters.values()),
        "held": sum(1 for row in overview.schools if row.dialogue),
    })
