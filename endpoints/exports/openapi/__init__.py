"""OpenAPI 3.1 documents of the catalogue: the whole API, one per domain, per service, per endpoint.

Like Django's Sitemap, a document lists its items (live endpoints, in catalogue
order) and says how to render each one as an operation. KuCoin's metadata
travels in KuCoin's own `x-` field names, so `endpoints.sources.openapi` reads
these documents back losslessly (`import_openapi`).

Domain + method + path is an endpoint's identity, but OpenAPI keys operations by
path + method. Thirteen method + path pairs live on both the spot and the futures
host. In a document that holds both copies the spot one keeps its path; the other
is keyed without its first path segment, which moves into that operation's
server URL (`https://api-futures.kucoin.com/api` + `/v1/orders`), so the URL a
client builds (server + path, as the OpenAPI specification defines it) is still
exactly KuCoin's.
"""

from .document import OPENAPI_VERSION, OpenApiDocument, content_version, path_keys
from .operation import BROKER_SCHEMES, SIGNING_SCHEMES, body_example, operation, operation_id, tag_name
from .scopes import DOMAIN_ORDER, Scope, domain_scope, endpoint_scope, service_scopes, whole_scope

__all__ = [
    "BROKER_SCHEMES", "DOMAIN_ORDER", "OPENAPI_VERSION", "SIGNING_SCHEMES", "OpenApiDocument", "Scope",
    "body_example", "content_version", "domain_scope", "endpoint_scope", "operation", "operation_id", "path_keys",
    "service_scopes", "tag_name", "whole_scope",
]  # fmt: skip
