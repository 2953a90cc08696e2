"""The try-it panel's line on the team's remaining budget in the endpoint's pool."""

from django import template

from endpoints.budget.calls import endpoint_budget

register = template.Library()


@register.inclusion_tag("budget/_line.html")
def team_budget(endpoint, oob: bool = False):
    """Render the endpoint's pool figures; `oob` makes htmx replace the panel's line after a send."""
    return {"budget": endpoint_budget(endpoint=endpoint), "oob": oob}
