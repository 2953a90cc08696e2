"""Notes survive re-syncs and imports; a note on a retired endpoint stays and says so."""

from dataclasses import replace

from endpoints.models import Endpoint, Note
from endpoints.sync import catalogue_sync


def test_a_resync_keeps_notes_and_a_retired_endpoint_says_so(client, sdk_catalogue, add_order):
    """A sync without the endpoint retires it; its note stays on its page, the notes page and the .md twin."""
    Note.objects.create(endpoint=add_order, text="Keep this.", author="mia")
    without = replace(sdk_catalogue, endpoints=[e for e in sdk_catalogue.endpoints if e.key != ("spot", "POST",
                      "/api/v1/hf/orders")])  # fmt: skip
    catalogue_sync(without)
    catalogue_sync(without)
    endpoint = Endpoint.objects.get(pk=add_order.pk)
    assert endpoint.is_retired
    assert Note.objects.get().endpoint == endpoint
    page = client.get(endpoint.get_absolute_url()).content.decode()
    assert "Keep this." in page and "This endpoint is retired" in page
    listing = client.get("/notes").content.decode()
    assert "Keep this." in listing and "is retired" in listing
    assert "Keep this." in client.get(endpoint.get_absolute_url() + ".md").content.decode()
    catalogue_sync(sdk_catalogue)
    assert Note.objects.get().endpoint.retired_at is None


def test_an_import_with_replace_keeps_notes(tmp_path, sdk_catalogue, add_order):
    """import_openapi --replace retires what the file lacks and never deletes a note."""
    from django.core.management import call_command

    from endpoints.exports.openapi import OpenApiDocument, service_scopes
    from endpoints.exports.serializers import to_json

    Note.objects.create(endpoint=add_order, text="Survives imports.", author="mia")
    document = tmp_path / "futures.json"
    document.write_bytes(to_json(OpenApiDocument(service_scopes()["futures"], site_url="http://x").build()))
    call_command("import_openapi", str(document), "--replace", verbosity=0)
    note = Note.objects.get()
    assert note.text == "Survives imports."
    assert note.endpoint.is_retired
