from django.urls import path, register_converter

from laeringslop.converters import TokenConverter

from . import views

register_converter(TokenConverter, "token")

app_name = "milestones"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("oversikt/", views.overview, name="overview"),
    path("plan/<int:plan_pk>/", views.timeline, name="timeline"),
    path("plan/<int:plan_pk>/ny/", views.milestone_create, name="create"),
    path("plan/<int:plan_pk>/kalender/ny-adresse/", views.feed_regenerate, name="feed_regenerate"),
    path("<int:pk>/", views.milestone_detail, name="detail"),
    path("<int:pk>/endre/", views.milestone_edit, name="edit"),
    path("<int:pk>/fullfort/", views.milestone_complete, name="complete"),
    path("kalender/<token:token>.ics", views.feed, name="feed"),
]
