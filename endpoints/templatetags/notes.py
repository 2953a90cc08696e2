"""The team-notes section of endpoint and channel pages."""

from django import template

from endpoints.notes.sections import notes_context

register = template.Library()


@register.inclusion_tag("notes/_notes.html", takes_context=True)
def notes_section(context, item):
    """Render the item's notes with edit and delete where the reader may, and the form when signed in."""
    return notes_context(context["request"], item)
