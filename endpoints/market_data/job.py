"""Run a download job in the background, resumable: claim it, fetch what is missing, assemble the CSV.

A job is claimed with a lease in the database (a conditional UPDATE, so two processes never
run one job). The runner renews it as it goes; a job whose lease ran out, or whose owner
process on this host is gone, can be claimed again and resumes from the segments on disk.
The web page starts a daemon thread; `manage.py download_market_data` runs in the foreground.
This module is the one writer of job rows; reads go through `endpoints.selectors`.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import threading
from collections.abc import Callable
from pathlib import Path

from django.db import DatabaseError, connection
from django.db.models import Q
from django.utils import timezone

from endpoints import selectors
from endpoints.kucoin.market_data import KLINES

from . import chunks
from .budget import Pacer
from .client import UpstreamError, session_new
from .csv_output import csv_assemble
from .fetch import Fetcher, FetchError
from .models import MarketDataJob
from .request import MarketDataRequest

logger = logging.getLogger(__name__)
LEASE = dt.timedelta(seconds=90)
LOG_LINES_KEPT = 200
Status = MarketDataJob.Status


def job_create(*, request: MarketDataRequest, plan: dict, output_path: str = "") -> MarketDataJob:
    return MarketDataJob.objects.create(
        market=request.market, symbol=request.symbol, kind=request.kind, interval=request.interval,
        start_day=request.start_day, end_day=request.end_day, use_archive=request.use_archive,
        output_path=output_path, plan=plan,
    )  # fmt: skip


def job_request(*, job: MarketDataJob) -> MarketDataRequest:
    return MarketDataRequest(
        job.market, job.symbol, job.kind, job.interval, job.start_day, job.end_day, job.use_archive
    )


def job_result_path(*, job: MarketDataJob) -> Path:
    return Path(job.output_path) if job.output_path else chunks.job_dir(job_id=job.pk) / "result.csv"


def owner_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"


def owner_gone(owner: str) -> bool:
    """Whether the lease holder was a process on this host that no longer runs."""
    host, _, rest = owner.partition(":")
    pid = rest.partition(":")[0]
    if host != socket.gethostname() or not pid.isdigit():
        return False
    if int(pid) == os.getpid():
        return not any(str(thread.ident) == rest.partition(":")[2] for thread in threading.enumerate())
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def job_claim(*, job_id, owner: str) -> bool:
    """Take the job's lease if it is unfinished and nobody alive holds it."""
    job = selectors.job_get(job_id=job_id)
    if job is None or job.is_finished:
        return False
    now = timezone.now()
    free = Q(lease_until__isnull=True) | Q(lease_until__lt=now)
    if job.lease_owner and owner_gone(job.lease_owner):
        free |= Q(lease_owner=job.lease_owner)
    claimed = MarketDataJob.objects.filter(free, pk=job_id, status__in=[Status.QUEUED, Status.RUNNING])
    return bool(claimed.update(lease_owner=owner, lease_until=now + LEASE))


def job_is_stalled(*, job: MarketDataJob) -> bool:
    """An unfinished job nobody is running (its process died or its lease ran out)."""
    if job.is_finished:
        return False
    if job.lease_until is None or job.lease_until < timezone.now():
        return True
    return bool(job.lease_owner) and owner_gone(job.lease_owner)


def job_start_background(*, job_id) -> bool:
    """Claim the job and run it in a daemon thread; False if someone else runs it or it is finished."""
    started = threading.Event()
    claimed: list[bool] = []

    def work():
        owner = owner_name()
        try:
            claimed.append(job_claim(job_id=job_id, owner=owner))
            started.set()
            if claimed[0]:
                job_run(job_id=job_id, owner=owner)
        except DatabaseError:
            # The database refused a write (SQLite busy, a dropped connection): the runner stops
            # and gives the lease back, so the next poll resumes the job from its files on disk.
            logger.warning("market-data job %s paused: the database refused a write", job_id, exc_info=True)
            job_release(job_id=job_id, owner=owner)
        finally:
            started.set()
            connection.close()

    threading.Thread(target=work, name=f"market-data-{job_id}", daemon=True).start()
    started.wait(10)
    return bool(claimed and claimed[0])


def job_release(*, job_id, owner: str) -> None:
    """Give up the lease early, best effort: if this write fails too, the lease runs out on its own."""
    try:
        MarketDataJob.objects.filter(pk=job_id, lease_owner=owner).update(lease_owner="", lease_until=None)
    except DatabaseError:
        logger.warning("market-data job %s keeps its lease until it runs out", job_id)


