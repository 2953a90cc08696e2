"""`manage.py kucoin_sandbox`: refuses an empty catalogue, prints its URL and demo keys, serves."""

import io
import os
import subprocess
import sys
import threading
import time

import pytest
import requests
from django.core.management import call_command
from django.core.management.base import CommandError

from endpoints.management.commands import kucoin_sandbox
from endpoints.models import Endpoint


def test_empty_catalogue_is_refused_with_the_fix(db):
    """With no endpoints the command says to run sync_kucoin first."""
    Endpoint.objects.all().delete()
    with pytest.raises(CommandError, match="run `make run` once"):
        call_command("kucoin_sandbox", "--port", "0")


def test_a_fresh_checkout_without_tables_gets_the_fix_not_a_traceback(tmp_path):
    """The README's sandbox recipe run before anything else: one line saying what to do first."""
    environment = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}"}
    environment.pop("CACHE_URL", None)
    done = subprocess.run(
        [sys.executable, "manage.py", "kucoin_sandbox", "--port", "0"],
        capture_output=True, text=True, timeout=120, env=environment,
    )  # fmt: skip
    assert done.returncode == 1
    assert "The catalogue is not loaded yet: run `make run` once" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout


def test_command_serves_and_prints_demo_credentials(catalogue, monkeypatch):
    """The command prints its URL and demo credentials, then answers like KuCoin until stopped."""
    started = {}
    original = kucoin_sandbox.Sandbox.start

    def remember(*args, **kwargs):
        started["sandbox"] = original(*args, **kwargs)
        return started["sandbox"]

    monkeypatch.setattr(kucoin_sandbox.Sandbox, "start", remember)
    out = io.StringIO()
    thread = threading.Thread(
        target=call_command, args=("kucoin_sandbox", "--port", "0", "--secret", "cli-secret"), kwargs={"stdout": out}
    )
    thread.start()
    for _ in range(100):
        if "Press Ctrl-C" in out.getvalue():
            break
        time.sleep(0.05)
    sandbox = started["sandbox"]
    try:
        assert f"KUCOIN_UPSTREAM={sandbox.url}" in out.getvalue()
        assert "API secret      cli-secret" in out.getvalue()
        answer = requests.get(f"{sandbox.url}/api/v1/timestamp", timeout=5)
        assert answer.json()["code"] == "200000"
        assert "GET /api/v1/timestamp -> 200 200000" in out.getvalue()
    finally:
        sandbox.server.shutdown()
        thread.join(5)
