"""`sync_kucoin --if-needed` tells the truth about the catalogue, and two syncs at once get a clear message."""

import fcntl
import os
import subprocess
import sys
from copy import deepcopy
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import OperationalError

from endpoints.management.errors import nothing_changed_on_error
from endpoints.models import Endpoint, SyncRun
from endpoints.sources.records import Catalogue
from endpoints.sync import catalogue_sync
from tests.conftest import PROJECT_DIR


def run_command(*args, **options) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("sync_kucoin", *args, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def test_if_needed_resyncs_when_items_were_retired_after_the_last_sdk_sync(catalogue, sdk_catalogue):
    """An import --replace that retires hundreds of SDK items is not "up to date": the sync brings them back."""
    run_command()
    live = Endpoint.objects.filter(retired_at=None).count()
    catalogue_sync(Catalogue(source="a small OpenAPI file", endpoints=[deepcopy(sdk_catalogue.endpoints[0])]))
    assert Endpoint.objects.filter(retired_at=None).count() == 1
    out, err = run_command(if_needed=True)
    assert "up to date" not in out
    assert "items were retired after the last SDK sync" in err
    assert Endpoint.objects.filter(retired_at=None).count() == live
    assert "up to date" in run_command(if_needed=True)[0]


def test_if_needed_resyncs_when_the_sources_changed(catalogue):
    """A catalogue loaded without the Node SDK's flags is re-synced once the Node SDK is installed."""
    run_command()
    SyncRun.objects.update(source="kucoin-universal-sdk 1.3.2")
    out, err = run_command(if_needed=True)
    assert "the sources changed" in err and "Source: kucoin-universal-sdk" in out


def test_a_locked_sqlite_database_is_a_clear_message_not_a_traceback():
    """SQLite's "database is locked" names the cause and promises nothing was changed."""
    expected = r"Another process is writing to the SQLite database.*\nNothing was changed"
    with pytest.raises(CommandError, match=expected), nothing_changed_on_error():
        raise OperationalError("database is locked")


def test_a_second_sync_while_one_runs_stops_at_once_with_a_clear_message(tmp_path):
    """A sync on a SQLite file another sync is writing stops before reading anything and says why."""
    database = tmp_path / "catalogue.sqlite3"
    with open(f"{database}.sync-lock", "a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        held.write("pid 4242")
        held.flush()
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "DJANGO_SETTINGS_MODULE": "explorer.settings"}
        result = subprocess.run(
            [sys.executable, "manage.py", "sync_kucoin"], cwd=PROJECT_DIR, env=env, capture_output=True, text=True
        )
    assert result.returncode == 1
    assert "Another catalogue sync is writing to" in result.stderr and "(pid 4242)" in result.stderr
    assert "Nothing was changed." in result.stderr and "Traceback" not in result.stderr
    assert not database.exists() or database.stat().st_size == 0  # it stopped before touching the database


def test_the_lock_is_released_after_a_sync(tmp_path):
    """After a sync ends (here, on a database it cannot use), the next one gets the lock."""
    database = tmp_path / "catalogue.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "DJANGO_SETTINGS_MODULE": "explorer.settings"}
    subprocess.run([sys.executable, "manage.py", "sync_kucoin"], cwd=PROJECT_DIR, env=env, capture_output=True)
    with open(f"{database}.sync-lock", "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # raises BlockingIOError if still held
