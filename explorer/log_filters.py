"""Remove secret-like values from every log record before any handler writes it.

Try-it secrets only travel in POST bodies, which nothing logs; this is the net under
that rule. Whatever a message, its arguments, extra fields or a traceback hold, a
value that follows a KC-API-* header name, a credential field or a secret-named
parameter (`password=...`, `"api_secret": "..."`, `KC-API-SIGN: ...`) is replaced. Which
names are secret is `endpoints.secret_names`' rule, the one try-it and the sandbox use.
"""

from __future__ import annotations

import logging
import re
import traceback

from endpoints.secret_names import is_secret_name

REMOVED = "[removed]"

# A `name: value`, `name=value` or `"name": "value"` pair; the value runs to the next delimiter.
NAMED_VALUE = re.compile(
    r"""(?P<name>["']?(?P<bare>[A-Za-z_][\w-]*)["']?)(?P<sep>\s*[:=]\s*)(?P<quote>["']?)(?P<value>[^\s"'&,;}\]]+)"""
)
# Besides the project's rule for secret names: KuCoin's signing headers, and what a session is made of.
KUCOIN_HEADERS_SHOWN = {"kc-api-key-version", "kc-api-timestamp"}
SESSION_NAMES = {"cookie", "sessionid", "csrftoken", "csrfmiddlewaretoken", "sign"}
# Attributes every record has; anything else on a record came in through `extra`.
STANDARD_ATTRIBUTES = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "request_id"}


def is_secret_like(name: str) -> bool:
    """Whether a value under this name must not be written: the project's rule, KC-API-* headers, sessions."""
    lowered = name.lower()
    if lowered.startswith("kc-api-"):
        return lowered not in KUCOIN_HEADERS_SHOWN
    return lowered in SESSION_NAMES or is_secret_name(name)


def scrub(text: str) -> str:
    """Replace every secret-like value in `text`."""
    out, position = [], 0
    while found := NAMED_VALUE.search(text, position):
        if is_secret_like(found["bare"]):
            out.append(text[position : found.start("value")] + REMOVED)
            position = found.end("value")
        else:
            # Rescan from the value: it may itself be a pair (`ValueError: passphrase=...`).
            out.append(text[position : found.end("sep")])
            position = found.end("sep")
    return "".join(out) + text[position:]


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
