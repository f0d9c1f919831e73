from django.urls import path
from django.views.generic import RedirectView

from . import views

app_name = "dialogue"
urlpatterns = [
    path("speil/<int:school_id>/", views.mirror_current, name="mirror_current"),
    path("speil/<int:school_id>/<int:year>/", views.mirror, name="mirror"),
    path("speil/<int:school_id>/<int:year>/eksport.<str:fmt>", views.mirror_export, name="mirror_export"),
    path("speil/<int:school_id>/<int:year>/vurdering/", views.assessment, name="assessment"),
    path("speil/<int:school_id>/<int:year>/vurdering/gjenapne/", views.assessment_reopen, name="assessment_reopen"),
    path("speil/<int:school_id>/<int:year>/rapport/", views.report_html, name="report_html"),
    path("speil/<int:school_id>/<int:year>/rapport.pdf", views.report_pdf, name="report_pdf"),
    path("speil/<int:school_id>/<int:year>/rapport/lag/", views.report_request, name="report_request"),
    path("speil/<int:school_id>/<int:year>/samtale/", views.dialogue, name="dialogue"),
    path("speil/<int:school_id>/<int:year>/samtale/oppgaver/ny/", views.task_create, name="task_create"),
    path("oppgaver/<int:pk>/", views.task_edit, name="task_edit"),
    path("oppgaver/<int:pk>/utfort/", views.task_complete, name="task_complete"),
    path("oppgaver/<int:pk>/kommentarer/", views.task_thread, name="task_thread"),
    path("oppgaver/<int:pk>/gjenapne/", views.task_reopen, name="task_reopen"),
    path("mine-oppgaver/", views.my_tasks, name="my_tasks"),
    # Local indicators moved to indicators/ (/indikatorer/lokale/): old bookmarks follow.
    path("indikatorer/", RedirectView.as_view(pattern_name="indicators:local_list", permanent=True),
         name="old_local_list"),
    path("indikatorer/<int:pk>/", RedirectView.as_view(pattern_name="indicators:local_edit", permanent=True),
         name="old_local_edit"),
    path("aaret/", views.year_cycle, name="year_cycle"),
    path("aaret/<int:year>/", views.year_cycle, name="year_cycle_of"),
    path("aaret/kalender/", views.calendar_subscription, name="calendar_subscription"),
    path("kalender/<token:token>.ics", views.calendar_feed, name="calendar_feed"),
    path("aar/", views.year_list, name="year_list"),
    path("aar/<int:year>/", views.year_setup, name="year_setup"),
    path("aar/<int:year>/status/", views.year_status, name="year_status"),
    path("aar/<int:year>/paminnelse/", views.year_remind, name="year_remind"),
    path("aar/<int:year>/rapporter/", views.report_list, name="report_list"),
    path("aar/<int:year>/rapporter/lag/", views.reports_request, name="reports_request"),
    path("aar/<int:year>/oppfolging/", views.followup_overview, name="followup_overview"),
    path("skole/<int:school_id>/besok/", views.school_visits, name="school_visits"),
    path("besok/", views.visit_overview_current, name="visit_overview_current"),
    path("besok/<int:year>/", views.visit_overview, name="visit_overview"),
    path("besok/<int:year>/kalender.ics", views.visit_calendar, name="visit_calendar"),
    path("besok/<int:year>/skole/<int:school_id>/ny/", views.visit_create, name="visit_create"),
    path("besok/vis/<int:pk>/", views.visit_detail, name="visit_detail"),
    path("barnehager/", views.kindergarten_list, name="kindergarten_list"),
    path("barnehager/<int:year>/", views.kindergarten_list, name="kindergarten_list_of"),
    path("dashbord/", views.dashboard, name="dashboard"),
    path("dashbord/eksport.<str:fmt>", views.dashboard_export, name="dashboard_export"),
]
