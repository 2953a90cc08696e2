"""A prepared request's ticket is spent once across every worker, not once per process."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from django.core.cache import caches

from endpoints.try_it.spent_tickets import KEEP_SECONDS, spend, spend_on_this_host, sweep

from .test_relay import ACCOUNTS, key_fields, page_signatures, prepare, relay

CLAIM_IN_ANOTHER_PROCESS = (
    "import sys; from pathlib import Path; from endpoints.try_it.spent_tickets import spend_on_this_host; "
    "print(spend_on_this_host(Path(sys.argv[1]), sys.argv[2]))"
)


@pytest.fixture
def in_process_cache(settings, tmp_path):
    """make run's default: each worker's own in-process cache (whatever CACHE_URL this test run has)."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "spent"}}
    settings.TRY_IT_SPENT_TICKETS_DIR = str(tmp_path)
    return tmp_path


def claim_in_another_process(directory, ticket_id) -> str:
    done = subprocess.run(
        [sys.executable, "-c", CLAIM_IN_ANOTHER_PROCESS, str(directory), ticket_id],
        capture_output=True, text=True, timeout=60, check=True, env={**os.environ, "PYTHONPATH": os.getcwd()},
    )  # fmt: skip
    return done.stdout.strip()


def test_a_ticket_spent_here_is_refused_by_another_process(tmp_path):
    assert spend_on_this_host(tmp_path, "ticket-A_1") is True
    assert claim_in_another_process(tmp_path, "ticket-A_1") == "False"
    assert claim_in_another_process(tmp_path, "ticket-B_2") == "True"
    assert spend_on_this_host(tmp_path, "ticket-B_2") is False


def test_with_the_in_process_cache_the_marks_do_not_live_in_this_process(in_process_cache):
    """A second gunicorn worker has an empty in-process cache: the mark must not be there."""
    assert spend("ticket-C") is True
    caches["default"].clear()
    assert spend("ticket-C") is False
    assert (in_process_cache / "ticket-C").exists()


def test_a_replay_after_the_workers_memory_is_gone_is_still_refused(
    in_process_cache, client, catalogue, upstream, request
):
    answer = prepare(client, ACCOUNTS, key_fields(upstream)).json()
    fields = page_signatures(answer, upstream)
    assert "code 200000" in relay(client, ACCOUNTS, fields).content.decode()
    caches["default"].clear()  # as the other worker sees it
    replay = relay(client, ACCOUNTS, fields)
    assert replay.status_code == 409 and "sent already" in replay.content.decode()
    assert len(request.node.sandbox_log) == 1


def test_old_marks_are_swept_and_fresh_ones_kept(tmp_path):
    (tmp_path / "old").touch()
    os.utime(tmp_path / "old", (time.time() - KEEP_SECONDS - 5,) * 2)
    (tmp_path / "fresh").touch()
    sweep(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fresh"]


def test_an_id_that_is_not_ours_is_no_file_name(tmp_path):
    assert spend_on_this_host(tmp_path, "../escape") is None
    assert list(tmp_path.iterdir()) == []
