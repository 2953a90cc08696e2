"""KuCoin's error answers as the sandbox gives them: the code, its HTTP status and KuCoin's own wording.

The codes, statuses and messages are KuCoin's facts in endpoints/kucoin/error_codes.py.
"""

from __future__ import annotations

import json

from endpoints.kucoin.error_codes import ERROR_CODES

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
    error = ERROR_CODES[code]
    text = message or error.message
    if detail:
        text = f"{text}: {detail}"
    return error.status or 400, json.dumps({"code": code, "msg": text}, separators=(",", ":")).encode()
