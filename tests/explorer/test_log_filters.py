"""Secret-like values never reach a log line; production lines are JSON with the request's id."""

import io
import json
import logging
import logging.config
from copy import deepcopy

import pytest
from django.conf import settings

from explorer.log_filters import scrub


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("KC-API-SIGN: abc123==", "KC-API-SIGN: [removed]"),
        ("KC-API-PASSPHRASE:pp KC-API-KEY-VERSION: 3", "KC-API-PASSPHRASE:[removed] KC-API-KEY-VERSION: 3"),
        ('{"api_secret": "s3cr3t", "symbol": "BTC"}', '{"api_secret": "[removed]", "symbol": "BTC"}'),
        ("/x?password=hunter2&symbol=BTC", "/x?password=[removed]&symbol=BTC"),
        ("api_passphrase=pp broker_key=bk", "api_passphrase=[removed] broker_key=[removed]"),
        ("newPassword: x", "newPassword: [removed]"),
        ("method=POST path=/try-it/send/spot/order/add-order status=200", None),
    ],
)
def test_scrub_removes_values_after_secret_names(text, expected):
    """Header, query, JSON and keyword forms lose their values; ordinary lines are left alone."""
    assert scrub(text) == (expected or text)


def _json_logger(stream):
    """The production logging config, writing to `stream`."""
    config = deepcopy(settings.LOGGING)
    config["handlers"]["console"] = {**config["handlers"]["console"], "formatter": "json", "stream": stream}
    logging.config.dictConfig(config)
    return logging.getLogger("explorer.test")


def test_production_lines_are_json_with_a_request_id_and_no_secret():
    """A message, its args, an extra field and a traceback holding secrets come out as one clean JSON line each."""
    stream = io.StringIO()
    log = _json_logger(stream)
    try:
        log.warning("sent %s", "KC-API-SIGN: c2VjcmV0", extra={"body": '{"api_secret": "canary-1"}'})
        try:
            raise ValueError("passphrase=canary-2")
        except ValueError:
            log.exception("failed with token=canary-3")
    finally:
        logging.config.dictConfig(settings.LOGGING)
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert len(lines) == 2
    assert lines[0]["message"] == "sent KC-API-SIGN: [removed]" and lines[0]["level"] == "WARNING"
    assert lines[0]["body"] == '{"api_secret": "[removed]"}'
    assert "request_id" in lines[0] and "time" in lines[0]
    assert "ValueError: passphrase=[removed]" in lines[1]["exc_info"]
    assert "canary" not in stream.getvalue()


def test_every_response_carries_a_request_id(client, catalogue):
    """Each answer has an X-Request-ID of its own."""
    first, second = client.get("/health"), client.get("/health")
    assert len(first["X-Request-ID"]) == 32 and first["X-Request-ID"] != second["X-Request-ID"]
