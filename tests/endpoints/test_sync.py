"""Syncing is idempotent, retires instead of deleting, keeps team notes, and writes all or nothing."""

from copy import deepcopy
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError

from endpoints.models import Channel, Endpoint, Note, Parameter, SyncRun
from endpoints.sources.records import ChannelRecord
from endpoints.sync import catalogue_sync


def snapshot():
    """Everything a sync may write, to prove when nothing changed."""
    return (
        list(Endpoint.objects.order_by("pk").values()),
        list(Parameter.objects.order_by("pk").values()),
        list(Channel.objects.order_by("pk").values()),
        SyncRun.objects.count(),
    )


def run_command(*args, **options) -> str:
    out, err = StringIO(), StringIO()
    call_command("sync_kucoin", *args, stdout=out, stderr=err, **options)
    return out.getvalue()


def test_an_empty_database_gets_the_whole_catalogue(db, sdk_catalogue):
    """A first sync creates every endpoint, parameter and channel and records the run."""
    Endpoint.objects.all().delete()
    Channel.objects.all().delete()
    report = catalogue_sync(sdk_catalogue)
    assert len(report.endpoints.created) == Endpoint.objects.count() == len(sdk_catalogue.endpoints)
    assert len(report.channels.created) == Channel.objects.count() == len(sdk_catalogue.channels)
    assert Parameter.objects.count() == sum(len(e.parameters) for e in sdk_catalogue.endpoints)
    assert SyncRun.objects.latest().fingerprint == sdk_catalogue.fingerprint()


def test_a_second_sync_changes_nothing_and_says_so(catalogue):
    """Re-running the command on an unchanged SDK writes nothing and reports no changes."""
    run_command()  # the command also lays the Node SDK's required flags over the test catalogue
    before = snapshot()
    output = run_command()
    assert "No changes" in output
    assert snapshot() == before


def test_a_changed_endpoint_is_updated_and_only_it(catalogue):
    """One changed summary is one update; the rest are unchanged."""
    changed = deepcopy(catalogue)
    changed.endpoints[0].summary = "A new summary"
    report = catalogue_sync(changed)
    assert report.endpoints.updated == [
        f"{changed.endpoints[0].method} {changed.endpoints[0].path} ({changed.endpoints[0].domain})"
    ]
    assert report.endpoints.unchanged == len(changed.endpoints) - 1
    assert Endpoint.objects.get(slug=changed.endpoints[0].slug).summary == "A new summary"


def test_a_vanished_endpoint_is_retired_with_its_notes_and_comes_back(catalogue):
    """An endpoint missing upstream is kept, marked retired, keeps its notes, and is restored if it returns."""
    gone = catalogue.endpoints[5]
    endpoint = Endpoint.objects.get(domain=gone.domain, method=gone.method, path=gone.path)
    Note.objects.create(endpoint=endpoint, text="Use the HF variant instead.", author="ana")
    smaller = deepcopy(catalogue)
    del smaller.endpoints[5]

    report = catalogue_sync(smaller)
    endpoint.refresh_from_db()
    assert report.endpoints.retired == [f"{gone.method} {gone.path} ({gone.domain})"]
    assert endpoint.is_retired
    assert endpoint.notes.get().text == "Use the HF variant instead."
    assert endpoint.parameters.count() == len(gone.parameters)

    again = catalogue_sync(smaller)
    assert not again.changed, "a retired endpoint is retired once"

    catalogue_sync(catalogue)
    endpoint.refresh_from_db()
    assert not endpoint.is_retired
    assert endpoint.notes.count() == 1


def test_notes_survive_updates(catalogue):
    """A sync that rewrites an endpoint and its parameters leaves its notes alone."""
    record = catalogue.endpoints[0]
    endpoint = Endpoint.objects.get(slug=record.slug)
    Note.objects.create(endpoint=endpoint, text="Checked against production.", author="li")
    changed = deepcopy(catalogue)
    changed.endpoints[0].description = "Rewritten upstream."
    changed.endpoints[0].parameters = changed.endpoints[0].parameters[:1]
    catalogue_sync(changed)
    assert endpoint.notes.get().text == "Checked against production."


def test_a_failing_write_leaves_the_database_untouched(catalogue):
    """When the database refuses part of an import, none of it is kept."""
    before = snapshot()
    broken = deepcopy(catalogue)
    broken.endpoints[0].summary = "Should not be kept"
    duplicate = broken.channels[0]
    broken.channels.append(ChannelRecord(**{**duplicate.__dict__, "sdk_sub_service": "copy", "topic": "/x"}))
    broken.channels.append(ChannelRecord(**{**duplicate.__dict__, "sdk_sub_service": "copy", "topic": "/x"}))
    with pytest.raises(IntegrityError):
        catalogue_sync(broken)
    assert snapshot() == before


def test_a_missing_spec_is_a_clear_error_and_changes_nothing(catalogue, tmp_path):
    """`--spec` pointing nowhere fails with a sentence, not a traceback, and writes nothing."""
    before = snapshot()
    with pytest.raises(CommandError) as error:
        run_command(spec=str(tmp_path / "missing"))
    assert "does not exist" in str(error.value)
    assert "Nothing was changed" in str(error.value)
    assert snapshot() == before


def test_a_malformed_spec_file_is_named_and_changes_nothing(catalogue, tmp_path):
    """A broken spec file is named with its line, and the catalogue stays as it was."""
    (tmp_path / "rest" / "api").mkdir(parents=True)
    (tmp_path / "rest" / "api" / "openapi-spot-market.json").write_text('{"openapi": "3.0.1", "paths": ')
    before = snapshot()
    with pytest.raises(CommandError, match=r"openapi-spot-market\.json is not valid JSON.*line 1"):
        run_command(spec=str(tmp_path))
    assert snapshot() == before


def test_if_needed_skips_an_up_to_date_catalogue_and_syncs_after_an_sdk_upgrade(catalogue):
    """`--if-needed` (used by `make run`) only imports when the SDK version moved or nothing is there."""
    run_command()  # record the sources the command reads (the Node SDK's flags too)
    assert "up to date" in run_command(if_needed=True)
    SyncRun.objects.update(sdk_version="0.0.1")
    output = run_command(if_needed=True)
    assert "Source: kucoin-universal-sdk" in output


def test_if_needed_is_not_fooled_by_an_openapi_import(catalogue):
    """A later import (which records no SDK version) does not make `--if-needed` re-import the SDK."""
    run_command()
    SyncRun.objects.create(source="OpenAPI import", sdk_version="", fingerprint="x", created=1)
    assert "up to date" in run_command(if_needed=True)


def test_the_command_prints_what_it_created(db, sdk_catalogue):
    """A first import lists created endpoints and channels and a summary line."""
    Endpoint.objects.all().delete()
    Channel.objects.all().delete()
    output = run_command()
    assert f"endpoints created: {len(sdk_catalogue.endpoints)}" in output
    assert f"channels created: {len(sdk_catalogue.channels)}" in output
    assert "0 retired" in output


def test_a_missing_sdk_is_a_clear_error_and_changes_nothing(catalogue, monkeypatch):
    """Without the official SDK installed the command says how to install it and writes nothing."""
    import importlib.metadata

    def not_installed(name):
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(importlib.metadata, "version", not_installed)
    before = snapshot()
    with pytest.raises(CommandError, match="kucoin-universal-sdk' is not installed.*pip install -r requirements.txt"):
        run_command()
    assert snapshot() == before
