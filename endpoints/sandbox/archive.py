"""The sandbox's historical-data archive: daily zips of klines and trades, each with an MD5 `.CHECKSUM`.

Shaped like KuCoin's archive (and the layout such archives share): paths under `/archive/`,
archive symbol spellings (`BTCUSDT`, futures `BTC…` for the API's `XBT…`), one CSV per zip with
a header row. It holds every day from ARCHIVE_FIRST_DAY to yesterday (UTC); the rows equal what
the REST answers give for the same times. Not KuCoin's API, so no auth and no quota.

    GET    /archive/list/<folder>/      {"prefix": ..., "files": [names]}
    GET    /archive/<path>.zip          the day's zip (bytes are the same every time)
    GET    /archive/<path>.zip.CHECKSUM "<md5>  <name>.zip"
    POST   /archive/faults              {"corrupt_zip": true} | {"bad_checksum": true}
    DELETE /archive/faults              serve good files again
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
import time
import zipfile
from dataclasses import dataclass

from endpoints.kucoin.market_data import ARCHIVE_INTERVALS, KLINES, TRADE_COLUMNS, archive_symbol

from . import market_world as world

PREFIX = "/archive/"
ARCHIVE_FIRST_DAY = dt.date(2024, 1, 1)
SHORT_INTERVALS = {short: name for name, short in ARCHIVE_INTERVALS.items()}
FILE = re.compile(
    r"^data/(?P<market>spot|futures)/daily/(?P<kind>klines|trades)/(?P<name>[A-Z0-9]+)/(?:(?P<short>\w+)/)?"
    r"(?P=name)-(?P<label>\w+)-(?P<day>\d{4}-\d{2}-\d{2})\.zip(?P<checksum>\.CHECKSUM)?$"
)
FOLDER = re.compile(
    r"^data/(?P<market>spot|futures)/daily/(?P<kind>klines|trades)/(?P<name>[A-Z0-9]+)/(?:(?P<short>\w+)/)?$"
)


@dataclass
class Answer:
    status: int
    body: bytes
    content_type: str = "application/json"


def not_found(what: str) -> Answer:
    return Answer(404, json.dumps({"code": "404000", "msg": f"Not in the archive: {what}"}).encode())


class Archive:
    """Serve the archive; two switches spoil what it sends, so refusals can be tested."""

    def __init__(self):
        self.corrupt_zip = False
        self.bad_checksum = False

    def answer(self, method: str, path: str, body: bytes) -> Answer:
        relative = path[len(PREFIX) :]
        if relative == "faults":
            return self.switch(method, body)
        if method != "GET":
            return not_found(relative)
        if relative.startswith("list/"):
            return self.listing(relative[len("list/") :])
        found = FILE.match(relative)
        if not found or not self.holds(found.groupdict()):
            return not_found(relative)
        data = zip_bytes(found.groupdict())
        if self.corrupt_zip:  # the checksum below matches these bytes: only the zip itself is wrong
            data = data[: len(data) // 2] + b"\x00" * 16
        if found["checksum"]:
            digest = hashlib.md5(data, usedforsecurity=False).hexdigest()
            if self.bad_checksum:
                digest = digest[::-1]
            return Answer(200, f"{digest}  {relative.rsplit('/', 1)[1][: -len('.CHECKSUM')]}\n".encode(), "text/plain")
        return Answer(200, data, "application/zip")

    def switch(self, method: str, body: bytes) -> Answer:
        if method == "DELETE":
            self.corrupt_zip = self.bad_checksum = False
        elif method == "POST":
            try:
                switches = json.loads(body or b"{}")
                self.corrupt_zip = bool(switches.get("corrupt_zip"))
                self.bad_checksum = bool(switches.get("bad_checksum"))
            except (ValueError, AttributeError):
                return Answer(400, b'{"code":"400100","msg":"faults must be a JSON object"}')
        state = {"corrupt_zip": self.corrupt_zip, "bad_checksum": self.bad_checksum}
        return Answer(200, json.dumps({"code": "200000", "data": state}).encode())

    def listing(self, folder: str) -> Answer:
        found = FOLDER.match(folder)
        if not found or not self.holds(found.groupdict()):
            return not_found(folder)
        parts = found.groupdict()
        label = parts["short"] or "trades"
        names = []
        for day in days_held():
            name = f"{parts['name']}-{label}-{day.isoformat()}.zip"
            names += [name, name + ".CHECKSUM"]
        return Answer(200, json.dumps({"prefix": folder, "files": names}).encode())

    @staticmethod
    def holds(parts: dict) -> bool:
        """Whether the archive has this symbol, kind and interval (and day, when one is named)."""
        if symbol_for(parts["market"], parts["name"]) is None:
            return False
        if parts["kind"] == "klines" and parts.get("short") not in SHORT_INTERVALS:
            return False
        if parts["kind"] == "trades" and parts.get("short"):
            return False
        if parts.get("label") and parts["label"] != (parts.get("short") or "trades"):
            return False
        day = parts.get("day")
        return day is None or ARCHIVE_FIRST_DAY <= dt.date.fromisoformat(day) < today()


def today() -> dt.date:
    return dt.datetime.fromtimestamp(time.time(), dt.UTC).date()


def days_held() -> list[dt.date]:
    count = (today() - ARCHIVE_FIRST_DAY).days
    return [ARCHIVE_FIRST_DAY + dt.timedelta(days=offset) for offset in range(count)]


def symbol_for(market: str, name: str) -> world.SandboxSymbol | None:
    for item in world.SYMBOLS:
        if item.market == market and archive_symbol(market=market, symbol=item.symbol) == name:
            return item
    return None


def zip_bytes(parts: dict) -> bytes:
    """The day's zip, built the same way every time (fixed member date), so its MD5 never changes."""
    item = symbol_for(parts["market"], parts["name"])
    day = dt.date.fromisoformat(parts["day"])
    start = int(dt.datetime.combine(day, dt.time(), dt.UTC).timestamp())
    if parts["kind"] == "trades":
        header, rows = TRADE_COLUMNS, world.trades(item, start * 1000, (start + 86400) * 1000)
    else:
        interval = SHORT_INTERVALS[parts["short"]]
        header = KLINES[parts["market"]].columns
        rows = [world.market_row(parts["market"], row) for row in world.candles(item, interval, start, start + 86399)]
    text = io.StringIO()
    text.write(",".join(header) + "\n")
    for row in rows:
        text.write(",".join(row) + "\n")
    buffer = io.BytesIO()
    member = zipfile.ZipInfo(f"{parts['name']}-{parts['label']}-{parts['day']}.csv", date_time=(2024, 1, 1, 0, 0, 0))
    member.compress_type = zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(member, text.getvalue())
    return buffer.getvalue()
