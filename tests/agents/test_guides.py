"""Every guide is offered as a resource, and an unknown one is refused."""

import pytest

from endpoints.agents.answers import BadInput
from endpoints.agents.guides import guide_read, guide_resources
from endpoints.guides import guide_list


def test_every_guide_is_a_resource():
    """One resource per guide, in reading order, titled and summarised as on the site."""
    assert [(r.uri, r.title, r.description) for r in guide_resources()] == [
        (f"guide://{g.slug}", g.title, g.summary) for g in guide_list()
    ]


def test_guide_reads_as_its_twin(catalogue):
    """A guide reads as its Markdown twin, filled from the catalogue, with absolute links."""
    text = guide_read(slug="rate-limits")
    assert text.startswith("# Rate limits")
    assert "http://127.0.0.1:8000/reference/" in text


def test_unknown_guide_is_refused():
    """A guide that does not exist is an error."""
    with pytest.raises(BadInput, match="no guide"):
        guide_read(slug="nope")
