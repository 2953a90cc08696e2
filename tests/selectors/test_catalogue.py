"""The catalogue's version tokens: asked of the database once per request that pins them."""

import dataclasses

from endpoints import selectors
from endpoints.sync import catalogue_sync


def test_pinned_versions_are_the_versions_and_cost_one_query(catalogue, django_assert_num_queries):
    """Within versions_pinned(), both tokens read as they do outside it, from one query however often asked."""
    unpinned = selectors.catalogue_version(), selectors.page_version()
    with django_assert_num_queries(1), selectors.versions_pinned():
        for _ in range(3):
            assert (selectors.catalogue_version(), selectors.page_version()) == unpinned


def test_a_pin_lasts_only_its_block(catalogue, sdk_catalogue):
    """After the block the tokens are read afresh, so the next request sees a sync at once."""
    with selectors.versions_pinned():
        before = selectors.catalogue_version()
    renamed = [dataclasses.replace(e, summary=f"{e.summary}, renamed") for e in sdk_catalogue.endpoints[:1]]
    catalogue_sync(dataclasses.replace(sdk_catalogue, endpoints=renamed + sdk_catalogue.endpoints[1:]))
    with selectors.versions_pinned():
        assert selectors.catalogue_version() != before
