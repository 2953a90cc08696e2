"""KuCoin's error answers as the sandbox gives them: codes, HTTP statuses, KuCoin's own wording."""

from __future__ import annotations

import json

# code -> (HTTP status, message); the messages follow KuCoin's own wording. The gateway's codes
# come first; the trading codes after them are the ones KuCoin's order and account services send,
# here with HTTP 400 so that every answer but a success fits the documents' `default` response.
ERRORS = {
    "400001": (401, "Any of KC-API-KEY, KC-API-SIGN, KC-API-TIMESTAMP, KC-API-PASSPHRASE is missing in your header."),
    "400002": (401, "Invalid KC-API-TIMESTAMP -- time difference with server exceeds 5 seconds"),
    "400003": (401, "KC-API-KEY does not exist"),
    "400004": (401, "Invalid KC-API-PASSPHRASE"),
    "400005": (401, "Invalid KC-API-SIGN"),
    "400008": (401, "V1 & V2 API keys are no longer supported by this API"),
    "400009": (401, "Invalid KC-API-KEY-VERSION"),
    "400100": (400, "Parameter Error"),
    "400200": (401, "Unknown partner"),
    "400201": (401, "Invalid KC-API-PARTNER-SIGN"),
    "404000": (404, "Url Not Found -- The requested resource could not be found"),
    "415000": (415, "Unsupported Media Type -- The Content-Type of the request header must be application/json"),
    "429000": (429, "Too Many Requests -- this rate-limit pool's quota is used up; retry after gw-ratelimit-reset"),
    "100001": (400, "error.getOrder.orderNotExist"),
    "100004": (400, "Order is in not cancelable state"),
    "200004": (400, "Balance insufficient!"),
    "300003": (400, "Balance not enough"),
}  # fmt: skip

# KuCoin's spot and margin order services answer an unknown order with 400100 and this text.
SPOT_ORDER_NOT_FOUND = "order_not_exist_or_not_allow_to_cancel"


class Rejected(Exception):
    """A KuCoin error answer; `detail` is appended to the message where KuCoin would add one."""

    def __init__(self, code: str, detail: str = "", *, message: str = ""):
        super().__init__(code)
        self.code = code
        self.detail = detail
        self.message = message  # replaces the table's message, as KuCoin's services word some errors


def error_body(code: str, detail: str = "", message: str = "") -> tuple[int, bytes]:
    """The HTTP status and `{code, msg}` body of one KuCoin error."""
    status, standard = ERRORS[code]
    text = message or standard
    if detail:
        text = f"{text}: {detail}"
    return status, json.dumps({"code": code, "msg": text}, separators=(",", ":")).encode()
