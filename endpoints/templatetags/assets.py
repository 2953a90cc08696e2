"""`{% inline_stylesheets "css/site.css" ... %}`: the site's CSS inside the page itself.

The stylesheets are small (about 9 KB gzipped together) and every full page needs
all of them before it can paint; as separate files they cost a render-blocking
round trip on a cold cache. htmx-boosted navigation swaps only <main>, so the
inlined CSS is sent once per full page load, not once per page viewed.
"""

from functools import lru_cache

from django import template
from django.conf import settings
from django.contrib.staticfiles import finders
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


def _read(path: str) -> str:
    found = finders.find(path)
    if not found:
        raise template.TemplateSyntaxError(f"inline_stylesheets: no static file named {path!r}")
    with open(found, encoding="utf-8") as handle:
        return handle.read()


@lru_cache(maxsize=8)
def _cached(paths: tuple[str, ...]) -> str:
    return "\n".join(_read(path) for path in paths)


@register.simple_tag
def inline_stylesheets(*paths: str) -> SafeString:
    """Return one <style> element holding the named static stylesheets, read once per process."""
    css = "\n".join(_read(path) for path in paths) if settings.DEBUG else _cached(paths)
    # Our own files; escaping "</" (CSS reads "\/" as "/") means none can end the element early.
    return mark_safe("<style>" + css.replace("</", "<\\/") + "</style>")  # noqa: S308
