"""The explorer's settings plus one minimal view, the baseline bench_team.py measures beside the pages."""

from explorer.settings import *  # noqa: F403 - the same middleware, database and cache as the pages

ROOT_URLCONF = "bench.minimal_urls"
