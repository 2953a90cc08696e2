"""The site's CSS and scripts: what the first paint needs inside the page, the rest after it.

`{% inline_stylesheets "css/site.css" ... %}` puts the first screen's CSS inside the
page: as a separate file it would cost a render-blocking round trip on a cold cache.
htmx-boosted navigation swaps only <main>, so it is sent once per full page load.

`{% late_assets %}` names the rest for static/js/late.js, which adds them after the
first frame: the styles of parts that are off screen or behind a tab at first, and
every script (htmx included). A fresh browser then spends its first frame on the
reference alone. <noscript> links bring the same styles to a reader without JavaScript.
"""

from functools import lru_cache

from django import template
from django.conf import settings
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.utils.html import format_html, format_html_join
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


# The console is on screen on a channel page, so its styles stay inline.
LATE_STYLESHEETS = ("css/try-it.css", "css/team.css")
# In order: htmx first, then the scripts that listen to its events.
LATE_SCRIPTS = (
    "django_htmx/htmx-2.min.js",
    "js/site.js",
    "js/kucoin-signer.js",
    "js/kucoin-relay.js",
    "js/try-it.js",
    "js/ws-console.js",
    "js/ws-console-log.js",
    "js/ws-console-unified.js",
)


@register.simple_tag
def late_assets() -> SafeString:
    """The <noscript> stylesheets and the one deferred loader script that brings the rest after the first frame."""
    sheets = [static(path) for path in LATE_STYLESHEETS]
    noscript = format_html_join("", '<link rel="stylesheet" href="{}">', ((href,) for href in sheets))
    loader = format_html(
        '<script src="{}" defer data-styles="{}" data-scripts="{}"></script>',
        static("js/late.js"), " ".join(sheets), " ".join(static(path) for path in LATE_SCRIPTS),
    )  # fmt: skip
    return format_html("<noscript>{}</noscript>\n  {}", noscript, loader)
