from django.urls import path

from . import views

app_name = "projects"
urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("ny/", views.plan_create, name="plan_create"),
    path("<int:pk>/", views.plan_detail, name="plan_detail"),
    path("<int:pk>/endre/", views.plan_edit, name="plan_edit"),
    path("<int:plan_pk>/mal/ny/", views.goal_create, name="goal_create"),
    path("mal/<int:pk>/endre/", views.goal_edit, name="goal_edit"),
    path("<int:plan_pk>/forventning/ny/", views.expectation_create, name="expectation_create"),
    path("forventning/<int:pk>/endre/", views.expectation_edit, name="expectation_edit"),
    path("<int:plan_pk>/fase/ny/", views.phase_create, name="phase_create"),
    path("fase/<int:pk>/endre/", views.phase_edit, name="phase_edit"),
    path("<int:plan_pk>/gruppe/ny/", views.group_create, name="group_create"),
    path("gruppe/<int:pk>/", views.group_detail, name="group_detail"),
    path("gruppe/<int:pk>/endre/", views.group_edit, name="group_edit"),
    path("gruppe/<int:group_pk>/medlem/ny/", views.member_create, name="member_create"),
    path("medlem/<int:pk>/endre/", views.member_edit, name="member_edit"),
    path("gruppe/<int:group_pk>/mandat/nytt/", views.mandate_create, name="mandate_create"),
    path("mandat/<int:pk>/", views.mandate_detail, name="mandate_detail"),
    path("mandat/<int:pk>/endre/", views.mandate_edit, name="mandate_edit"),
    path("innspill/", views.input_list, name="input_list"),
    path("innspill/nytt/", views.input_create, name="input_create"),
    path("innspill/<int:pk>/", views.input_detail, name="input_detail"),
    path("innspill/<int:pk>/behandlet/", views.input_process, name="input_process"),
    path("vedlegg/<int:pk>/", views.attachment_download, name="attachment_download"),
    path("<int:plan_pk>/handlingsplan/", views.draft_list, name="draft_list"),
    path("<int:plan_pk>/handlingsplan/nytt-utkast/", views.draft_create, name="draft_create"),
    path("<int:plan_pk>/handlingsplan/sammenlign/", views.draft_compare, name="draft_compare"),
    path("handlingsplan/<int:pk>/", views.draft_detail, name="draft_detail"),
    path("handlingsplan/<int:pk>/kommentar/", views.draft_comment, name="draft_comment"),
    path("<int:plan_pk>/statusrapport/ny/", views.report_create, name="report_create"),
    path("statusrapport/<int:pk>/", views.report_detail, name="report_detail"),
    path("statusrapport/<int:pk>/endre/", views.report_edit, name="report_edit"),
    path("statusrapport/<int:pk>/pdf/", views.report_pdf, name="report_pdf"),
]
