"""Remove secret-like values from every log record before any handler writes it.

Try-it secrets only travel in POST bodies, which nothing logs; this is the net under
that rule. Whatever a message, its arguments, extra fields or a traceback hold, a
value that follows a KC-API-* header name, a credential field or a secret-named
parameter (`password=...`, `"api_secret": "..."`, `KC-API-SIGN: ...`) is replaced.
"""

from __future__ import annotations

import logging
import re
import traceback

REMOVED = "[removed]"

# KuCoin's signing headers, try-it's credential fields, and any name that says secret.
SENSITIVE_NAMES = (
    r"kc-api-(?:key|sign|passphrase|partner|partner-sign|partner-verify|broker-name)"
    r"|api[_-]?(?:key|secret|passphrase)|broker[_-]?(?:key|partner|name)|[a-z_-]*(?:secret|passphrase|password)"
    r"|authorization|cookie|csrfmiddlewaretoken|sessionid|token|sign|signature"
)
SECRET_VALUE = re.compile(
    rf"""(?ix)
    (?P<name>["']?\b(?:{SENSITIVE_NAMES})\b["']?)   # the name, maybe quoted
    (?P<sep>\s*[:=]\s*)                           # header colon, query or JSON separator
    (?P<quote>["']?)(?P<value>[^\s"'&,;}}\]]+)   # the value up to the next delimiter
    """
)
# Attributes every record has; anything else on a record came in through `extra`.
STANDARD_ATTRIBUTES = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "request_id"}


def scrub(text: str) -> str:
    """Replace every secret-like value in `text`."""
    return SECRET_VALUE.sub(lambda m: f"{m['name']}{m['sep']}{m['quote']}{REMOVED}", text)


class SecretFilter(logging.Filter):
    """Rewrite the record's message, extra string fields and traceback without secret-like values."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            record.msg, record.args = scrub(record.getMessage()), ()
        except (TypeError, ValueError):  # a broken format string: keep the record, lose nothing secret
            record.msg, record.args = scrub(str(record.msg)), ()
        for name, value in list(vars(record).items()):
            if name not in STANDARD_ATTRIBUTES and isinstance(value, str):
                setattr(record, name, scrub(value))
        if record.exc_info:
            record.exc_text = scrub("".join(traceback.format_exception(*record.exc_info)).rstrip())
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = scrub(record.exc_text)
        return True
