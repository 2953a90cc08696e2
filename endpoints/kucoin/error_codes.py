"""KuCoin's error codes: the HTTP status and message KuCoin answers with, and what each means in our words.

The sandbox answers with the status and KuCoin's wording; try-it explains a code
it gets back with the title, meaning and fix. One table serves both.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ErrorCode:
    code: str
    title: str
    meaning: str
    fix: str
    status: int | None = None  # the HTTP status KuCoin sends with it, where known
    message: str = ""  # KuCoin's own wording, where known


SUCCESS = "200000"

ERROR_CODES = {
    error.code: error
    for error in [
        ErrorCode(
            "400001",
            "Authentication headers missing",
            "KuCoin did not find all of KC-API-KEY, KC-API-SIGN, KC-API-TIMESTAMP and KC-API-PASSPHRASE.",
            "Fill in API key, API secret and API passphrase; this endpoint is private.",
            401,
            "Any of KC-API-KEY, KC-API-SIGN, KC-API-TIMESTAMP, KC-API-PASSPHRASE is missing in your header.",
        ),
        ErrorCode(
            "400002",
            "Timestamp outside the 5-second window",
            "KC-API-TIMESTAMP differs from KuCoin's clock by 5 seconds or more.",
            "Check this computer's clock (GET /api/v1/timestamp gives KuCoin's) and send again.",
            401,
            "Invalid KC-API-TIMESTAMP -- time difference with server exceeds 5 seconds",
        ),
        ErrorCode(
            "400003",
            "API key not found",
            "KuCoin has no API key with this value, or it was deleted.",
            "Copy the key again from KuCoin's API management page; sandbox keys only work on the sandbox.",
            401,
            "KC-API-KEY does not exist",
        ),
        ErrorCode(
            "400004",
            "Wrong passphrase",
            "The signed KC-API-PASSPHRASE does not match the passphrase set when the key was created.",
            "Type the passphrase you chose for this key (not your login or trading password).",
            401,
            "Invalid KC-API-PASSPHRASE",
        ),
        ErrorCode(
            "400005",
            "Signature does not match",
            "KuCoin computed a different KC-API-SIGN from the same request: almost always a wrong API secret.",
            "Paste the API secret again (no spaces before or after) and compare the signed string shown below.",
            401,
            "Invalid KC-API-SIGN",
        ),
        ErrorCode(
            "400006",
            "IP address not allowed",
            "The key has an IP whitelist and this request came from another address.",
            "Add this server's IP to the key's whitelist, or use a key without a whitelist for testing.",
            None,
            "",
        ),
        ErrorCode(
            "400007",
            "Key lacks the permission",
            "The key is valid but does not have the permission this endpoint needs (see api-permission).",
            "Enable that permission on the key in KuCoin's API management page.",
            None,
            "",
        ),
        ErrorCode(
            "400008",
            "Key version not supported",
            "This API no longer accepts the key version sent (V1 keys, and V2 on some routes).",
            "Create a new API key (version 3) and send with key version 3.",
            401,
            "V1 & V2 API keys are no longer supported by this API",
        ),
        ErrorCode(
            "400009",
            "Invalid key version",
            "KC-API-KEY-VERSION holds a value KuCoin does not know.",
            "Choose key version 3 (or 2 for an older key).",
            401,
            "Invalid KC-API-KEY-VERSION",
        ),
        ErrorCode(
            "400010",
            "Account not allowed",
            "KuCoin refuses this account (UID) for this endpoint.",
            "Check the account's status and region on KuCoin.",
            None,
            "",
        ),
        ErrorCode(
            "400011",
            "Session verification failed",
            "A WebSocket trading session could not be verified.",
            "Sign the session challenge again with the API secret.",
            None,
            "",
        ),
        ErrorCode(
            "400012",
            "Session verification timed out",
            "A WebSocket trading session was not verified in time.",
            "Reconnect and answer the session challenge promptly.",
            None,
            "",
        ),
        ErrorCode(
            "400100",
            "Parameter error",
            "A parameter is missing, has the wrong type, or holds a value KuCoin does not accept.",
            "Read KuCoin's message for the parameter's name and compare with the parameters above.",
            400,
            "Parameter Error",
        ),
        ErrorCode(
            "400200",
            "Unknown broker partner",
            "KC-API-PARTNER or KC-BROKER-NAME does not name a broker KuCoin knows.",
            "Use the partner id and broker name KuCoin gave your broker account.",
            401,
            "Unknown partner",
        ),
        ErrorCode(
            "400201",
            "Broker partner signature does not match",
            "KC-API-PARTNER-SIGN (timestamp + partner + API key, signed with the broker key) is wrong.",
            "Paste the broker key again; it differs from the API secret.",
            401,
            "Invalid KC-API-PARTNER-SIGN",
        ),
        ErrorCode(
            "400202",
            "Broker request IP not allowed",
            "The broker's IP whitelist does not include the address the request came from.",
            "Add this server's IP to the broker's whitelist.",
            None,
            "",
        ),
        ErrorCode(
            "404000",
            "URL not found",
            "KuCoin does not serve this path on this host.",
            "The endpoint may have been retired, or a path value is wrong.",
            404,
            "Url Not Found -- The requested resource could not be found",
        ),
        ErrorCode(
            "411100",
            "Account frozen",
            "KuCoin has frozen this account, so the request was refused.",
            "Contact KuCoin support; no request from this account will pass until it is unfrozen.",
            None,
            "",
        ),
        ErrorCode(
            "415000",
            "Unsupported content type",
            "KuCoin only accepts request bodies sent as application/json.",
            "Send the body as JSON with Content-Type: application/json (try-it always does).",
            415,
            "Unsupported Media Type -- The Content-Type of the request header must be application/json",
        ),
        ErrorCode(
            "429000",
            "Rate limit reached",
            "This request's weight is more than what is left in its rate-limit pool for the current window.",
            "Wait for gw-ratelimit-reset milliseconds (shown in the gauge), then send again.",
            429,
            "Too Many Requests -- this rate-limit pool's quota is used up; retry after gw-ratelimit-reset",
        ),
        # The trading services' codes: orders and balances. KuCoin words them itself; the HTTP status is
        # the sandbox's 400, so that every answer but a success fits the exports' `default` response.
        ErrorCode(
            "100001",
            "Futures order not found",
            "No futures order of this account has this id or clientOid.",
            "Check the id (Get Order List shows open and done orders); a clientOid is only kept for 24 hours.",
            400,
            "error.getOrder.orderNotExist",
        ),
        ErrorCode(
            "100004",
            "Order not cancellable",
            "The futures order is already done (filled or cancelled).",
            "Nothing to do: Get Order By OrderId shows how it ended.",
            400,
            "Order is in not cancelable state",
        ),
        ErrorCode(
            "200004",
            "Balance insufficient",
            "The account's available balance (balance minus holds) is less than the order needs.",
            "Cancel open orders to release their holds, transfer funds to the trading account, or order less.",
            400,
            "Balance insufficient!",
        ),
        ErrorCode(
            "300003",
            "Futures balance insufficient",
            "The futures account's available balance is less than the order's margin (price x size / leverage).",
            "Transfer funds to the futures account, raise the leverage, or order less.",
            400,
            "Balance not enough",
        ),
        ErrorCode(
            "500000",
            "KuCoin internal error",
            "KuCoin's servers failed while handling the request; it may or may not have been processed.",
            "Check state (e.g. open orders) before retrying anything that places or cancels.",
            None,
            "",
        ),
    ]
}


def explain(code: str | None) -> ErrorCode | None:
    """Our explanation of a KuCoin error code, or a generic one for codes we do not list."""
    if not code or code == SUCCESS:
        return None
    code = str(code)
    if code in ERROR_CODES:
        return ERROR_CODES[code]
    if code.startswith("4003"):
        return ErrorCode(
            code, "Region or KYC restriction", "KuCoin restricts this account or region.", "Check the KYC level."
        )
    return ErrorCode(code, f"KuCoin error {code}", "KuCoin refused the request with this code.", "Read its message.")
