"""A market-data download job: what was asked, its plan, its progress and its log.

Fetched rows live on disk, one file per finished segment (see `chunks`); the job row holds
only counters, so a process killed mid-way resumes from the files already written.
"""

import uuid

from django.db import models


class MarketDataJob(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued"
        RUNNING = "running"
        DONE = "done"
        FAILED = "failed"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    market = models.CharField(max_length=10)
    symbol = models.CharField(max_length=40)
    kind = models.CharField(max_length=10)
    interval = models.CharField(max_length=10, blank=True)
    start_day = models.DateField()
    end_day = models.DateField(help_text="Not included: the range ends at this day's midnight UTC.")
    use_archive = models.BooleanField(default=True)
    output_path = models.CharField(max_length=500, blank=True, help_text="Where the CSV goes; empty: the job's folder.")
    plan = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    segments_done = models.PositiveIntegerField(default=0)
    requests_done = models.PositiveIntegerField(default=0)
    rows = models.PositiveBigIntegerField(default=0)
    log = models.JSONField(default=list)
    gaps = models.JSONField(default=list)
    gap_count = models.PositiveIntegerField(default=0)
    duplicates_dropped = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    lease_owner = models.CharField(max_length=64, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    run_started_at = models.DateTimeField(null=True, blank=True)
    run_started_segments = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.symbol} {self.kind} {self.interval} {self.start_day}..{self.end_day}"

    @property
    def segment_count(self) -> int:
        return len(self.plan.get("segments", []))

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
