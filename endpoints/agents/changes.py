"""What the last syncs changed, item by item, from the change log each sync writes; breaking changes marked."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from endpoints import selectors
from endpoints.models import CatalogueChange, SyncRun

from .answers import Answer, BadInput, page_url, text_bounded
from .references import reference_of

MAX_SYNCS = 10
MAX_CHANGES = 200
MAX_DETAILS = 20


def changes_list(*, syncs: int, breaking_only: bool, limit: int) -> Answer:
    """The newest `syncs` syncs with at most `limit` changes in all, newest sync first, breaking ones first."""
    if not 1 <= syncs <= MAX_SYNCS:
        raise BadInput(f"syncs: ask for 1 to {MAX_SYNCS} of the latest syncs, not {syncs}.")
    if not 1 <= limit <= MAX_CHANGES:
        raise BadInput(f"limit: list 1 to {MAX_CHANGES} changes, not {limit}.")
    # The whole log of each run, so its counts and "first import" hold whatever is listed.
    runs = list(selectors.change_runs()[:syncs])
    listed, room = [], limit
    for run in runs:
        entry = _run_data(run, breaking_only=breaking_only, room=room)
        room -= len(entry["changes"])
        listed.append(entry)
    changes_page = page_url(reverse("history:changes"))
    data = {"syncs": listed, "breaking_only": breaking_only, "changes_page": changes_page}
    return Answer(text_bounded(text=_changes_text(data), more_at=changes_page), data)


def _run_data(run: SyncRun, *, breaking_only: bool, room: int) -> dict[str, Any]:
    changes: list[CatalogueChange] = list(run.changes.all())  # prefetched, breaking ones first
    shown = [change for change in changes if change.breaking or not breaking_only]
    return {
        "sync": run.pk,
        "url": page_url(reverse("history:sync", kwargs={"pk": run.pk})),
        "source": run.source,
        "sdk_version": run.sdk_version,
        "finished_at": run.finished_at.isoformat(),
        "counts": {"added": run.created, "updated": run.updated, "retired": run.retired, "unchanged": run.unchanged},
        # A first import writes no rows: its counts say the whole catalogue was added.
        "first_import": not changes and bool(run.created),
        "change_count": len(changes),
        "breaking_count": sum(change.breaking for change in changes),
        "changes": [_change_data(change) for change in shown[: max(room, 0)]],
        "left_out": max(len(shown) - max(room, 0), 0),
    }


def _change_data(change: CatalogueChange) -> dict[str, Any]:
    item = change.item
    details: list[dict] = change.details or []
    return {
        "kind": change.kind,
        "label": change.label,
        "title": item.summary,
        "breaking": change.breaking,
        "reference": reference_of(item),
        "url": page_url(item.get_absolute_url()),
        "retired_now": item.is_retired,
        "details": [{"text": d.get("text", ""), "breaking": bool(d.get("breaking"))} for d in details[:MAX_DETAILS]],
        "details_left_out": max(len(details) - MAX_DETAILS, 0),
    }


def _changes_text(data: dict) -> str:
    runs = data["syncs"]
    if not runs:
        return "No sync has been recorded yet: run `python manage.py sync_kucoin`."
    which = "breaking changes" if data["breaking_only"] else "changes"
    lines = [f"The {which} of the last {len(runs)} sync{'s' if len(runs) != 1 else ''}, newest first."]
    for run in runs:
        lines += ["", *_run_lines(run, breaking_only=data["breaking_only"])]
    lines += ["", f"Every sync: {data['changes_page']}"]
    return "\n".join(lines)


def _run_lines(run: dict, *, breaking_only: bool) -> list[str]:
    version = f" (SDK {run['sdk_version']})" if run["sdk_version"] else ""
    counts = run["counts"]
    lines = [
        f"## Sync {run['sync']}, {run['finished_at'][:16].replace('T', ' ')} UTC: {run['source']}{version}",
        f"{counts['added']} added, {counts['updated']} updated, {counts['retired']} retired, "
        f"{counts['unchanged']} unchanged; {run['breaking_count']} breaking. {run['url']}",
    ]
    if run["first_import"]:
        return [*lines, "The first import: the whole catalogue was added."]
    if not run["changes"] and not run["left_out"]:
        return [*lines, "Nothing breaking." if breaking_only else "Nothing a caller would notice."]
    for change in run["changes"]:
        mark = "**Breaking** " if change["breaking"] else ""
        lines.append(f"- {mark}{change['kind']}: `{change['label']}` {change['title']} (`{change['reference']}`)")
        lines += [f"  - {d['text']}{' (breaking)' if d['breaking'] else ''}" for d in change["details"]]
        if change["details_left_out"]:
            lines.append(f"  - and {change['details_left_out']} more on the sync's page")
    if run["left_out"]:
        more = f"{run['left_out']} more change{'s' if run['left_out'] != 1 else ''}"
        lines.append(f"({more} left out here: raise `limit` or read {run['url']}.)")
    return lines
