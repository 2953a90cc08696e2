"""Every sync records its changes item by item, inside the sync's own transaction."""

from copy import deepcopy

import pytest
from django.db import IntegrityError

from endpoints.models import CatalogueChange, ChangeKind, Endpoint, SyncRun
from endpoints.sources.records import ChannelRecord, ParameterRecord
from endpoints.sync import catalogue_sync


def test_an_unchanged_resync_records_nothing(catalogue):
    """No run and no change rows when nothing changed."""
    runs = SyncRun.objects.count()
    catalogue_sync(catalogue)
    assert SyncRun.objects.count() == runs
    assert not CatalogueChange.objects.exists()


def test_the_first_import_is_one_run_without_item_rows(db, sdk_catalogue):
    """Importing into an empty catalogue records the run's counts, not hundreds of 'added' rows."""
    Endpoint.objects.all().delete()
    SyncRun.objects.all().delete()
    catalogue_sync(sdk_catalogue)
    assert SyncRun.objects.get().created == len(sdk_catalogue.endpoints)
    assert not CatalogueChange.objects.exists()


def test_changes_added_retired_and_changed_are_recorded(catalogue):
    """A new parameter, a retired endpoint and a new endpoint each get a row tied to the run and the item."""
    changed = deepcopy(catalogue)
    first, gone = changed.endpoints[0], changed.endpoints.pop(1)
    first.parameters.append(ParameterRecord(name="newFlag", location="query", required=True))
    fresh = deepcopy(first)
    fresh.path, fresh.sdk_method_name = "/api/v9/brand-new", "brandNew"
    changed.endpoints.append(fresh)
    catalogue_sync(changed)
    run = SyncRun.objects.latest()
    rows = {row.kind: row for row in run.changes.all()}
    assert set(rows) == {ChangeKind.CHANGED, ChangeKind.RETIRED, ChangeKind.ADDED}
    assert rows[ChangeKind.CHANGED].endpoint.path == first.path
    assert rows[ChangeKind.CHANGED].details == [{"text": "new required parameter newFlag (query)", "breaking": True}]
    assert rows[ChangeKind.CHANGED].breaking
    assert rows[ChangeKind.RETIRED].endpoint.path == gone.path and rows[ChangeKind.RETIRED].breaking
    assert rows[ChangeKind.ADDED].endpoint.path == "/api/v9/brand-new" and not rows[ChangeKind.ADDED].breaking


def test_an_order_only_change_is_not_a_change_callers_see(catalogue):
    """A new sort order updates the row but records no change."""
    changed = deepcopy(catalogue)
    changed.endpoints[0].sort_order += 1000
    catalogue_sync(changed)
    assert not CatalogueChange.objects.exists()


def test_a_failed_sync_records_no_changes(catalogue):
    """When the database refuses part of a sync, its change rows go with it."""
    broken = deepcopy(catalogue)
    broken.endpoints[0].summary = "Should not be kept"
    duplicate = broken.channels[0]
    broken.channels += [ChannelRecord(**{**duplicate.__dict__, "sdk_sub_service": "copy", "topic": "/x"})] * 2
    with pytest.raises(IntegrityError):
        catalogue_sync(broken)
    assert not CatalogueChange.objects.exists()
