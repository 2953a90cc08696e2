"""Path placeholder names every OpenAPI tool accepts: KuCoin's one `{order-id}` becomes `{orderId}`.

KuCoin's futures Get Order By OrderId is `/api/v1/orders/{order-id}` while Cancel Order
By OrderId on the same path is `{orderId}`: Redocly and Spectral report two templates
that differ only in a name as a collision, and generators cannot name a `order-id`
argument. The export camel-cases such names and keeps KuCoin's spelling in
`x-kucoin-name` (on the parameter) and `x-kucoin-path` (on the operation), which the
importer reads back.
"""

from __future__ import annotations

import re

PLACEHOLDER = re.compile(r"\{([^}/]+)\}")


def exported_name(name: str) -> str:
    """`order-id` -> `orderId`; a name without a hyphen stays as it is."""
    head, *rest = name.split("-")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def exported_path(path: str) -> str:
    return PLACEHOLDER.sub(lambda found: "{" + exported_name(found.group(1)) + "}", path)
