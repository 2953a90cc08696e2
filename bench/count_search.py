"""Instructions per search page (valgrind's callgrind), which a shared, noisy host does not blur.

Loads the SDK catalogue into a scratch SQLite file, then runs this same script under
callgrind twice with PYTHONHASHSEED=0: once for the warm-up pass alone and once for the
warm-up and ROUNDS timed passes over QUERIES; the difference over ROUNDS x len(QUERIES) is
one page's cost. Kinds: a query's first visit (its page not stored, the page frame stored
since the process's first search) as a browser asks (gzip) and as the bench's client does
(no gzip); nothing stored at all (the first search after a sync or a release); a repeat
visit; a signed-in member (never stored); a query's first typeahead fragment.

`python bench/count_search.py [kind ...]`; with no kind it counts them all. It takes a few
minutes and prints figures; it asserts nothing.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from common import PROJECT_DIR, sync_catalogue, use_scratch_sqlite

ROUNDS = 4
QUERIES = ["add order", "withdraw", "orderbook", "get account list", "acount", "how to get my balance",
           "GET /api/v1/accounts", "/api/v1/orders/5c35c02703aa673ceec2a168"]  # fmt: skip
KINDS = {
    "first visit, gzip": {"forget": ("pages",), "HTTP_ACCEPT_ENCODING": "gzip"},
    "first visit, no gzip": {"forget": ("pages",)},
    "nothing stored, gzip": {"forget": ("pages", "frames"), "HTTP_ACCEPT_ENCODING": "gzip"},
    "again, gzip": {"HTTP_ACCEPT_ENCODING": "gzip"},
    "signed-in member, gzip": {"member": True, "HTTP_ACCEPT_ENCODING": "gzip"},
    "typeahead, first visit": {"forget": ("pages",), "HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "search-suggest"},
}


def forget(stores: tuple[str, ...]) -> None:
    """Empty the named in-process stores of search pages, those this checkout has (older ones have no frames)."""
    from endpoints.reference import search_cache

    for store in stores:
        if hasattr(search_cache, store):
            getattr(search_cache, store).clear()


def measured(kind: str, rounds: int) -> None:
    """Inside callgrind: the warm-up pass, then `rounds` passes of `kind`."""
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.test import Client

    extra = dict(KINDS[kind])
    stores, member = extra.pop("forget", ()), extra.pop("member", False)
    client = Client()
    if member:
        client.force_login(User.objects.get_or_create(username="bench-member")[0])
    for passes in range(1 + rounds):
        for text in QUERIES:
            if passes:
                forget(stores)
            response = client.get("/search", {"q": text}, **extra)
            assert response.status_code == 200, (text, response.status_code)


def count(kind: str, rounds: int, where: Path) -> int:
    out = where / f"callgrind.{rounds}.out"
    environment = {**os.environ, "PYTHONHASHSEED": "0"}
    subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable, __file__,
                    "--inside", kind, str(rounds)], cwd=PROJECT_DIR, env=environment, check=True,
                   capture_output=True)  # fmt: skip
    summary = re.search(r"^summary:\s+(\d+)", out.read_text(errors="replace"), re.MULTILINE)
    return int(summary.group(1))


def main(kinds: list[str]) -> None:
    use_scratch_sqlite()
    sync_catalogue()
    where = Path(tempfile.mkdtemp(prefix="kucoin-callgrind-"))
    print(f"Search page, instructions per request (callgrind, {len(QUERIES)} queries x {ROUNDS}, minus the warm-up)")
    for kind in kinds:
        extra = count(kind, ROUNDS, where) - count(kind, 0, where)
        print(f"  {kind:<24} {extra / (ROUNDS * len(QUERIES)) / 1e6:.2f} M")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--inside"]:
        sys.path.insert(0, str(PROJECT_DIR))
        measured(sys.argv[2], int(sys.argv[3]))
    else:
        main(sys.argv[1:] or list(KINDS))
