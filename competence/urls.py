from django.urls import path

from . import views

app_name = "competence"
urlpatterns = [
    path("", views.measure_list, name="measures"),
    path("tiltak/ny/", views.measure_create, name="measure_create"),
    path("tiltak/<int:pk>/", views.measure_detail, name="measure"),
    path("tiltak/<int:pk>/endre/", views.measure_edit, name="measure_edit"),
    path("tiltak/<int:pk>/samlinger/ny/", views.session_create, name="session_create"),
    path("samlinger/<int:pk>/", views.session_edit, name="session_edit"),
    path("samlinger/<int:pk>/slett/", views.session_delete, name="session_delete"),
    path("tiltak/<int:pk>/enhet/<int:unit_pk>/", views.signup, name="signup"),
    path("deltakere/<int:pk>/avmeld/", views.participant_cancel, name="participant_cancel"),
    path("tiltak/<int:pk>/deltakere/", views.participants, name="participants"),
    path("tiltak/<int:pk>/deltakere.<str:fmt>", views.participants_export, name="participants_export"),
    path("undersokelser/", views.survey_list, name="surveys"),
    path("undersokelser/ny/", views.survey_create, name="survey_create"),
    path("undersokelser/<int:pk>/", views.survey_detail, name="survey"),
    path("undersokelser/<int:pk>/last-opp/", views.survey_upload, name="survey_upload"),
    path("opplastinger/<int:pk>/", views.upload_detail, name="upload"),
]
