"""A job's fetched segments on disk: one small CSV per finished segment, written atomically.

A segment's file appears (by rename) only once all its rows are written, so after a kill
the files present are exactly the segments done, and a resumed job fetches only the rest.
"""

from __future__ import annotations

import csv
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings


def job_dir(*, job_id: str) -> Path:
    return Path(settings.MARKET_DATA_DIR) / str(job_id)


def chunk_path(folder: Path, index: int) -> Path:
    return folder / "chunks" / f"{index:06d}.csv"


def chunk_write(*, folder: Path, index: int, rows: list[list[str]]) -> None:
    """Write one segment's rows, then rename into place; a half-written file never counts."""
    final = chunk_path(folder, index)
    final.parent.mkdir(parents=True, exist_ok=True)
    partial = final.with_suffix(".part")
    with partial.open("w", newline="") as handle:
        csv.writer(handle).writerows(rows)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(partial, final)


def chunks_done(*, folder: Path) -> set[int]:
    found = folder / "chunks"
    if not found.is_dir():
        return set()
    return {int(path.stem) for path in found.glob("*.csv") if path.stem.isdigit()}


def chunk_rows(*, folder: Path, index: int) -> Iterator[list[str]]:
    with chunk_path(folder, index).open(newline="") as handle:
        yield from csv.reader(handle)


def chunk_row_count(*, folder: Path, index: int) -> int:
    with chunk_path(folder, index).open("rb") as handle:
        return sum(1 for _ in handle)


def chunks_remove(*, folder: Path) -> None:
    shutil.rmtree(folder / "chunks", ignore_errors=True)
