"""The team's remaining KuCoin budget, per upstream and pool."""

from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from endpoints.reference.responses import MAIN_TARGET, page

from .calls import team_budgets


@never_cache
@require_safe
def budget_page(request):
    """Show what the team has left in each pool's current 30-second window."""
    context = {"upstreams": team_budgets()}
    return page(request, "budget/budget.html", context, partials={MAIN_TARGET: "budget/_budget.html"})
