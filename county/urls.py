from django.urls import path

from . import views

app_name = "county"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("nettverk/<int:pk>/", views.network_detail, name="network"),
    path("nettverk/<int:pk>/sammenligning/", views.comparison, name="comparison"),
    path("nettverk/<int:pk>/regioner/", views.regions, name="regions"),
    path("nettverk/<int:pk>/hendelser/ny/", views.event_create, name="event_create"),
    path("hendelser/<int:pk>/", views.event_edit, name="event_edit"),
    path("kommunens-nettverk/", views.municipality_networks, name="municipality_networks"),
    path("nettverk/<int:pk>/bli-med/", views.network_join, name="network_join"),
    path("nettverk/<int:pk>/meld-ut/", views.network_withdraw, name="network_withdraw"),
    path("kommuner/ny/", views.municipality_create, name="municipality_create"),
]
