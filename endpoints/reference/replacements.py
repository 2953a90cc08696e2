"""The replacement KuCoin names in a deprecated endpoint's description, when it names one we have."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from endpoints import selectors

if TYPE_CHECKING:
    from endpoints.models import Endpoint

# KuCoin words it as "it is recommended to use the GET /api/v2/sub/user interface".
NAMED_ROUTE = re.compile(r"\buse (?:the )?(GET|POST|PUT|DELETE|PATCH) (/api/[\w/{}.-]+)", re.IGNORECASE)


def replacement_find(*, endpoint: Endpoint) -> Endpoint | None:
    """The live endpoint a deprecated endpoint's description tells callers to use instead, if catalogued."""
    if not endpoint.deprecated:
        return None
    match = NAMED_ROUTE.search(f"{endpoint.summary} {endpoint.description}")
    if not match:
        return None
    found = selectors.endpoint_find(domain=endpoint.domain, method=match[1].upper(), path=match[2].rstrip("."))
    return found if found and found.pk != endpoint.pk else None
