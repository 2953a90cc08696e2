"""`{% try_it_panel endpoint %}`: the try-it form and code samples on an endpoint page."""

from django import template

register = template.Library()


@register.inclusion_tag("try_it/_panel.html", takes_context=True)
def try_it_panel(context, endpoint):
    return {"endpoint": endpoint, "request": context.get("request")}
