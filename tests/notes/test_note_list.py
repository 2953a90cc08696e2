"""The notes page lists every note, newest first, filterable by service and author, each linked."""

from endpoints.models import Channel, Endpoint, Note


def _note(item, text, author, user=None):
    kind = "endpoint" if isinstance(item, Endpoint) else "channel"
    return Note.objects.create(**{kind: item}, text=text, author=author, user=user)


def test_notes_are_listed_newest_first_and_linked(client, add_order):
    """Every note appears once, newest first, linking to its endpoint's page at the note."""
    older = _note(add_order, "older note", "mia")
    newer = _note(add_order, "newer note", "otto")
    html = client.get("/notes").content.decode()
    assert html.index("newer note") < html.index("older note")
    assert f'href="{add_order.get_absolute_url()}#note-{newer.pk}"' in html
    assert f'href="{add_order.get_absolute_url()}#note-{older.pk}"' in html


def test_filters_by_service_and_author(client, add_order, catalogue):
    """service= keeps one SDK service's notes (channels too), author= one author's."""
    futures = Endpoint.objects.filter(sdk_service="Futures", retired_at__isnull=True).first()
    channel = Channel.objects.filter(sdk_service="Futures").first()
    _note(add_order, "spot note", "mia")
    _note(futures, "futures note", "otto")
    _note(channel, "futures channel note", "mia")
    by_service = client.get("/notes", {"service": "Futures"}).content.decode()
    assert "futures note" in by_service and "futures channel note" in by_service
    assert "spot note" not in by_service
    by_author = client.get("/notes", {"author": "mia"}).content.decode()
    assert "spot note" in by_author and "futures channel note" in by_author
    assert "<p>futures note</p>" not in by_author


def test_junk_filters_show_nothing_found_not_an_error(client, add_order):
    """Unknown filter values and page numbers give an empty list, never a 500."""
    _note(add_order, "a note", "mia")
    response = client.get("/notes", {"service": "<script>", "author": "x" * 500, "page": "zzz"})
    assert response.status_code == 200
    assert "No notes match these filters." in response.content.decode()


def test_the_notes_page_is_an_htmx_partial_when_boosted(client, add_order):
    """A boosted request gets the main column only."""
    _note(add_order, "boosted", "mia")
    html = client.get("/notes", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="main").content.decode()
    assert "<!doctype html>" not in html
    assert "boosted" in html
