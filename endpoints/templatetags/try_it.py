"""`{% try_it_panel endpoint %}`: the try-it form and signed code samples on an endpoint page."""

from django import template

from endpoints.try_it.panel import initial_data, panel_context

register = template.Library()


@register.inclusion_tag("try_it/_panel.html", takes_context=True)
def try_it_panel(context, endpoint):
    """Render the panel, prefilled from a share link's parameters or the endpoint's examples."""
    request = context.get("request")
    query = request.GET if request is not None else {}
    panel = panel_context(request, endpoint, data=initial_data(endpoint, query))
    panel["csrf_token"] = context.get("csrf_token")
    return panel
