"""Reads for the team's features: notes, and the changes each sync recorded."""

from __future__ import annotations

from django.db.models import Count, Max, Prefetch, Q, QuerySet

from endpoints.models import CatalogueChange, Channel, Endpoint, Note, SyncRun

# A listed note or change links to its item; the item's schemas and examples are never shown there.
ITEM_HEAVY_FIELDS = [f"endpoint__{name}" for name in ("request_schema", "response_schema", "request_example",
                     "response_example")] + ["channel__message_schema", "channel__message_example"]  # fmt: skip


def note_list(*, service: str = "", author: str = "") -> QuerySet[Note]:
    """Every note, newest first, with its endpoint or channel; optionally one SDK service's or one author's."""
    notes = Note.objects.select_related("endpoint", "channel").defer(*ITEM_HEAVY_FIELDS)
    if service:
        notes = notes.filter(Q(endpoint__sdk_service=service) | Q(channel__sdk_service=service))
    if author:
        notes = notes.filter(author=author)
    return notes.order_by("-created_at", "-pk")


def note_filter_choices() -> tuple[list[str], list[str]]:
    """The SDK services and the authors that have notes, alphabetically."""
    rows = Note.objects.values_list("endpoint__sdk_service", "channel__sdk_service", "author")
    services = {service for row in rows for service in row[:2] if service}
    return sorted(services), sorted({row[2] for row in rows if row[2]})


def note_get_or_none(*, pk: int) -> Note | None:
    return Note.objects.select_related("endpoint", "channel").defer(*ITEM_HEAVY_FIELDS).filter(pk=pk).first()


def notes_stamp() -> str:
    """A token that changes whenever a note is written, edited or deleted (for export versions)."""
    row = Note.objects.aggregate(latest=Max("updated_at"), n=Count("id"))
    return f"{row['latest']}|{row['n']}"


def catalogue_item_get_or_none(*, kind: str, pk: int) -> Endpoint | Channel | None:
    """The endpoint or channel a note is written on, retired ones included."""
    model = {"endpoint": Endpoint, "channel": Channel}.get(kind)
    return model.objects.prefetch_related("notes").filter(pk=pk).first() if model else None


def _changes(*, breaking_only: bool) -> QuerySet[CatalogueChange]:
    changes = CatalogueChange.objects.select_related("endpoint", "channel").defer(*ITEM_HEAVY_FIELDS)
    if breaking_only:
        changes = changes.filter(breaking=True)
    return changes.order_by("-breaking", "kind", "label", "pk")


def change_runs(*, breaking_only: bool = False) -> QuerySet[SyncRun]:
    """Syncs newest first, each with its item changes (only breaking ones if asked)."""
    return SyncRun.objects.prefetch_related(Prefetch("changes", queryset=_changes(breaking_only=breaking_only)))


def sync_changes(*, run: SyncRun, breaking_only: bool = False) -> QuerySet[CatalogueChange]:
    """One sync's item changes, breaking ones first: for paging through a sync that changed many items."""
    return _changes(breaking_only=breaking_only).filter(sync=run)


def change_list_for(*, item: Endpoint | Channel, limit: int = 5) -> list[CatalogueChange]:
    """An item's own latest changes, newest sync first."""
    field_name = "endpoint" if isinstance(item, Endpoint) else "channel"
    changes = CatalogueChange.objects.filter(**{field_name: item}).select_related("sync")
    return list(changes.order_by("-sync__finished_at", "-pk")[:limit])
