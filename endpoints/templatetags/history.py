"""The short change history of endpoint and channel pages."""

from django import template

from endpoints import selectors

register = template.Library()

HISTORY_LENGTH = 5


@register.inclusion_tag("history/_item_history.html")
def change_history(item):
    """List the item's latest recorded changes, newest first, each linked to its sync."""
    return {"changes": selectors.change_list_for(item=item, limit=HISTORY_LENGTH), "item": item}
