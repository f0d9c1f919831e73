from django.urls import path

from . import local_views, views

app_name = "indicators"
urlpatterns = [
    path("import/", views.import_upload, name="import_upload"),
    path("import/historikk/", views.import_list, name="import_list"),
    path("import/<int:pk>/", views.import_detail, name="import_detail"),
    path("import/<int:pk>/prov-igjen/", views.import_retry, name="import_retry"),
    path("import/<int:pk>/importer/", views.import_confirm, name="import_confirm"),
    path("import/<int:pk>/avbryt/", views.import_cancel, name="import_cancel"),
    path("import/<int:pk>/angre/", views.import_undo, name="import_undo"),
    path("import/<int:pk>/fremdrift/", views.import_progress, name="import_progress"),
    path("import/<int:pk>/problemer.csv", views.import_problems_csv, name="import_problems_csv"),
    path("import/<int:pk>/fil/", views.import_file, name="import_file"),
    path("lokale/", local_views.local_list, name="local_list"),
    path("lokale/ny/", local_views.local_create, name="local_create"),
    path("lokale/<int:pk>/", local_views.local_edit, name="local_edit"),
]
