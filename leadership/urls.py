from django.urls import path

from . import views

app_name = "leadership"
urlpatterns = [
    path("", views.plan_current, name="plan_current"),
    path("<int:year>/", views.plan, name="plan"),
    path("<int:year>/utskrift/", views.plan_print, name="plan_print"),
    path("<int:year>/plan.pdf", views.plan_pdf, name="plan_pdf"),
    path("<int:year>/kalender.ics", views.plan_calendar, name="plan_calendar"),
    path("mine/", views.mine, name="mine"),
    path("ny/", views.meeting_create, name="meeting_create"),
    path("mote/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("mote/<int:pk>/endre/", views.meeting_edit, name="meeting_edit"),
    path("mote/<int:pk>/avlys/", views.meeting_cancel, name="meeting_cancel"),
    path("mote/<int:pk>/vedlegg/", views.meeting_attach, name="meeting_attach"),
    path("mote/<int:pk>/mote.ics", views.meeting_calendar, name="meeting_calendar"),
    path("vedlegg/<int:pk>/", views.attachment_download, name="attachment_download"),
    path("vedlegg/<int:pk>/fjern/", views.attachment_remove, name="attachment_remove"),
]
