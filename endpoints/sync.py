"""Write a source's catalogue into the models: upsert, retire, never touch notes.

This is the only writer of endpoints, parameters and channels. One call is one
transaction: it either applies the whole catalogue or changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field

from django.db import transaction
from django.utils import timezone

from .changes import Difference, channel_differences, endpoint_differences
from .models import CatalogueChange, ChangeKind, Channel, Endpoint, Parameter, SyncRun
from .reference.search import search_index_rebuild
from .sources.nullable import nulls_allowed
from .sources.records import Catalogue, ChannelRecord, EndpointRecord
from .sources.validation import catalogue_check

Progress = Callable[[str, int, int], None]
# The change kinds as plain strings (mypy checks this module without Django's plugin).
ADDED, CHANGED, RETIRED, RESTORED = (str(k) for k in (ChangeKind.ADDED, ChangeKind.CHANGED, ChangeKind.RETIRED,
                                                     ChangeKind.RESTORED))  # fmt: skip

ENDPOINT_FIELDS = [
    "slug", "summary", "description", "sdk_service", "sdk_sub_service", "sdk_method_name", "sort_order",
    "domain", "method", "path", "doc_url", "deprecated", "metadata_published", "api_channel",
    "api_permission", "rate_limit_pool", "rate_limit_weight", "json_body", "needs_broker_signature",
    "sdk_python_call", "sdk_request_model", "request_schema", "response_schema", "request_example",
    "response_example",
]  # fmt: skip
PARAMETER_FIELDS = [
    "name", "location", "type", "required", "enum_values", "default", "description", "example", "schema",
]  # fmt: skip
CHANNEL_FIELDS = [
    "slug", "summary", "description", "sdk_service", "sdk_sub_service", "sdk_method_name", "sort_order",
    "topic", "api_channel", "push_frequency", "topic_args", "accepts_many", "message_schema", "message_example",
    "protocol", "address", "subscribe_frame",
]  # fmt: skip


@dataclass
class Tally:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)
    unchanged: int = 0


@dataclass
class SyncReport:
    source: str
    endpoints: Tally = field(default_factory=Tally)
    channels: Tally = field(default_factory=Tally)
    # What callers would notice, item by item; saved with the sync's SyncRun.
    changes: list[CatalogueChange] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(t.created or t.updated or t.retired for t in (self.endpoints, self.channels))

    def count(self, what: str) -> int:
        return len(getattr(self.endpoints, what)) + len(getattr(self.channels, what))

    @property
    def unchanged(self) -> int:
        return self.endpoints.unchanged + self.channels.unchanged


def catalogue_sync(
    catalogue: Catalogue, *, retire_missing: bool = True, progress: Progress | None = None
) -> SyncReport:
    """Make the database hold exactly `catalogue`; retire what it no longer has."""
    catalogue_check(catalogue)  # every source's records, before anything is written
    report = SyncReport(source=catalogue.source)
    now = timezone.now()
    with transaction.atomic():
        first_import = not SyncRun.objects.exists()
        _sync_endpoints(catalogue.endpoints, report, now, retire_missing, progress)
        _sync_channels(catalogue.channels, report, now, retire_missing, progress)
        if report.changed or first_import:
            run = SyncRun.objects.create(
                source=catalogue.source[:500],
                sdk_version=catalogue.sdk_version,
                fingerprint=catalogue.fingerprint(),
                created=report.count("created"),
                updated=report.count("updated"),
                retired=report.count("retired"),
                unchanged=report.unchanged,
            )
            # A first import adds everything: its SyncRun's counts say so without hundreds of rows.
            if not first_import:
                _save_changes(report.changes, run)
        search_index_rebuild()
    return report


def _save_changes(changes: list[CatalogueChange], run: SyncRun) -> None:
    for change in changes:
        change.sync = run
    CatalogueChange.objects.bulk_create(changes)


def _update_entry(kind: str, differences: list[Difference], *, item, label: str) -> list[CatalogueChange]:
    """An updated item's entry, unless nothing a caller sees changed (a new sort order, say)."""
    if kind == CHANGED and not differences:
        return []
    return [_change(kind, item, label, differences)]


def _change(kind: str, item, label: str, differences: Sequence[Difference] = ()) -> CatalogueChange:
    """One item's entry in the sync's change log."""
    breaking = kind == RETIRED or any(d.breaking for d in differences)
    details = [d.as_json() for d in differences]
    if kind == RETIRED:
        details = [{"text": "no longer in the source: calls to it may fail", "breaking": True}]
    target = {"endpoint": item} if isinstance(item, Endpoint) else {"channel": item}
    return CatalogueChange(kind=kind, label=label[:400], details=details, breaking=breaking, **target)


# --- endpoints ------------------------------------------------------------------


def _endpoint_values(record: EndpointRecord) -> dict:
    values = {name: getattr(record, name) for name in ENDPOINT_FIELDS if name != "slug"}
    # KuCoin's answers hold null where its schemas say string: the example shows where.
    values["response_schema"] = nulls_allowed(values["response_schema"], record.response_example)
    values["slug"] = record.slug
    return values


def _parameter_rows(record: EndpointRecord) -> list[dict]:
    return [{**{k: v for k, v in asdict(p).items() if k in PARAMETER_FIELDS}, "position": i}
            for i, p in enumerate(record.parameters)]  # fmt: skip


def _stored_parameter_rows(endpoint: Endpoint) -> list[dict]:
    return [{**{k: getattr(p, k) for k in PARAMETER_FIELDS}, "position": p.position}
            for p in endpoint.parameters.all()]  # fmt: skip


