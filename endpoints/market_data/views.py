"""Market data views: the form and its plan, starting a job, its progress (htmx polling) and the file."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from endpoints import selectors
from endpoints.kucoin.market_data import KLINES, MARKETS, intervals_for

from .client import UpstreamError, symbol_list
from .forms import MarketDataForm
from .job import job_create, job_is_stalled, job_result_path, job_start_background
from .plan import day_runs
from .request import RequestError
from .service import market_data_plan


def page_context(form: MarketDataForm, market: str) -> dict:
    try:
        symbols, symbols_error = symbol_list(market=market), ""
    except UpstreamError as error:
        symbols, symbols_error = [], str(error)
    return {
        "form": form, "market": market, "symbols": symbols, "symbols_error": symbols_error,
        "intervals": intervals_for(market=market), "jobs": selectors.job_list(),
        "columns": {name: KLINES[name].columns for name in MARKETS},
    }  # fmt: skip


@require_safe
def page(request):
    """The form; with `plan` in the query, also the plan for what it asks (nothing is fetched yet)."""
    asked = "plan" in request.GET
    form = MarketDataForm(request.GET if asked else None, initial={"use_archive": True})
    market = request.GET.get("market") if request.GET.get("market") in MARKETS else "spot"
    context = page_context(form, market)
    status = 200
    if asked and form.is_valid():
        try:
            context["plan"] = plan = market_data_plan(request=form.to_request())
            context["plan_runs"] = {key: day_runs(plan[key]) for key in ("archive_days", "rest_days", "missing_days")}
        except RequestError as error:
            form.add_error(None, str(error))
    if asked and not form.is_valid():
        status = 400
    template = "market_data/_plan.html" if request.htmx and asked else "market_data/page.html"
    return TemplateResponse(request, template, context, status=status)


@require_safe
def symbols(request):
    """The symbol select for the market chosen (htmx swaps it when the market changes)."""
    market = request.GET.get("market") if request.GET.get("market") in MARKETS else "spot"
    return TemplateResponse(request, "market_data/_symbols.html", page_context(MarketDataForm(), market))


@require_POST
def job_start(request):
    """Plan again (the clock and budget may have moved), create the job and start it in the background."""
    form = MarketDataForm(request.POST)
    if form.is_valid():
        try:
            plan = market_data_plan(request=form.to_request())
        except RequestError as error:
            form.add_error(None, str(error))
        else:
            job = job_create(request=form.to_request(), plan=plan)
            job_start_background(job_id=job.pk)
            return HttpResponseRedirect(reverse("market_data:job", args=[job.pk]), status=303)
    market = form.data.get("market") if form.data.get("market") in MARKETS else "spot"
    return TemplateResponse(request, "market_data/page.html", page_context(form, market), status=400)


def job_or_404(job_id):
    job = selectors.job_get(job_id=job_id)
    if job is None:
        raise Http404("No such market-data job.")
    return job


@require_safe
@never_cache
def job_detail(request, job_id):
    """The job's progress; a job nobody runs any more (its process died) is resumed here."""
    job = job_or_404(job_id)
    if job_is_stalled(job=job):
        job_start_background(job_id=job.pk)
        job.refresh_from_db()
    progress, gaps = selectors.job_progress(job=job), selectors.job_gaps(job=job)
    context = {"job": job, "progress": progress, "gaps": gaps, "log": job.log[-12:]}
    template = "market_data/_progress.html" if request.htmx else "market_data/job.html"
    return TemplateResponse(request, template, context)


@require_POST
def job_resume(request, job_id):
    job = job_or_404(job_id)
    job_start_background(job_id=job.pk)
    return HttpResponseRedirect(reverse("market_data:job", args=[job.pk]), status=303)


@require_safe
def job_download(request, job_id):
    job = job_or_404(job_id)
    path = job_result_path(job=job)
    if job.status != job.Status.DONE or not path.is_file():
        raise Http404("This job has no file yet.")
    if not path.resolve().is_relative_to(Path(settings.MARKET_DATA_DIR).resolve()):
        raise Http404("This job was run by the command, which wrote its file where it was told.")
    name = f"{job.symbol}_{job.interval or job.kind}_{job.start_day}_{job.end_day}.csv"
    return FileResponse(path.open("rb"), as_attachment=True, filename=name, content_type="text/csv")
