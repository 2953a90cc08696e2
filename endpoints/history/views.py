"""What changed: every sync's item-by-item changes, newest first, and one sync on its own page."""

from django.core.paginator import Paginator
from django.http import Http404
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_safe

from endpoints import selectors
from endpoints.reference.responses import MAIN_TARGET, page

RUNS_PER_PAGE = 10
# A sync that changed many items (a new SDK release) lists this many on the changes page; its own page has the rest.
CHANGES_PER_RUN = 50
# One sync's page, paged.
CHANGES_PER_PAGE = 100


@gzip_page
@require_safe
def change_list(request):
    """Every sync with what it changed; `?breaking=1` keeps only changes that break callers."""
    breaking_only = request.GET.get("breaking") == "1"
    runs = Paginator(selectors.change_runs(breaking_only=breaking_only), RUNS_PER_PAGE)
    runs = runs.get_page(request.GET.get("page"))
    context = {"runs": runs, "breaking_only": breaking_only, "title": "What changed", "single": False,
               "changes_per_run": CHANGES_PER_RUN}  # fmt: skip
    return page(request, "history/changes.html", context, partials={MAIN_TARGET: "history/_changes.html"})


@gzip_page
@require_safe
def change_run(request, pk: int):
    """One sync's changes, paged; `?breaking=1` keeps only the breaking ones."""
    run = selectors.change_runs().filter(pk=pk).first()
    if run is None:
        raise Http404(f"There is no sync number {pk}.")
    breaking_only = request.GET.get("breaking") == "1"
    changes = selectors.sync_changes(run=run, breaking_only=breaking_only)
    changes = Paginator(changes, CHANGES_PER_PAGE).get_page(request.GET.get("page"))
    context = {"runs": [run], "title": f"What changed on {run.finished_at:%d %b %Y %H:%M}", "single": True,
               "changes_page": changes, "breaking_only": breaking_only}  # fmt: skip
    return page(request, "history/changes.html", context, partials={MAIN_TARGET: "history/_changes.html"})