def _sync_endpoints(records, report: SyncReport, now, retire_missing: bool, progress: Progress | None) -> None:
    existing = {(e.domain, e.method, e.path): e for e in Endpoint.objects.prefetch_related("parameters")}
    seen, tally = set(), report.endpoints
    to_create: list[tuple[Endpoint, list[dict]]] = []
    for index, record in enumerate(records, start=1):
        seen.add(record.key)
        values, params = _endpoint_values(record), _parameter_rows(record)
        endpoint = existing.get(record.key)
        if endpoint is None:
            _free_slug(values["slug"], record.key)
            to_create.append((Endpoint(**values), params))
            tally.created.append(_label(record))
        elif (outcome := _update_endpoint(endpoint, values, params)) is not None:
            tally.updated.append(_label(record))
            report.changes += _update_entry(*outcome, item=endpoint, label=_label(record))
        else:
            tally.unchanged += 1
        if progress and (index % 50 == 0 or index == len(records)):
            progress("endpoints", index, len(records))
    created = _create_endpoints(to_create)
    report.changes += [_change(ADDED, e, f"{e.method} {e.path} ({e.domain})") for e in created]
    if retire_missing:
        for key, endpoint in existing.items():
            if key not in seen and endpoint.retired_at is None:
                endpoint.retired_at = now
                endpoint.save(update_fields=["retired_at", "updated_at"])
                tally.retired.append(f"{endpoint.method} {endpoint.path} ({endpoint.domain})")
                report.changes.append(_change(RETIRED, endpoint, tally.retired[-1]))


def _update_endpoint(endpoint: Endpoint, values: dict, params: list[dict]) -> tuple[str, list[Difference]] | None:
    """Bring `endpoint` up to date; say how (changed or restored, and the differences), None if it was current."""
    changed = [name for name, value in values.items() if getattr(endpoint, name) != value]
    stored = _stored_parameter_rows(endpoint)
    params_changed = stored != params
    kind = CHANGED
    if endpoint.retired_at is not None:
        endpoint.retired_at = None  # it came back upstream
        changed.append("retired_at")
        kind = RESTORED
    if not changed and not params_changed:
        return None
    before = {name: getattr(endpoint, name) for name in values} | {"parameters": stored}
    differences = endpoint_differences(before=before, after=values | {"parameters": params})
    if "slug" in changed:
        _free_slug(values["slug"], (endpoint.domain, endpoint.method, endpoint.path))
    for name in changed:
        if name in values:
            setattr(endpoint, name, values[name])
    endpoint.save()
    if params_changed:
        endpoint.parameters.all().delete()
        Parameter.objects.bulk_create(Parameter(endpoint=endpoint, **row) for row in params)
    return kind, differences


def _create_endpoints(to_create: list[tuple[Endpoint, list[dict]]]) -> list[Endpoint]:
    created = Endpoint.objects.bulk_create([endpoint for endpoint, _ in to_create])
    Parameter.objects.bulk_create(
        Parameter(endpoint=endpoint, **row)
        for endpoint, (_, params) in zip(created, to_create, strict=True)
        for row in params
    )
    return created


def _free_slug(slug: str, key: tuple) -> None:
    """A retired endpoint gives its URL to the live one that now has its SDK name."""
    for holder in Endpoint.objects.filter(slug=slug).exclude(domain=key[0], method=key[1], path=key[2]):
        holder.slug = f"{slug}-retired-{holder.pk}"
        holder.save(update_fields=["slug"])


def _label(record: EndpointRecord) -> str:
    return f"{record.method} {record.path} ({record.domain})"


# --- channels -----------------------------------------------------------------------


def _channel_values(record: ChannelRecord) -> dict:
    values = {name: getattr(record, name) for name in CHANNEL_FIELDS if name != "slug"}
    values["slug"] = record.slug
    return values


def _sync_channels(records, report: SyncReport, now, retire_missing: bool, progress: Progress | None) -> None:
    existing = {(c.sdk_sub_service, c.topic): c for c in Channel.objects.all()}
    seen, tally = set(), report.channels
    to_create = []
    for record in records:
        seen.add(record.key)
        values = _channel_values(record)
        channel = existing.get(record.key)
        if channel is None:
            to_create.append(Channel(**values))
            tally.created.append(record.topic)
        elif (outcome := _update_channel(channel, values)) is not None:
            tally.updated.append(record.topic)
            report.changes += _update_entry(*outcome, item=channel, label=record.topic)
        else:
            tally.unchanged += 1
    report.changes += [_change(ADDED, c, c.topic) for c in Channel.objects.bulk_create(to_create)]
    if retire_missing:
        for key, channel in existing.items():
            if key not in seen and channel.retired_at is None:
                channel.retired_at = now
                channel.save(update_fields=["retired_at", "updated_at"])
                tally.retired.append(channel.topic)
                report.changes.append(_change(RETIRED, channel, channel.topic))
    if progress:
        progress("channels", len(records), len(records))


def _update_channel(channel: Channel, values: dict) -> tuple[str, list[Difference]] | None:
    """Bring `channel` up to date; say how, or None if it was current."""
    changed = [name for name, value in values.items() if getattr(channel, name) != value]
    kind = CHANGED
    if channel.retired_at is not None:
        channel.retired_at = None
        changed.append("retired_at")
        kind = RESTORED
    if not changed:
        return None
    differences = channel_differences(before={name: getattr(channel, name) for name in values}, after=values)
    for name in changed:
        if name in values:
            setattr(channel, name, values[name])
    channel.save()
    return kind, differences
