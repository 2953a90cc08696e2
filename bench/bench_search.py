"""Search figures: in-process time per query kind, the page and the typeahead, and the rank of the obvious answer.

Loads the SDK catalogue into a scratch SQLite file (or, with SEARCH_BENCH_DATABASE_URL,
into that PostgreSQL database), then times `catalogue_search()` and `/search` through
Django's test client, after one warm-up pass (which builds the vocabulary once for
the catalogue version). An anonymous reader's search page is kept once rendered
(`reference/search_cache.py`), so the page is timed as served again, and the first time
(the store of pages emptied before each request: the page frame around the results stays,
as it does after a process's first search, so this is also what a query never kept costs);
then with nothing stored at all (the first search after a sync or a release) and for a
signed-in member (rendered whole, never stored). It prints figures and asserts nothing.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

from common import PROJECT_DIR, percentiles, row, setup_django, use_scratch_sqlite

ROUNDS = 40
AS_TYPED = ["add order", "hf/orders", "addOrder", "get_ticker", "clientOid", "/market/ticker", "cancel all",
            "withdraw", "funding rate", "orderbook", "position", "sub account", "bullet", "kline", "margin borrow",
            "get account list", "place order", "futures add order", "ticker", "level2", "my trades",
            "how to get my balance"]  # fmt: skip
CORRECTED = ["withdrawl", "acount", "positon", "ordr", "withdraw money", "get acount list"]
LOCATED = ["GET /api/v1/accounts", "https://api.kucoin.com/api/v1/accounts", "/api/v1/orders/5c35c02703aa673ceec2a168",
           "/market/ticker:BTC-USDT"]  # fmt: skip
OBVIOUS = {
    "get account list": "account/account/get-spot-account-list",
    "place order": "spot/order/add-order",
    "futures add order": "futures/order/add-order",
    "ticker": "spot/market/get-ticker",
    "orderbook": "spot/market/get-part-order-book",
    "level2": "spot/market/get-part-order-book",
    "GET /api/v1/accounts": "account/account/get-spot-account-list",
}


def prepare_database() -> str:
    url = os.environ.get("SEARCH_BENCH_DATABASE_URL")
    if url:
        os.environ["DATABASE_URL"] = url
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "explorer.settings")
        sys.path.insert(0, str(PROJECT_DIR))
    else:
        use_scratch_sqlite()
    for command in (["migrate", "--noinput"], ["sync_kucoin"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=PROJECT_DIR, check=True, capture_output=True)
    return "PostgreSQL" if url else "SQLite, fresh file"


def timed(call, texts: list[str]) -> list[float]:
    for text in texts:
        call(text)  # warm-up: the vocabulary, the ORM's caches
    samples = []
    for _ in range(ROUNDS):
        for text in texts:
            started = time.perf_counter()
            call(text)
            samples.append((time.perf_counter() - started) * 1000)
    return samples


def main() -> None:
    kind = prepare_database()
    setup_django()
    from django.contrib.auth.models import User
    from django.test import Client

    from endpoints.reference.search import catalogue_search
    from endpoints.reference.search_cache import frames, pages

    print(f"Search ({kind}), in-process")
    for name, texts in [
        ("as typed", AS_TYPED),
        ("typos and talk (searched twice)", CORRECTED),
        ("URLs and paths", LOCATED),
    ]:
        row(f"catalogue_search(), {name}", percentiles(timed(catalogue_search, texts)), "p50 < 5 ms")
    client, every = Client(), AS_TYPED + CORRECTED + LOCATED
    headers = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "search-suggest"}
    for name, extra in [("page", {}), ("typeahead fragment", headers)]:
        again = timed(lambda text, extra=extra: client.get("/search", {"q": text}, **extra), every)
        row(f"/search {name}, every query above, again", percentiles(again), "p50 < 5 ms")
        first = timed(lambda text, extra=extra: (pages.clear(), client.get("/search", {"q": text}, **extra)), every)
        row(f"/search {name}, every query above, first time", percentiles(first), "p50 < 5 ms")
    cold = timed(lambda text: (pages.clear(), frames.clear(), client.get("/search", {"q": text})), every)
    row("/search page, nothing stored, not even the frame", percentiles(cold), "none")
    member = Client()
    member.force_login(User.objects.get_or_create(username="bench-member")[0])
    row("/search page, a signed-in member", percentiles(timed(lambda text: member.get("/search", {"q": text}), every)))
    kept = sum(1 for text in every if (pages.clear(), client.get("/search", {"q": text}), len(pages))[2])
    row("  queries of the above kept after one visit", f"{kept} of {len(every)}", "")
    print("Rank of the obvious answer (issue 15's table)")
    for text, slug in OBVIOUS.items():
        slugs = [hit.item.slug for hit in catalogue_search(text).hits]
        row(f"  {text}", str(slugs.index(slug) + 1) if slug in slugs else "not found", "1")


if __name__ == "__main__":
    main()
