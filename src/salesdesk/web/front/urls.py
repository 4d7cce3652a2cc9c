from django.urls import path

from salesdesk.web.front import (
    close_views,
    import_views,
    register_views,
    report_views,
    target_views,
    views,
)

app_name = "front"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("follow-ups/", views.follow_ups, name="follow_ups"),
    path("visits/new/", views.visit_new, name="visit_new"),
    path("visits/<int:pk>/", views.visit_detail, name="visit"),
    path("customers/", views.customers, name="customers"),
    path("customers/search.json", views.customer_search, name="customer_search"),
    path("customers/<int:pk>/", views.customer_detail, name="customer"),
    path("import/", import_views.import_upload, name="import"),
    path("import/check/", import_views.import_check, name="import_check"),
    path("import/run/", import_views.import_run, name="import_run"),
    path("import/done/", import_views.import_done, name="import_done"),
    path("import/cancel/", import_views.import_cancel, name="import_cancel"),
    path("targets/", target_views.targets, name="targets"),
    path("reports/", report_views.reports, name="reports"),
    path("reports/file/", report_views.report_file, name="report_file"),
    path("ideas/", register_views.ideas, name="ideas"),
    path("incidents/", register_views.incidents, name="incidents"),
    path("year-close/", close_views.year_close, name="year_close"),
    path("year-close/close/", close_views.close, name="year_close_do"),
    path("year-close/reopen/", close_views.reopen, name="year_reopen"),
]
