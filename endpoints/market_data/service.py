"""The calls the page and the command share: check a request, plan it, start it."""

from __future__ import annotations

from . import archive
from .client import UpstreamError, session_new, symbol_list
from .plan import archive_serves, plan_for
from .request import MarketDataRequest, RequestError, request_check


def market_data_plan(*, request: MarketDataRequest) -> dict:
    """Check the request (no candle is requested for that), read the archive's listing, and plan."""
    request_check(request=request)
    try:
        symbols = symbol_list(market=request.market)
    except UpstreamError as error:
        raise RequestError(f"The symbol list could not be checked: {error}.") from None
    request_check(request=request, symbols=symbols)
    days, note = set(), ""
    if request.use_archive and archive_serves(request):
        try:
            with session_new() as session:
                days = archive.archive_days(session=session, request=request)
        except UpstreamError as error:
            if request.kind == "trades":
                raise RequestError(f"Trades come only from the archive, and it cannot be read: {error}.") from None
            note = f"The archive cannot be read ({error}); every day comes from REST."
    plan = plan_for(request=request, archive_days=days)
    plan["note"] = note
    return plan
