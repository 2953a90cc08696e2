"""Writing a note on an endpoint page in a real browser: sign in, write Markdown, see it rendered, delete it."""

import pytest
from playwright.sync_api import expect

from endpoints.models import Note

pytestmark = pytest.mark.browser
PASSWORD = "a-long-password-1"


def test_a_member_signs_in_and_writes_a_note_on_the_page(page, django_user_model, screenshot):
    """From the page's sign-in link back to the page, a note posted by htmx appears rendered without a reload."""
    django_user_model.objects.create_user("mia", password=PASSWORD)
    page.goto("/reference/spot/order/add-order")
    page.locator("#notes").get_by_role("link", name="Sign in").click()
    page.get_by_label("User name").fill("mia")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("h1")).to_have_text("Add Order")
    expect(page.locator(".account")).to_contain_text("mia")

    page.evaluate("window.__sameDocument = true")
    page.get_by_label("Note (Markdown)").fill("Send a **clientOid** every time.\n\n<script>window.pwned=1</script>")
    page.get_by_role("button", name="Add note").click()
    note = page.locator("#notes .note").first
    expect(note.locator("strong")).to_have_text("clientOid")
    expect(note).to_contain_text("mia")
    assert page.evaluate("window.__sameDocument") is True, "htmx swapped the section; the page did not reload"
    assert page.evaluate("window.pwned") is None
    expect(page.get_by_label("Note (Markdown)")).to_have_value("")
    screenshot("note-written")
    assert Note.objects.get().author == "mia"

    page.on("dialog", lambda dialog: dialog.accept())
    note.get_by_role("button", name="Delete").click()
    expect(page.locator("#notes")).to_contain_text("No team notes yet.")
    assert not Note.objects.exists()
