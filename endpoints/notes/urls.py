"""Team notes: the notes page, and adding, editing and deleting notes on endpoint and channel pages."""

from django.urls import path

from . import views

app_name = "notes"

urlpatterns = [
    path("notes", views.note_list, name="list"),
    path("notes/<str:kind>/<int:pk>/new", views.note_add, name="add"),
    path("notes/<int:pk>/edit", views.note_edit, name="edit"),
    path("notes/<int:pk>/delete", views.note_delete_view, name="delete"),
]
