"""Assemble a job's segments into one CSV, streaming: header row, KuCoin's column order, no duplicates.

Rows are checked in time order as they pass: a row at or before the previous one is a
duplicate and dropped; candles missing between two rows are KuCoin's own gaps, reported
(first ones listed, all counted) and never filled in.
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass, field
from pathlib import Path

from endpoints.kucoin.market_data import INTERVAL_SECONDS, KLINES, TRADE_COLUMNS, bucket_ceil, bucket_next

from .chunks import chunk_rows

GAPS_LISTED = 50


@dataclass
class Assembly:
    rows: int = 0
    duplicates_dropped: int = 0
    gap_count: int = 0  # candles missing
    gaps: list[list[int]] = field(default_factory=list)  # [first missing open time, next present, missing]


def missing_between(interval: str, expected: int, found: int) -> int:
    fixed = INTERVAL_SECONDS[interval]
    if fixed:
        return (found - expected) // fixed
    count = 0
    while expected < found:
        expected, count = bucket_next(interval=interval, start=expected), count + 1
    return count


def csv_assemble(*, folder: Path, segments: int, market: str, kind: str, interval: str, start: int, until: int,
                 out_path: Path) -> Assembly:  # fmt: skip
    """Write the result file (via a temporary file, renamed at the end) and say what it holds."""
    columns = KLINES[market].columns if kind == "klines" else TRADE_COLUMNS
    per_second = 1000 // KLINES[market].time_unit_ms
    summary = Assembly()
    expected = bucket_ceil(interval=interval, at=start) if kind == "klines" else None
    last_key = None
    out_path.parent.mkdir(parents=True, exist_ok=True)
    partial = out_path.with_name(out_path.name + ".part")
    with partial.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for index in range(segments):
            for row in chunk_rows(folder=folder, index=index):
                key = int(row[0]) // per_second if kind == "klines" else int(row[0])
                if last_key is not None and key <= last_key:
                    summary.duplicates_dropped += 1
                    continue
                if expected is not None:
                    note_gap(summary, interval, expected, key)
                    expected = bucket_next(interval=interval, start=key)
                last_key = key
                writer.writerow(row)
                summary.rows += 1
    if expected is not None and expected < until:
        note_gap(summary, interval, expected, until)
    os.replace(partial, out_path)
    return summary


def note_gap(summary: Assembly, interval: str, expected: int, found: int) -> None:
    if found <= expected:
        return
    missing = missing_between(interval, expected, found)
    summary.gap_count += missing
    if len(summary.gaps) < GAPS_LISTED:
        summary.gaps.append([expected, found, missing])
