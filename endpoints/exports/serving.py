"""Serve an export: build it once per catalogue version, cache it, answer conditional GETs.

The version of an export is the catalogue version (`selectors.catalogue_version()`,
which changes with every sync that changes anything) plus the version of the code,
templates and guides that render it (`code_version()`, which changes with a
deploy). It is stored with the cached bytes and is part of the ETag, so a sync or a
release invalidates both without anyone clearing a cache. The Django cache is in-process
by default and Redis in team deployments (CACHE_URL), where every worker shares
one built copy.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag

from endpoints import selectors
from endpoints.release import code_modified, code_version

# One entry per export holds the newest version only: a sync replaces it rather than
# leaving old copies in Redis; the timeout just frees unused exports.
CACHE_SECONDS = 7 * 24 * 3600
# Exports are built for this stand-in origin, and the origin of each request is written in on
# the way out, so the cache holds one copy per export whatever Host header clients send (Django
# checks the host against ALLOWED_HOSTS, but accepts any port). An origin Django has validated
# holds only letters, digits, dots, dashes, colons and brackets: nothing JSON, YAML or Markdown
# would escape, so the stand-in's text can be replaced byte for byte.
SITE_PLACEHOLDER = "https://kucoin-explorer-origin.invalid"

Builder = Callable[[str], bytes]


def site_url(request: HttpRequest) -> str:
    """This site's absolute root without the trailing slash, for the links inside exports."""
    return request.build_absolute_uri("/").rstrip("/")


def export_version(*, with_notes: bool = False) -> str:
    # Team notes travel inside the Markdown twins of llms-full.txt: there a new note is a new version.
    notes = f"|{selectors.notes_stamp()}" if with_notes else ""
    return f"{selectors.catalogue_version()}|{code_version()}{notes}"


def export_bytes(name: str, build: Builder, *, site: str, version: str | None = None) -> bytes:
    """The export `name` for this site and version; the site-independent copy is built on the first request only."""
    version = version or export_version()
    key = "exports:" + hashlib.sha256(name.encode()).hexdigest()[:32]
    cached = cache.get(key)
    if cached is not None and cached[0] == version:
        document = cached[1]
    else:
        document = build(SITE_PLACEHOLDER)
        cache.set(key, (version, document), CACHE_SECONDS)
    return document.replace(SITE_PLACEHOLDER.encode(), site.encode())


def export_response(
    request: HttpRequest, *, name: str, content_type: str, build: Builder, cached: bool = True, with_notes: bool = False
) -> HttpResponse:
    """A response with ETag and Last-Modified; 304 when the client already has this version."""
    site = site_url(request)
    version = export_version(with_notes=with_notes)
    etag = quote_etag(hashlib.sha256(f"{name}|{version}|{site}".encode()).hexdigest()[:20])
    sync = selectors.latest_sync()
    last_modified = max(int(sync.finished_at.timestamp()), code_modified()) if sync else None
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        body = export_bytes(name, build, site=site, version=version) if cached else build(site)
        response = HttpResponse(body, content_type=content_type)
    response.headers["ETag"] = etag
    if last_modified is not None:
        response.headers["Last-Modified"] = http_date(last_modified)
    # Revalidate every time: a 304 costs a few queries, and a sync is seen at once.
    patch_cache_control(response, public=True, no_cache=True)
    # Public documents: let Swagger UI, Scalar or Postman on another origin load them by URL.
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response
