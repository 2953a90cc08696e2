"""Notes appear in the Markdown twins and in llms-full.txt, which is rebuilt when a note changes."""

from endpoints.models import Channel, Note


def test_the_markdown_twin_carries_the_notes(client, add_order):
    """The .md twin has a Team notes section with each note quoted and signed."""
    Note.objects.create(endpoint=add_order, text="Line one.\n\nLine **two**.", author="mia")
    text = client.get(add_order.get_absolute_url() + ".md").content.decode()
    section = text[text.index("## Team notes") : text.index("## Links")]
    assert "> Line one.\n>\n> Line **two**." in section
    assert "> — mia, " in section


def test_a_channel_twin_carries_the_notes(client, catalogue):
    """Channel twins have the section too."""
    channel = Channel.objects.first()
    Note.objects.create(channel=channel, text="Channel tip.", author="otto")
    assert "> Channel tip." in client.get(channel.get_absolute_url() + ".md").content.decode()


def test_llms_full_shows_a_new_note_at_once(client, add_order):
    """llms-full.txt, cached per version, holds a note written after it was first built."""
    first = client.get("/llms-full.txt")
    assert "Fresh note." not in first.content.decode()
    Note.objects.create(endpoint=add_order, text="Fresh note.", author="mia")
    second = client.get("/llms-full.txt", HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 200
    assert "> Fresh note." in second.content.decode()
