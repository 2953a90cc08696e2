"""Read the whole KuCoin API out of the installed official SDK, `kucoin-universal-sdk`.

Nothing here is a hand-written list. The SDK's own object graph is walked the way
a user of the SDK walks it: `KucoinRestService` getters give the services, their
getters give the API groups, and each API method is called once against a
recording transport that captures the arguments the SDK would send
(`domain, broker, method, path, request, response, request_as_json`). Docstrings
give the summary and KuCoin's "Extra API Info" table; pydantic models give the
schemas; the SDK's generated tests give the example JSON. WebSocket topics come
the same way from `KucoinWSService`.
"""

from __future__ import annotations

import importlib.metadata

from ..records import Catalogue, SourceError
from .channels import ws_channels
from .rest import rest_endpoints
from .unified_channels import unified_channels, unified_trade_operations

SDK_DISTRIBUTION = "kucoin-universal-sdk"


def sdk_version() -> str:
    """The installed SDK's version, or a SourceError saying how to install it."""
    try:
        return importlib.metadata.version(SDK_DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError as error:
        raise SourceError(
            f"The official SDK '{SDK_DISTRIBUTION}' is not installed; run `pip install -r requirements.txt`."
        ) from error


def read_sdk() -> Catalogue:
    """Enumerate every REST endpoint and WebSocket channel the installed SDK knows."""
    version = sdk_version()
    try:
        from kucoin_universal_sdk.api.api_rest import KucoinRestService
        from kucoin_universal_sdk.api.api_ws import KucoinWSService
    except ImportError as error:
        raise SourceError(f"The installed SDK {version} cannot be imported: {error}") from error
    endpoints = list(rest_endpoints(KucoinRestService))
    channels = list(ws_channels(KucoinWSService))
    channels += unified_channels(start_order=len(channels))
    channels += unified_trade_operations(start_order=len(channels))
    if not endpoints:
        raise SourceError(f"The installed SDK {version} exposes no REST endpoints; is it damaged?")
    source = f"{SDK_DISTRIBUTION} {version}"
    origins = {e.key: f"{source}: KucoinRestService.{e.sdk_python_call}" for e in endpoints}
    origins |= {c.key: f"{source}: KucoinWSService {c.sdk_sub_service}.{c.sdk_method_name}" for c in channels}
    return Catalogue(source=source, endpoints=endpoints, channels=channels, sdk_version=version, origins=origins)
