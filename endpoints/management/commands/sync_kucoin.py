"""`python manage.py sync_kucoin [--spec PATH_OR_URL] [--if-needed]`: load the KuCoin catalogue."""

import sys
import time

from django.core.management.base import BaseCommand

from endpoints import selectors
from endpoints.management.errors import nothing_changed_on_error
from endpoints.management.sync_lock import one_sync_at_a_time
from endpoints.sources.kucoin_sdk import SDK_DISTRIBUTION, read_sdk, sdk_version
from endpoints.sources.merge import overlay_spec
from endpoints.sources.node_sdk import node_sdk_source, read_node_sdk
from endpoints.sources.openapi import read_openapi
from endpoints.sources.records import Catalogue, SourceError
from endpoints.sources.required_flags import overlay_node_required
from endpoints.sync import SyncReport, catalogue_sync

SHOWN_PER_KIND = 10


def expected_source(spec: str | None) -> str:
    """The source a sync would now record, worked out without reading any of it."""
    parts = [f"{SDK_DISTRIBUTION} {sdk_version()}", node_sdk_source(), f"OpenAPI {spec}" if spec else None]
    return " + ".join(part for part in parts if part)


class Command(BaseCommand):
    help = (
        "Import every KuCoin REST endpoint and WebSocket channel from the installed official SDK "
        "(kucoin-universal-sdk), optionally merged with KuCoin's OpenAPI spec files."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--spec",
            metavar="PATH_OR_URL",
            help="KuCoin's spec folder (rest/api/*.json, ws/*.json), one OpenAPI file, or a file URL; "
            "adds required flags, request examples and deprecation.",
        )
        parser.add_argument(
            "--if-needed",
            action="store_true",
            help="Only sync when the catalogue is empty, the installed SDK or the sources differ from the last sync, "
            "or items were retired since (by an import --replace).",
        )

    def handle(self, *args, spec=None, if_needed=False, **options):
        started = time.perf_counter()
        with one_sync_at_a_time(), nothing_changed_on_error():
            reason = self._why_needed(spec) if if_needed else "asked"
            if reason is None:
                self.stdout.write("Catalogue is up to date with the installed SDK; nothing to do.")
                return
            if if_needed:
                self.stderr.write(f"Syncing: {reason}.")
            self._progress("reading the installed SDK")
            catalogue = self._with_node_required(read_sdk())
            if spec:
                self._progress(f"reading the spec at {spec}")
                catalogue = overlay_spec(catalogue, read_openapi(spec))
            report = catalogue_sync(catalogue, progress=self._count)
        self._clear_progress()
        self._print_report(report, time.perf_counter() - started)

    def _with_node_required(self, catalogue: Catalogue) -> Catalogue:
        # Without the Node SDK the catalogue is still whole; only its required flags are missing.
        try:
            node = read_node_sdk()
        except SourceError as error:
            self._clear_progress()
            self.stderr.write(
                self.style.WARNING(f"{error}\nWithout it (or --spec) every request parameter is shown as optional.")
            )
            return catalogue
        self._progress(f"reading required flags from {node.source}")
        overlay = overlay_node_required(catalogue, node)
        if overlay.unmatched:
            self.stderr.write(f"{node.source} declares no model for {len(overlay.unmatched)} request models.")
        return overlay.catalogue

    def _why_needed(self, spec: str | None) -> str | None:
        """Why the catalogue differs from what a sync now would load, or None when it does not."""
        # Only SDK syncs record an SDK version; an `import_openapi` in between
        # must not make the next `make run` re-import (and retire what it added).
        latest = selectors.latest_sdk_sync()
        if latest is None or not selectors.has_endpoints():
            return "the catalogue is empty"
        if latest.sdk_version != sdk_version():
            return f"the installed SDK is {sdk_version()}, the catalogue was loaded from {latest.sdk_version}"
        retired = selectors.retired_count(after=latest.finished_at)
        if retired:
            return f"{retired} items were retired after the last SDK sync"
        expected = expected_source(spec)
        if latest.source != expected[:500]:
            return f"the sources changed (last: {latest.source}; now: {expected})"
        return None

    def _progress(self, message: str) -> None:
        # One line rewritten in place on a terminal; plain lines in logs and CI.
        if sys.stderr.isatty():
            self.stderr.write(f"\r\x1b[K{message}…", ending="")
        else:
            self.stderr.write(f"{message}…")

    def _count(self, what: str, done: int, total: int) -> None:
        self._progress(f"writing {what}: {done}/{total}")

    def _clear_progress(self) -> None:
        if sys.stderr.isatty():
            self.stderr.write("\r\x1b[K", ending="")

    def _print_report(self, report: SyncReport, seconds: float) -> None:
        write = self.stdout.write
        write(f"Source: {report.source}")
        if not report.changed:
            write(self.style.SUCCESS(f"No changes: all {report.unchanged} items already match ({seconds:.1f} s)."))
            return
        for kind, tally in (("endpoints", report.endpoints), ("channels", report.channels)):
            for what in ("created", "updated", "retired"):
                names = getattr(tally, what)
                if not names:
                    continue
                write(f"{kind} {what}: {len(names)}")
                for name in names[:SHOWN_PER_KIND]:
                    write(f"  {name}")
                if len(names) > SHOWN_PER_KIND:
                    write(f"  … and {len(names) - SHOWN_PER_KIND} more")
        write(
            self.style.SUCCESS(
                f"Done in {seconds:.1f} s: {report.count('created')} created, {report.count('updated')} updated, "
                f"{report.count('retired')} retired, {report.unchanged} unchanged."
            )
        )
