"""`python manage.py download_market_data --symbol BTC-USDT --interval 1min --from D --to D -o out.csv`.

Prints the plan, then fetches with a progress bar. Run the same command again after a kill
and it resumes the unfinished job for the same request and output file.
"""

import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from tqdm import tqdm

from endpoints import selectors
from endpoints.kucoin.market_data import KINDS, MARKETS
from endpoints.market_data.job import job_claim, job_create, job_release, job_run, owner_name
from endpoints.market_data.models import MarketDataJob
from endpoints.market_data.plan import day_runs
from endpoints.market_data.request import MarketDataRequest, RequestError
from endpoints.market_data.service import market_data_plan


def day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"“{value}” is not a date like 2026-01-31.") from None


class Command(BaseCommand):
    help = "Download KuCoin klines or trades for a date range into a CSV, resuming where a killed run stopped."

    def add_arguments(self, parser):
        parser.add_argument("--market", choices=MARKETS, default="spot")
        parser.add_argument("--symbol", required=True, help="As the API spells it: BTC-USDT, XBTUSDTM.")
        parser.add_argument("--kind", choices=KINDS, default="klines")
        parser.add_argument("--interval", default="1min", help="KuCoin's kline type: 1min, 1hour, 1day, ...")
        parser.add_argument("--from", dest="start", required=True, help="First day (UTC), included.")
        parser.add_argument("--to", dest="end", required=True, help="Last day (UTC), not included.")
        parser.add_argument("--no-archive", action="store_true", help="Fetch every day through REST.")
        parser.add_argument("-o", "--output", required=True, help="The CSV file to write.")

    def handle(self, *args, **options):
        interval = options["interval"] if options["kind"] == "klines" else ""
        request = MarketDataRequest(
            options["market"], options["symbol"], options["kind"], interval, day(options["start"]), day(options["end"]),
            use_archive=not options["no_archive"],
        )  # fmt: skip
        output = str(Path(options["output"]).resolve())
        job = selectors.job_unfinished(request=request, output_path=output)
        if job is None:
            try:
                plan = market_data_plan(request=request)
            except RequestError as error:
                raise CommandError(str(error)) from None
            job = job_create(request=request, plan=plan, output_path=output)
        self.print_plan(job)
        owner = owner_name()
        if not job_claim(job_id=job.pk, owner=owner):
            raise CommandError(f"Job {job.pk} is running in another process.")
        try:
            job = self.run_with_bar(job, owner)
        except DatabaseError as error:
            job_release(job_id=job.pk, owner=owner)
            raise CommandError(
                f"The database refused a write ({error}); the segments fetched so far are kept: "
                "run the same command again to resume."
            ) from None
        if job.status != MarketDataJob.Status.DONE:
            raise CommandError(job.error)
        gaps = f", {job.gap_count} candles missing upstream (reported, not filled)" if job.gap_count else ""
        self.stdout.write(f"Wrote {job.rows} rows to {output}{gaps}.")

    def print_plan(self, job: MarketDataJob) -> None:
        plan = job.plan
        left = plan.get("remaining", plan["budget"])
        self.stdout.write(
            f"Plan for job {job.pk}: {plan['rest_requests']} REST requests, weight {plan['weight']} "
            f"from the {plan['pool']} pool ({plan['windows']} window(s) of 30 s; the team has {left} of "
            f"{plan['budget']} left in this one); "
            f"{len(plan['archive_days'])} day(s) from the archive."
        )
        for first, last, count in day_runs(plan["missing_days"]):
            self.stdout.write(f"  not available: {first} to {last} ({count} days): not in the archive")
        if plan.get("note"):
            self.stdout.write(f"  {plan['note']}")

    def run_with_bar(self, job: MarketDataJob, owner: str) -> MarketDataJob:
        with tqdm(total=job.segment_count, unit="seg", file=self.stderr._out, dynamic_ncols=True) as bar:
            bar.update(job.segments_done)

            def progress(current: MarketDataJob) -> None:
                bar.update(current.segments_done - bar.n)
                bar.set_postfix(requests=current.requests_done, rows=current.rows)

            return job_run(job_id=job.pk, owner=owner, on_progress=progress)