def job_run(*, job_id, owner: str, on_progress: Callable[[MarketDataJob], None] | None = None) -> MarketDataJob:
    """Fetch every segment not yet on disk, then assemble the result; the caller holds the lease."""
    job = selectors.job_get(job_id=job_id)
    folder = chunks.job_dir(job_id=job.pk)
    done = counters_from_disk(job, folder)
    job.status, job.error = Status.RUNNING, ""
    job.run_started_at, job.run_started_segments = timezone.now(), len(done)
    if done:
        job_log(job, f"resuming: {len(done)} of {job.segment_count} segments already on disk; fetching the rest")
    else:
        job_log(job, f"started: {job.segment_count} segments, {job.plan['rest_requests']} REST requests")
    try:
        heartbeat(job, owner)
        fetch_missing(job, folder, done, owner, on_progress)
        assemble(job, folder)
    except (FetchError, UpstreamError) as error:
        finish(job, Status.FAILED, str(error))
    except DatabaseError:
        raise  # not the job's fault: it stays resumable, and the caller decides what to do
    except Exception:
        logger.exception("market-data job %s stopped", job.pk)
        finish(job, Status.FAILED, "An unexpected error stopped the job; the server log has the details.")
    return job


def fetch_missing(job: MarketDataJob, folder: Path, done: set[int], owner: str, on_progress) -> None:
    request = job_request(job=job)
    pool = KLINES[job.market].pool
    with session_new() as session:
        pacer = Pacer(market=job.market, pool=pool, log=lambda line: job_log(job, line, owner=owner))
        fetcher = Fetcher(
            session=session, request=request, pacer=pacer, log=lambda line: job_log(job, line, owner=owner)
        )
        for index, segment in enumerate(job.plan["segments"]):
            if index in done:
                continue
            rows = fetcher.segment_rows(segment)
            chunks.chunk_write(folder=folder, index=index, rows=rows)
            job.segments_done += 1
            job.rows += len(rows)
            job.requests_done += segment["source"] == "rest"
            heartbeat(job, owner)
            if on_progress:
                on_progress(job)


def counters_from_disk(job: MarketDataJob, folder: Path) -> set[int]:
    """Recount progress from the segment files, the one record that survives a kill."""
    done = chunks.chunks_done(folder=folder) & set(range(job.segment_count))
    segments = job.plan["segments"]
    job.segments_done = len(done)
    job.requests_done = sum(1 for index in done if segments[index]["source"] == "rest")
    job.rows = sum(chunks.chunk_row_count(folder=folder, index=index) for index in done)
    return done


def assemble(job: MarketDataJob, folder: Path) -> None:
    summary = csv_assemble(
        folder=folder, segments=job.segment_count, market=job.market, kind=job.kind, interval=job.interval,
        start=job_request(job=job).start, until=job.plan["until"], out_path=job_result_path(job=job),
    )  # fmt: skip
    job.rows, job.duplicates_dropped = summary.rows, summary.duplicates_dropped
    job.gaps, job.gap_count = summary.gaps, summary.gap_count
    chunks.chunks_remove(folder=folder)
    gaps = f"; {summary.gap_count} candles missing upstream, reported, not filled" if summary.gap_count else ""
    finish(job, Status.DONE, "", f"done: {summary.rows} rows written{gaps}")


def finish(job: MarketDataJob, status: str, error: str, line: str = "") -> None:
    job.status, job.error, job.finished_at = status, error, timezone.now()
    job.lease_owner, job.lease_until = "", None
    job_log(job, line or f"failed: {error}", save=False)
    job.save()


def heartbeat(job: MarketDataJob, owner: str) -> None:
    """Save progress and renew the lease in one write."""
    job.lease_owner, job.lease_until = owner, timezone.now() + LEASE
    job.save(update_fields=[
        "status", "error", "segments_done", "requests_done", "rows", "log", "lease_owner", "lease_until",
        "run_started_at", "run_started_segments",
    ])  # fmt: skip


def job_log(job: MarketDataJob, line: str, *, owner: str = "", save: bool = True) -> None:
    job.log = [*job.log[-(LOG_LINES_KEPT - 1) :], [timezone.now().strftime("%H:%M:%S"), line]]
    if save and owner:
        heartbeat(job, owner)
