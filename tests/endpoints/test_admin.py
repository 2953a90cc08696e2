"""The admin lets the team curate notes while the imported catalogue stays read-only."""

import pytest

from endpoints.models import Endpoint, Note


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("ana", "ana@example.com", "a-long-password-1")
    client.force_login(user)
    return client


def test_endpoint_list_and_page_open_for_staff(staff_client, catalogue):
    """The endpoint changelist and change page render with the catalogue loaded."""
    endpoint = Endpoint.objects.get(domain="spot", method="POST", path="/api/v1/hf/orders")
    assert staff_client.get("/admin/endpoints/endpoint/").status_code == 200
    page = staff_client.get(f"/admin/endpoints/endpoint/{endpoint.pk}/change/")
    assert page.status_code == 200
    assert "/api/v1/hf/orders" in page.content.decode()


def test_a_note_added_on_the_endpoint_page_is_signed_with_the_editor(staff_client, catalogue):
    """Saving the endpoint page with a new note keeps the endpoint as imported and names the author."""
    endpoint = Endpoint.objects.get(domain="spot", method="POST", path="/api/v1/hf/orders")
    summary = endpoint.summary
    response = staff_client.post(
        f"/admin/endpoints/endpoint/{endpoint.pk}/change/",
        {
            "summary": "Edited in the admin",  # read-only: ignored
            "notes-TOTAL_FORMS": "1",
            "notes-INITIAL_FORMS": "0",
            "notes-0-text": "Our bot uses clientOid for idempotency.",
            "notes-0-author": "",
            "parameters-TOTAL_FORMS": str(endpoint.parameters.count()),
            "parameters-INITIAL_FORMS": str(endpoint.parameters.count()),
            **{f"parameters-{i}-id": str(p.pk) for i, p in enumerate(endpoint.parameters.all())},
            **{f"parameters-{i}-endpoint": str(endpoint.pk) for i in range(endpoint.parameters.count())},
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    note = Note.objects.get(endpoint=endpoint)
    assert (note.text, note.author) == ("Our bot uses clientOid for idempotency.", "ana")
    endpoint.refresh_from_db()
    assert endpoint.summary == summary


def test_the_admin_cannot_add_or_delete_endpoints(staff_client, catalogue):
    """Only a sync creates or removes catalogue entries."""
    endpoint = Endpoint.objects.first()
    assert staff_client.get("/admin/endpoints/endpoint/add/").status_code == 403
    assert staff_client.get(f"/admin/endpoints/endpoint/{endpoint.pk}/delete/").status_code == 403


def test_a_notes_endpoint_is_picked_by_search(staff_client, catalogue):
    """The note form's endpoint is an autocomplete that finds endpoints by path."""
    page = staff_client.get("/admin/endpoints/note/add/").content.decode()
    assert "data-autocomplete-light" in page or "admin-autocomplete" in page
    found = staff_client.get(
        "/admin/autocomplete/",
        {"app_label": "endpoints", "model_name": "note", "field_name": "endpoint", "term": "hf/orders/multi"},
    ).json()
    texts = [row["text"] for row in found["results"]]
    assert "POST /api/v1/hf/orders/multi (Spot)" in texts


def test_a_note_added_in_the_admin_belongs_to_its_author(staff_client, catalogue):
    """A note saved through the autocomplete form is the editor's own."""
    endpoint = Endpoint.objects.get(domain="spot", method="POST", path="/api/v1/hf/orders")
    response = staff_client.post("/admin/endpoints/note/add/", {"endpoint": endpoint.pk, "text": "via admin"})
    assert response.status_code == 302
    note = Note.objects.get()
    assert (note.author, note.user.username, note.endpoint) == ("ana", "ana", endpoint)
