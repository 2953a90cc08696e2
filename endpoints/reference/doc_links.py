"""Point links to KuCoin's doc pages at our own page for the endpoints we catalogue."""

from __future__ import annotations

import re

from endpoints import selectors

# KuCoin's per-endpoint doc pages; its guide pages (docs-new/doc-NNN) have no page of ours.
KUCOIN_DOC_URL = re.compile(r"https://www\.kucoin\.com/docs-new/api-\d+")


def doc_links_ours(text: str) -> str:
    """Rewrite links to KuCoin doc pages of endpoints we have into our page paths; others stay as they are."""
    if "kucoin.com/docs-new/api-" not in text:
        return text  # the common case costs no catalogue read
    paths = selectors.endpoint_paths_by_doc_url()
    return KUCOIN_DOC_URL.sub(lambda match: paths.get(match.group(0), match.group(0)), text)
