"""The team budget page."""

from django.urls import path

from . import views

app_name = "budget"

urlpatterns = [path("budget", views.budget_page, name="page")]
