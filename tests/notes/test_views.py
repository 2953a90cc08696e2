"""Notes are written, edited and deleted on the pages themselves, with or without htmx."""

from endpoints.models import Channel, Note

HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "notes"}


def test_a_reader_sees_a_sign_in_link_and_no_form(client, add_order):
    """Without sign-in the page is readable, offers sign-in, and shows no note form."""
    html = client.get(add_order.get_absolute_url()).content.decode()
    assert "to write a note" in html
    assert 'class="note-form"' not in html
    assert "/accounts/login/?next=" in html


def test_writing_needs_sign_in(client, add_order):
    """A POST without sign-in is sent to the sign-in page and saves nothing."""
    response = client.post(f"/notes/endpoint/{add_order.pk}/new", {"text": "sneaky"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not Note.objects.exists()


def test_a_plain_form_post_saves_the_note_and_returns_to_the_page(member_client, member, add_order):
    """Without JavaScript the form posts, the note is saved as the member's, and the page shows it rendered."""
    response = member_client.post(f"/notes/endpoint/{add_order.pk}/new", {"text": "Use **clientOid** always."})
    assert response.status_code == 302
    assert response["Location"] == add_order.get_absolute_url() + "#notes"
    note = Note.objects.get()
    assert (note.user, note.author, note.endpoint) == (member, "mia", add_order)
    html = member_client.get(add_order.get_absolute_url()).content.decode()
    assert "Use <strong>clientOid</strong> always." in html


def test_htmx_gets_the_notes_section_back(member_client, add_order):
    """An htmx post answers with just the notes section, holding the new note and an empty form."""
    response = member_client.post(f"/notes/endpoint/{add_order.pk}/new", {"text": "First!"}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith('<section id="notes"')
    assert "<p>First!</p>" in html
    assert "<title>" not in html


def test_note_markdown_is_sanitised(member_client, add_order):
    """Script, handlers and javascript: links in a note never reach the page."""
    text = '<script>alert(1)</script><img src=x onerror="alert(2)"> [x](javascript:alert(3))'
    member_client.post(f"/notes/endpoint/{add_order.pk}/new", {"text": text})
    html = member_client.get(add_order.get_absolute_url()).content.decode()
    section = html[html.index('id="notes"') :]
    assert "alert(1)" not in section
    assert "onerror" not in section
    assert "javascript:" not in section


def test_an_empty_note_is_refused_with_a_message(member_client, add_order):
    """An empty note is not saved: without htmx a 400 page, with htmx the section with the message."""
    plain = member_client.post(f"/notes/endpoint/{add_order.pk}/new", {"text": "   "})
    assert plain.status_code == 400
    assert "the note is empty" in plain.content.decode()
    htmx = member_client.post(f"/notes/endpoint/{add_order.pk}/new", {"text": ""}, **HTMX)
    assert "the note is empty" in htmx.content.decode()
    assert not Note.objects.exists()


def test_an_empty_note_on_a_channel_keeps_the_channel_in_the_form(member_client, catalogue):
    """Without JavaScript the refused form posts back to the same channel."""
    channel = Channel.objects.first()
    page = member_client.post(f"/notes/channel/{channel.pk}/new", {"text": ""}).content.decode()
    assert f'action="/notes/channel/{channel.pk}/new"' in page


def test_a_note_on_an_unknown_item_is_a_404(member_client, catalogue):
    """Unknown kinds and ids answer 404 and save nothing."""
    assert member_client.post("/notes/endpoint/999999/new", {"text": "x"}).status_code == 404
    assert member_client.post("/notes/recipe/1/new", {"text": "x"}).status_code == 404
    assert not Note.objects.exists()


def test_notes_on_a_channel_page(member_client, catalogue):
    """A channel page takes notes too."""
    channel = Channel.objects.filter(retired_at__isnull=True).first()
    member_client.post(f"/notes/channel/{channel.pk}/new", {"text": "Reconnect every 24 h."})
    assert "Reconnect every 24 h." in member_client.get(channel.get_absolute_url()).content.decode()


def test_members_edit_and_delete_only_their_own_notes(client, member, other_member, add_order):
    """Another member gets 403 on edit and delete; the author can do both."""
    note = Note.objects.create(endpoint=add_order, text="mine", user=member, author="mia")
    client.force_login(other_member)
    assert client.get(f"/notes/{note.pk}/edit").status_code == 403
    assert client.post(f"/notes/{note.pk}/delete").status_code == 403
    assert "Edit</a>" not in client.get(add_order.get_absolute_url()).content.decode()
    client.force_login(member)
    response = client.post(f"/notes/{note.pk}/edit", {"text": "mine, edited"})
    assert response.status_code == 302
    assert Note.objects.get().text == "mine, edited"
    assert client.post(f"/notes/{note.pk}/delete").status_code == 302
    assert not Note.objects.exists()


def test_staff_edit_and_delete_any_note(client, member, staff, add_order):
    """Staff may change a member's note and one written in the admin before sign-in existed."""
    note = Note.objects.create(endpoint=add_order, text="member's", user=member, author="mia")
    legacy = Note.objects.create(endpoint=add_order, text="old admin note", author="someone")
    client.force_login(staff)
    assert client.post(f"/notes/{note.pk}/edit", {"text": "tidied"}).status_code == 302
    response = client.post(f"/notes/{legacy.pk}/delete", **HTMX)
    assert response.status_code == 200
    assert "old admin note" not in response.content.decode()
    assert list(Note.objects.values_list("text", flat=True)) == ["tidied"]


def test_the_edit_page_works_without_javascript(member_client, member, add_order):
    """The edit page shows the text in a form; an empty edit is refused and changes nothing."""
    note = Note.objects.create(endpoint=add_order, text="draft", user=member, author="mia")
    page = member_client.get(f"/notes/{note.pk}/edit")
    assert "draft</textarea>" in page.content.decode()
    refused = member_client.post(f"/notes/{note.pk}/edit", {"text": ""})
    assert refused.status_code == 400
    assert Note.objects.get().text == "draft"
