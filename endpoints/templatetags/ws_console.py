"""`{% ws_console channel %}`: the WebSocket console on a channel page."""

from django import template

from endpoints.console.context import console_context

register = template.Library()


@register.inclusion_tag("reference/_console.html")
def ws_console(channel) -> dict:
    """Render the console for one channel."""
    return console_context(channel)
