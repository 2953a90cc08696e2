"""KuCoin's error codes, explained in our own words with what to do next."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Explanation:
    code: str
    title: str
    meaning: str
    fix: str


EXPLANATIONS = {
    explanation.code: explanation
    for explanation in [
        Explanation(
            "400001",
            "Authentication headers missing",
            "KuCoin did not find all of KC-API-KEY, KC-API-SIGN, KC-API-TIMESTAMP and KC-API-PASSPHRASE.",
            "Fill in API key, API secret and API passphrase; this endpoint is private.",
        ),
        Explanation(
            "400002",
            "Timestamp outside the 5-second window",
            "KC-API-TIMESTAMP differs from KuCoin's clock by 5 seconds or more.",
            "Check this computer's clock (GET /api/v1/timestamp gives KuCoin's) and send again.",
        ),
        Explanation(
            "400003",
            "API key not found",
            "KuCoin has no API key with this value, or it was deleted.",
            "Copy the key again from KuCoin's API management page; sandbox keys only work on the sandbox.",
        ),
        Explanation(
            "400004",
            "Wrong passphrase",
            "The signed KC-API-PASSPHRASE does not match the passphrase set when the key was created.",
            "Type the passphrase you chose for this key (not your login or trading password).",
        ),
        Explanation(
            "400005",
            "Signature does not match",
            "KuCoin computed a different KC-API-SIGN from the same request: almost always a wrong API secret.",
            "Paste the API secret again (no spaces before or after) and compare the signed string shown below.",
        ),
        Explanation(
            "400006",
            "IP address not allowed",
            "The key has an IP whitelist and this request came from another address.",
            "Add this server's IP to the key's whitelist, or use a key without a whitelist for testing.",
        ),
        Explanation(
            "400007",
            "Key lacks the permission",
            "The key is valid but does not have the permission this endpoint needs (see api-permission).",
            "Enable that permission on the key in KuCoin's API management page.",
        ),
        Explanation(
            "400008",
            "Key version not supported",
            "This API no longer accepts the key version sent (V1 keys, and V2 on some routes).",
            "Create a new API key (version 3) and send with key version 3.",
        ),
        Explanation(
            "400009",
            "Invalid key version",
            "KC-API-KEY-VERSION holds a value KuCoin does not know.",
            "Choose key version 3 (or 2 for an older key).",
        ),
        Explanation(
            "400010",
            "Account not allowed",
            "KuCoin refuses this account (UID) for this endpoint.",
            "Check the account's status and region on KuCoin.",
        ),
        Explanation(
            "400011",
            "Session verification failed",
            "A WebSocket trading session could not be verified.",
            "Sign the session challenge again with the API secret.",
        ),
        Explanation(
            "400012",
            "Session verification timed out",
            "A WebSocket trading session was not verified in time.",
            "Reconnect and answer the session challenge promptly.",
        ),
        Explanation(
            "400100",
            "Parameter error",
            "A parameter is missing, has the wrong type, or holds a value KuCoin does not accept.",
            "Read KuCoin's message for the parameter's name and compare with the parameters above.",
        ),
        Explanation(
            "400200",
            "Unknown broker partner",
            "KC-API-PARTNER or KC-BROKER-NAME does not name a broker KuCoin knows.",
            "Use the partner id and broker name KuCoin gave your broker account.",
        ),
        Explanation(
            "400201",
            "Broker partner signature does not match",
            "KC-API-PARTNER-SIGN (timestamp + partner + API key, signed with the broker key) is wrong.",
            "Paste the broker key again; it differs from the API secret.",
        ),
        Explanation(
            "400202",
            "Broker request IP not allowed",
            "The broker's IP whitelist does not include the address the request came from.",
            "Add this server's IP to the broker's whitelist.",
        ),
        Explanation(
            "404000",
            "URL not found",
            "KuCoin does not serve this path on this host.",
            "The endpoint may have been retired, or a path value is wrong.",
        ),
        Explanation(
            "411100",
            "Account frozen",
            "KuCoin has frozen this account, so the request was refused.",
            "Contact KuCoin support; no request from this account will pass until it is unfrozen.",
        ),
        Explanation(
            "415000",
            "Unsupported content type",
            "KuCoin only accepts request bodies sent as application/json.",
            "Send the body as JSON with Content-Type: application/json (try-it always does).",
        ),
        Explanation(
            "429000",
            "Rate limit reached",
            "This request's weight is more than what is left in its rate-limit pool for the current window.",
            "Wait for gw-ratelimit-reset milliseconds (shown in the gauge), then send again.",
        ),
        Explanation(
            "500000",
            "KuCoin internal error",
            "KuCoin's servers failed while handling the request; it may or may not have been processed.",
            "Check state (e.g. open orders) before retrying anything that places or cancels.",
        ),
    ]
}


def explain(code: str | None) -> Explanation | None:
    """Our explanation of a KuCoin error code, or a generic one for codes we do not list."""
    if not code or code == "200000":
        return None
    code = str(code)
    if code in EXPLANATIONS:
        return EXPLANATIONS[code]
    if code.startswith("4003"):
        return Explanation(
            code, "Region or KYC restriction", "KuCoin restricts this account or region.", "Check the KYC level."
        )
    return Explanation(code, f"KuCoin error {code}", "KuCoin refused the request with this code.", "Read its message.")
