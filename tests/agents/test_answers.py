"""Answers are bounded: a long text is cut on a line and says where the whole of it is."""

from endpoints.agents.answers import MAX_TEXT_CHARS, text_bounded


def test_short_text_is_untouched():
    """A text within the bound comes back as it is."""
    assert text_bounded(text="# Title\nbody\n") == "# Title\nbody\n"


def test_long_text_is_cut_and_says_where_the_rest_is():
    """A text over the bound is cut at a line break and names the full document."""
    text = "line of text\n" * (MAX_TEXT_CHARS // 5)
    cut = text_bounded(text=text, more_at="http://x/page.md")
    assert len(cut) < MAX_TEXT_CHARS + 200
    assert cut.endswith("The whole document: http://x/page.md]\n")
    assert "line of text\n\n[Cut at" in cut
