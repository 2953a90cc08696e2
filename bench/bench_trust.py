"""Trust figures: the record check on a whole catalogue, the CSP middleware per page, secret masking per body."""

import json
import time

from common import percentiles, row, setup_django, use_scratch_sqlite


def timed(function, rounds: int) -> list[float]:
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def main() -> None:
    use_scratch_sqlite()
    setup_django()
    from django.core.management import call_command

    from endpoints.sources.kucoin_sdk import read_sdk
    from endpoints.sources.validation import catalogue_check
    from endpoints.try_it.secret_parameters import body_with_secrets_replaced, masked

    print("Trust (SQLite, fresh file)")
    catalogue = read_sdk()
    row("record check, whole SDK catalogue", percentiles(timed(lambda: catalogue_check(catalogue), 30)))

    plain = json.dumps({"symbol": "BTC-USDT", "side": "buy", "type": "limit", "price": "1", "size": "1"})
    nested = json.dumps({"subName": "s", "access": "Spot", "extra": {"keys": [{"apiSecret": "x"}] * 5}})
    row(
        "mask secrets, body without any (fast path)",
        percentiles(timed(lambda: body_with_secrets_replaced(plain, masked), 2000)),
    )
    row(
        "mask secrets, body with nested ones",
        percentiles(timed(lambda: body_with_secrets_replaced(nested, masked), 2000)),
    )

    from io import StringIO

    call_command("migrate", "--noinput", verbosity=0)
    call_command("sync_kucoin", stdout=StringIO(), stderr=StringIO())
    from django.conf import settings
    from django.test import Client, override_settings

    client = Client()
    page = "/reference/spot/order/add-order"
    without = [m for m in settings.MIDDLEWARE if m != "csp.middleware.CSPMiddleware"]
    with_csp, without_csp = [], []
    for _ in range(4):  # alternate blocks, so a busy spell of the host hits both
        client.get(page)
        with_csp += timed(lambda: client.get(page), 50)
        with override_settings(MIDDLEWARE=without):
            client.get(page)
            without_csp += timed(lambda: client.get(page), 50)
    row("Add Order page, in-process, with CSP", percentiles(with_csp))
    row("Add Order page, in-process, without CSP", percentiles(without_csp))


if __name__ == "__main__":
    main()
