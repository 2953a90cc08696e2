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
