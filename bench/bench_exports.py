"""Export figures: each export served in-process with an empty cache (cold), from the cache, and as a 304.

`python bench/bench_exports.py` uses the in-process cache; when Redis answers on
127.0.0.1:6379 it runs again in a second process with CACHE_URL pointing at Redis.
"""

import os
import subprocess
import sys
import time

from common import PROJECT_DIR, percentiles, row, setup_django, use_scratch_sqlite

COLD_RUNS = 10
CACHED_RUNS = 200
EXPORTS = [
    ("/openapi.json", "< 300 ms", "< 5 ms"),
    ("/openapi.yaml", "", ""),
    ("/llms-full.txt", "< 300 ms", "< 5 ms"),
    ("/llms.txt", "", ""),
    ("/postman.json", "", ""),
    ("/openapi/services/spot.json", "", ""),
    ("/sitemap.xml", "", ""),
]


def timed_get(client, url: str, **headers) -> tuple[float, object]:
    started = time.perf_counter()
    response = client.get(url, **headers)
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code in (200, 304), (url, response.status_code)
    return elapsed, response


def measure(client, cache, url: str, cold_target: str, cached_target: str) -> None:
    cold = []
    for _ in range(COLD_RUNS):
        cache.clear()
        elapsed, response = timed_get(client, url)
        cold.append(elapsed)
    size = len(response.content)
    cached = [timed_get(client, url)[0] for _ in range(CACHED_RUNS)]
    etag = response["ETag"]
    revalidated = [timed_get(client, url, HTTP_IF_NONE_MATCH=etag)[0] for _ in range(CACHED_RUNS)]
    print(f"{url} ({size / 1e6:.2f} MB)")
    row("  cold: empty cache, built and stored", percentiles(cold), cold_target)
    row("  cached", percentiles(cached), cached_target)
    row("  304 on If-None-Match", percentiles(revalidated))


def run(label: str) -> None:
    setup_django()
    from django.core.cache import cache
    from django.test import Client

    client = Client()
    client.get("/health")  # load the URL conf and templates: cold means an empty cache, not a cold interpreter
    print(f"Exports, whole catalogue, in-process Django test client ({label})")
    first, _ = timed_get(client, "/openapi.json")
    row("first /openapi.json in this process", f"{first:.1f} ms")
    for url, cold_target, cached_target in EXPORTS:
        measure(client, cache, url, cold_target, cached_target)


def main() -> None:
    if "--redis" in sys.argv:
        sys.path.insert(0, str(PROJECT_DIR))  # the parent prepared the database and the environment
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "explorer.settings")
        run("Redis cache")
        return
    use_scratch_sqlite()
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"], cwd=PROJECT_DIR, check=True, capture_output=True
    )
    subprocess.run([sys.executable, "manage.py", "sync_kucoin"], cwd=PROJECT_DIR, check=True, capture_output=True)
    run("in-process cache")
    sys.path.insert(0, str(PROJECT_DIR))
    from tests.services import reachable

    if reachable("redis"):
        print()
        env = {**os.environ, "CACHE_URL": "redis://127.0.0.1:6379/14"}
        subprocess.run([sys.executable, __file__, "--redis"], env=env, check=True)
    else:
        print("Redis is not reachable on 127.0.0.1:6379: the Redis pass did not run.")


if __name__ == "__main__":
    main()
