"""Market data URLs: the page and its plan, the symbol list, jobs, their progress and their file."""

from django.urls import path

from . import views

app_name = "market_data"

urlpatterns = [
    path("", views.page, name="page"),
    path("symbols", views.symbols, name="symbols"),
    path("jobs", views.job_start, name="job_start"),
    path("jobs/<uuid:job_id>", views.job_detail, name="job"),
    path("jobs/<uuid:job_id>/resume", views.job_resume, name="job_resume"),
    path("jobs/<uuid:job_id>/download", views.job_download, name="job_download"),
]
