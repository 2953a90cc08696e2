"""The try-it panel's line on the team's remaining budget in the endpoint's pool."""

from functools import lru_cache
from types import SimpleNamespace

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from endpoints.budget.calls import endpoint_budget
from endpoints.reference.page_cache import hole

register = template.Library()


@register.simple_tag(takes_context=True)
def team_budget(context, endpoint, oob: bool = False):
    """Render the endpoint's pool figures; `oob` makes htmx replace the panel's line after a send.

    The figures count down with every send, so a page rendered for the shared cache gets a hole
    here instead, filled on each request.
    """
    marker = hole(
        context.get("request"), "budget", endpoint.domain, endpoint.rate_limit_pool, endpoint.rate_limit_weight
    )
    if marker is not None and not oob:
        return mark_safe(marker)  # noqa: S308 - our own comment marker, no outside text
    return budget_line_html(
        domain=endpoint.domain,
        rate_limit_pool=endpoint.rate_limit_pool,
        rate_limit_weight=endpoint.rate_limit_weight,
        oob=oob,
    )


def budget_line_html(*, domain: str, rate_limit_pool: str, rate_limit_weight, oob: bool = False) -> str:
    """The line itself, for the tag and for the page cache's hole."""
    item = SimpleNamespace(domain=domain, rate_limit_pool=rate_limit_pool, rate_limit_weight=rate_limit_weight)
    budget = endpoint_budget(endpoint=item)
    resets = budget.resets_in_seconds if budget.spent else 0
    return _line_html(budget.pool, budget.limit, budget.spent, budget.remaining, resets, oob)


@lru_cache(maxsize=512)
def _line_html(pool: str, limit: int, spent: int, remaining: int, resets_in_seconds: int, oob: bool) -> str:
    """Rendered once per distinct set of figures: most reads find a pool untouched, the same line every time."""
    budget = SimpleNamespace(
        pool=pool, limit=limit, spent=spent, remaining=remaining, resets_in_seconds=resets_in_seconds
    )
    return render_to_string("budget/_line.html", {"budget": budget, "oob": oob})
