"""`{% canonical_link %}`: the page's one address, for search engines and agents that meet it elsewhere."""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag(takes_context=True)
def canonical_link(context, item=None) -> str:
    """A canonical <link> to `item`'s page, or to this path without its query string."""
    request = context.get("request")
    if request is None:
        return ""
    path = item.get_absolute_url() if item is not None else request.path
    return format_html('<link rel="canonical" href="{}">', request.build_absolute_uri(path))
