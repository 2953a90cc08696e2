"""`python manage.py import_openapi FILE_OR_URL [--replace]`: load an OpenAPI document into the catalogue."""

import time

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand

from endpoints.fields import OrderedJSONField
from endpoints.management.errors import nothing_changed_on_error
from endpoints.models import Channel, Endpoint, Parameter
from endpoints.sources.openapi import read_openapi
from endpoints.sources.records import Catalogue, SourceError
from endpoints.sources.validation import catalogue_check
from endpoints.sync import CHANNEL_FIELDS, ENDPOINT_FIELDS, PARAMETER_FIELDS, SyncReport, catalogue_sync


class Command(BaseCommand):
    help = (
        "Load an OpenAPI document into the catalogue: one this explorer exported (JSON or YAML), KuCoin's "
        "official spec folder or one of its files, or the URL of a file. Endpoints are matched by domain + "
        "method + path; the import is one transaction."
    )

    def add_arguments(self, parser):
        parser.add_argument("location", metavar="FILE_OR_URL", help="A .json/.yaml file, a spec folder or a URL.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Also retire catalogued endpoints and channels the document does not hold "
            "(by default an import only adds and updates).",
        )

    def handle(self, *args, location, replace=False, **options):
        started = time.perf_counter()
        with nothing_changed_on_error():
            catalogue = read_openapi(location)
            if not catalogue.endpoints and not catalogue.channels:
                raise SourceError(f"{location} holds no operations: nothing to import.")
            catalogue_check(catalogue)  # shapes first: its messages name the file and the place
            check_fits(catalogue)
            report = catalogue_sync(catalogue, retire_missing=replace)
        self._print_report(report, time.perf_counter() - started)

    def _print_report(self, report: SyncReport, seconds: float) -> None:
        self.stdout.write(f"Source: {report.source}")
        if not report.changed:
            self.stdout.write(self.style.SUCCESS(f"No changes: all {report.unchanged} items already match."))
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported in {seconds:.1f} s: {report.count('created')} created, {report.count('updated')} "
                f"updated, {report.count('retired')} retired, {report.unchanged} unchanged."
            )
        )


def check_fits(catalogue: Catalogue) -> None:
    """Check every record against the models' own field rules, so a bad value is named before anything is written."""
    for record in catalogue.endpoints:
        where = f"{record.method} {record.path} ({record.domain} domain)"
        values = {name: getattr(record, name) for name in ENDPOINT_FIELDS if name != "slug"}
        _clean(Endpoint(slug=record.slug, **values), where)
        for param in record.parameters:
            row = {name: getattr(param, name) for name in PARAMETER_FIELDS}
            _clean(Parameter(**row), f"{where}, {param.location} parameter '{param.name}'", exclude=["endpoint"])
    for record in catalogue.channels:
        values = {name: getattr(record, name) for name in CHANNEL_FIELDS if name != "slug"}
        _clean(Channel(slug=record.slug, **values), f"WebSocket topic {record.topic}")
    _check_slugs(catalogue)


def _clean(instance, where: str, exclude: list[str] | None = None) -> None:
    # JSON values came out of a JSON or YAML parser already; their field would re-parse text as JSON.
    json_fields = [f.name for f in instance._meta.fields if isinstance(f, OrderedJSONField)]
    try:
        instance.clean_fields(exclude=[*(exclude or []), *json_fields])
    except ValidationError as error:
        problems = "; ".join(f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items())
        raise SourceError(f"{where}: {problems}") from error


def _check_slugs(catalogue: Catalogue) -> None:
    """Two operations with the same SDK service, sub-service and method name would share one page address."""
    seen: dict[str, str] = {}
    for record in catalogue.endpoints:
        label = f"{record.method} {record.path} ({record.domain} domain)"
        if record.slug in seen:
            raise SourceError(
                f"{seen[record.slug]} and {label} have the same SDK service, sub-service and method name "
                f"({record.sdk_service} / {record.sdk_sub_service} / {record.sdk_method_name})."
            )
        seen[record.slug] = label
