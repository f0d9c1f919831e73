from django.urls import path

from . import views

app_name = "notices"
urlpatterns = [
    path("", views.notice_list, name="list"),
    path("<int:pk>/lest/", views.notice_read, name="read"),
    path("lest/", views.notice_read_all, name="read_all"),
    path("innstillinger/", views.notice_preferences, name="preferences"),
]
