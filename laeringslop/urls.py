from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("enheter/", views.unit_list, name="unit_list"),
    path("enheter/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("enheter/<int:pk>/deltar/", views.unit_participation, name="unit_participation"),
    path("enheter/fra-fil/", views.units_import_page, name="units_import"),
    path("helse/", views.health, name="health"),
    path("hjelp/ordliste/", views.glossary, name="glossary"),
    path("kommune/velg/", views.municipality_switch, name="municipality_choose"),
    path("konto/", include("django.contrib.auth.urls")),
    # The language switch (Django's, which also stores a logged-in person's choice: laeringslop.views).
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("varsler/", include("notices.urls")),
    path("admin/", admin.site.urls),
    path("prosjekter/", include("projects.urls")),
    path("milepaeler/", include("milestones.urls")),
    path("indikatorer/", include("indicators.urls")),
    path("dialog/", include("dialogue.urls")),
    path("fylke/", include("county.urls")),
    path("kompetanse/", include("competence.urls")),
    path("ledermoter/", include("leadership.urls")),
]
