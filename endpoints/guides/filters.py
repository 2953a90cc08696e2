"""Filters the guide files may use: this module is the guide engine's builtin library."""

from django import template

register = template.Library()


@register.filter
def cell(text) -> str:
    """Fit free text into one Markdown table cell: one line, pipes escaped."""
    return " ".join(str(text or "").split()).replace("|", "\\|")
