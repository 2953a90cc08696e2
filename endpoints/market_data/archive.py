"""Read KuCoin's historical archive: which days it holds, and one day's rows, checksum verified.

A zip whose MD5 differs from its `.CHECKSUM` file, a zip that does not open, or a CSV whose
header is not the expected columns is refused with a message naming the file; nothing of it
is written.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import zipfile

import requests

from endpoints.kucoin.market_data import KLINES, TRADE_COLUMNS, archive_folder, archive_path

from .client import UpstreamError, archive_get
from .request import MarketDataRequest

DAY_IN_NAME = re.compile(r"-(\d{4}-\d{2}-\d{2})\.zip$")


class ArchiveRefused(Exception):
    """An archive file that cannot be trusted; the message names it and says why."""


def archive_days(*, session: requests.Session, request: MarketDataRequest) -> set[str]:
    """The days the archive lists for this symbol, kind and interval (each zip with its checksum file)."""
    folder = archive_folder(market=request.market, kind=request.kind, symbol=request.symbol, interval=request.interval)
    status, body = archive_get(session=session, path=f"list/{folder}")
    if status == 404:
        return set()
    if status != 200:
        raise UpstreamError(f"the archive listing answered HTTP {status}")
    try:
        names = set(json.loads(body)["files"])
    except (ValueError, KeyError, TypeError):
        raise UpstreamError("the archive listing is not readable") from None
    return {found[1] for name in names if (found := DAY_IN_NAME.search(name)) and f"{name}.CHECKSUM" in names}


def expected_columns(request: MarketDataRequest) -> tuple[str, ...]:
    return KLINES[request.market].columns if request.kind == "klines" else TRADE_COLUMNS


def day_rows(*, session: requests.Session, request: MarketDataRequest, day: str) -> list[list[str]]:
    """One day's rows from the archive, oldest first, after the checksum and the zip itself check out."""
    path = archive_path(
        market=request.market, kind=request.kind, symbol=request.symbol, day=day, interval=request.interval
    )
    name = path.rsplit("/", 1)[1]
    data = fetched(session, path, name)
    checksum = fetched(session, f"{path}.CHECKSUM", f"{name}.CHECKSUM").decode("ascii", errors="replace")
    expected = checksum.split()[0].lower() if checksum.split() else ""
    actual = hashlib.md5(data, usedforsecurity=False).hexdigest()
    if actual != expected:
        raise ArchiveRefused(
            f"{name}: its MD5 is {actual} but {name}.CHECKSUM says {expected or '(nothing)'}; refused."
        )
    return zip_rows(data, name, expected_columns(request))


def fetched(session: requests.Session, path: str, name: str) -> bytes:
    status, body = archive_get(session=session, path=path)
    if status >= 500:
        raise UpstreamError(f"the archive answered HTTP {status} for {name}")
    if status != 200:
        raise ArchiveRefused(f"{name}: the archive answered HTTP {status}.")
    return body


def zip_rows(data: bytes, name: str, columns: tuple[str, ...]) -> list[list[str]]:
    """The rows of the zip's one CSV, its header checked against the columns expected."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.namelist()
            if len(members) != 1 or archive.testzip() is not None:
                raise ArchiveRefused(f"{name}: expected one intact CSV inside, found {len(members)} member(s).")
            text = archive.read(members[0]).decode("utf-8")
    except (zipfile.BadZipFile, EOFError, UnicodeDecodeError, ValueError) as error:
        raise ArchiveRefused(f"{name}: not a readable zip file ({error}); refused.") from None
    reader = csv.reader(io.StringIO(text))
    header = tuple(next(reader, ()))
    if header != columns:
        raise ArchiveRefused(f"{name}: its columns are {', '.join(header)}, expected {', '.join(columns)}.")
    return [row for row in reader if row]
