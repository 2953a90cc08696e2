"""Whole endpoint and channel pages for anonymous readers, rendered once and served from the shared cache.

For a reader who is not signed in, a page is the same every time except for two things:
the CSRF token (in the try-it form and htmx's X-CSRFToken header) and the team's budget
line (it counts down). The page is rendered once per page version (catalogue and notes),
code version, origin, path and htmx variant with a hole in place of each of those; each
request fills the holes. So the no-JavaScript form keeps a real token, the reader's own CSRF
secret from their csrftoken cookie, and CSRF checks stay exactly Django's.

What is stored holds nothing of any reader: no token, no session, no user. Signed-in
members, share links with a query (it may carry a secret parameter) and unusual htmx
requests are rendered as before and never stored.

The text between holes is stored deflated, each piece on its own with a full flush, so a
gzip answer is the stored pieces with each hole's value between them as an uncompressed
stored block: no per-request compression of the page, and a token is never compressed with
page text (BREACH).
"""

from __future__ import annotations

import hashlib
import re
import struct
import zlib
from dataclasses import dataclass
from functools import lru_cache, wraps

from django.conf import settings
from django.core.cache import cache
from django.core.signals import setting_changed
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.middleware.csrf import rotate_token
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.crypto import salted_hmac
from django.utils.http import parse_etags

from endpoints import selectors
from endpoints.release import code_version

from .responses import MAIN_TARGET

CACHE_SECONDS = 24 * 3600
KEY_PREFIX = "whole-page:"
RENDERED_SETTINGS = ("KUCOIN_", "TRY_IT_", "EXPLORER_", "REQUIRE_LOGIN", "DEBUG")
CSRF_HOLE = "csrf"
_RENDERING_ATTRIBUTE = "_page_cache_holes"
_GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"
_ZEROS = bytes(1 << 20)


@dataclass(frozen=True)
class Piece:
    """Stored text between holes: deflated alone, its CRC-32 and length, and the CRC-32 of as many zero bytes."""

    deflated: bytes
    crc: int
    length: int
    zeros_crc: int


@dataclass(frozen=True)
class Hole:
    name: str
    arguments: tuple


def _marker_secret() -> str:
    """Letters no catalogue text can be expected to hold, the same on every app server of one deployment.

    Letters and digits only, so a marker reads the same after HTML escaping (a token sits in attributes).
    """
    return salted_hmac("endpoints.reference.page_cache", "hole", algorithm="sha256").hexdigest()[:20]


def hole(request: HttpRequest | None, name: str, *arguments) -> str | None:
    """In a render for the cache, a marker that each request fills with `name`'s filler; otherwise None."""
    holes = getattr(request, _RENDERING_ATTRIBUTE, None)
    if holes is None:
        return None
    holes.append(Hole(name, tuple(arguments)))
    return f"{_marker_secret()}h{len(holes) - 1}h"


def cached_for_anonymous(view):
    """Serve `view`'s page from the cache for readers it is the same for; render and store it on a miss."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        key = page_key(request)
        if key is None:
            return view(request, *args, **kwargs)
        stored = cache.get(key)
        if stored is None:
            response = render_for_cache(request, view, args, kwargs)
            if not isinstance(response, list):
                return response
            stored = response
            cache.set(key, stored, CACHE_SECONDS)
        return serve(request, key, stored)

    return wrapper


def page_key(request: HttpRequest) -> str | None:
    """The cache key of the page this request asks for, or None when its answer must not be shared."""
    if request.GET or request.user.is_authenticated:
        return None
    variant = _htmx_variant(request)
    if variant is None:
        return None
    return whole_page_key(request, variant)


def whole_page_key(request: HttpRequest, *parts: str) -> str:
    """A key for one page: the page and code versions, shown settings, origin and path, then `parts`."""
    named = [selectors.page_version(), code_version(), _settings_version(), request.scheme, request.get_host()]
    named += [request.path, *parts]
    return KEY_PREFIX + hashlib.sha256("\0".join(named).encode()).hexdigest()


@lru_cache(maxsize=1)
def _settings_version() -> str:
    """The settings a page shows (where try-it sends, its limits, the sandbox or KuCoin): one token per process."""
    shown = {name: getattr(settings, name) for name in dir(settings) if name.startswith(RENDERED_SETTINGS)}
    return hashlib.sha256(repr(sorted(shown.items())).encode()).hexdigest()[:16]


def _forget_settings_version(**kwargs) -> None:
    _settings_version.cache_clear()


setting_changed.connect(_forget_settings_version)  # tests change settings while the process runs


def _htmx_variant(request: HttpRequest) -> str | None:
    """ "page" for a plain request, "main" for a boosted one; None for any other htmx request (not cached)."""
    htmx = getattr(request, "htmx", None)
    if not htmx:
        return "page"
    if htmx.target == MAIN_TARGET and not htmx.history_restore_request:
        return "main"
    return None


def render_for_cache(request, view, args, kwargs, *, keep=None) -> list[Piece | Hole] | HttpResponse:
    """Render the page with markers in place of every per-request value, cut into stored pieces.

    `keep`, if given, is asked with the view's context whether the page may be stored; if not,
    the view's answer is returned as it is, to be rendered as usual.
    """
    marked = render_marked(request, view, args, kwargs, keep=keep)
    return marked if isinstance(marked, HttpResponse) else cut(*marked)


def render_marked(request, view, args, kwargs, *, keep=None) -> tuple[str, list[Hole]] | HttpResponse:
    """`render_for_cache` before the cut: the page's text with its markers, and the holes they stand for."""
    holes: list[Hole] = []
    setattr(request, _RENDERING_ATTRIBUTE, holes)
    try:
        response = view(request, *args, **kwargs)
        if not isinstance(response, TemplateResponse) or response.status_code != 200:
            return response
        if keep is not None and not keep(response.context_data or {}):
            return response
        response.context_data = {**(response.context_data or {}), "csrf_token": hole(request, CSRF_HOLE)}
        text = response.render().content.decode()
    finally:
        delattr(request, _RENDERING_ATTRIBUTE)
    return text, holes


def cut(text: str, holes: list[Hole], *, ending: bool = True) -> list[Piece | Hole]:
    """Text, hole, text, ... hole, text: the page as it is stored (it always ends with text).

    Not `ending`: the last piece does not end the deflate stream, so more pieces may follow it.
    """
    split = re.compile(f"{_marker_secret()}h(\\d+)h").split(text)
    last = len(split) - 1
    return [
        holes[int(part)] if index % 2 else _piece(part.encode(), last=ending and index == last)
        for index, part in enumerate(split)
    ]


def _piece(data: bytes, *, last: bool) -> Piece:
    """`data` deflated on its own: a full flush (byte-aligned, no window shared), or the stream's end if `last`."""
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    deflated = compressor.compress(data) + compressor.flush(zlib.Z_FINISH if last else zlib.Z_FULL_FLUSH)
    return Piece(deflated, zlib.crc32(data), len(data), _crc_of_zeros(len(data), 0))


def _stored_blocks(data: bytes) -> bytes:
    """`data` as deflate stored blocks (RFC 1951 3.2.4): not compressed at all, so it costs nothing and
    leaks nothing through the compressed size. Each block starts byte-aligned, as the stored pieces end."""
    blocks = []
    for start in range(0, len(data), 0xFFFF):
        chunk = data[start : start + 0xFFFF]
        blocks.append(struct.pack("<BHH", 0, len(chunk), len(chunk) ^ 0xFFFF) + chunk)
    return b"".join(blocks)


def _crc_of_zeros(length: int, start: int) -> int:
    zeros = memoryview(_ZEROS)[:length] if length <= len(_ZEROS) else bytes(length)
    return zlib.crc32(zeros, start)


def _fill(stored_hole: Hole, token: str) -> bytes:
    if stored_hole.name == CSRF_HOLE:
        return token.encode()
    return FILLERS[stored_hole.name](*stored_hole.arguments).encode()


def _budget_line(domain: str, rate_limit_pool: str, rate_limit_weight) -> str:
    from endpoints.templatetags.budget import budget_line_html

    return budget_line_html(domain=domain, rate_limit_pool=rate_limit_pool, rate_limit_weight=rate_limit_weight)


# What fills each kind of hole, per request. The CSRF token is filled by _form_token().
FILLERS = {"budget": _budget_line}


def serve(request: HttpRequest, key: str, stored: list[Piece | Hole]) -> HttpResponse:
    """The stored page with this request's holes filled, gzipped if the reader takes gzip; 304 if unchanged."""
    token = _form_token(request)
    etag = f'W/"{hashlib.sha256((key + request.META["CSRF_COOKIE"]).encode()).hexdigest()[:32]}"'
    if _matches(request, etag):
        response: HttpResponse = HttpResponseNotModified()
    else:
        fills = [_fill(part, token) if isinstance(part, Hole) else None for part in stored]
        if _accepts_gzip(request):
            response = HttpResponse(_gzipped(stored, fills), content_type="text/html; charset=utf-8")
            response["Content-Encoding"] = "gzip"
        else:
            response = HttpResponse(_plain(stored, fills), content_type="text/html; charset=utf-8")
    response["ETag"] = etag
    # The body carries this reader's token: browsers may keep it, shared caches must not, and every use asks first.
    patch_cache_control(response, private=True, no_cache=True)
    patch_vary_headers(response, ("Cookie", "Accept-Encoding", "HX-Request", "HX-Target"))
    return response


def _form_token(request: HttpRequest) -> str:
    """The reader's CSRF secret, for the form and htmx's header; a new one (and its cookie) if they have none.

    Django accepts the secret itself where it accepts a masked token (since 4.1). Masking is
    there against BREACH, which needs the token compressed together with text an attacker
    chooses; a stored page sends its holes as uncompressed blocks, so a mask would add
    nothing here but one of get_token()'s random strings (about a tenth of a served page).
    """
    if "CSRF_COOKIE" not in request.META:
        rotate_token(request)  # a new secret, and the csrftoken cookie set on the way out
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True  # as get_token(): the cookie is sent again, its expiry renewed
    return request.META["CSRF_COOKIE"]


def _matches(request: HttpRequest, etag: str) -> bool:
    """If-None-Match names this copy (weak comparison, as RFC 9110 asks for GET)."""
    wanted = parse_etags(request.headers.get("If-None-Match", ""))
    return "*" in wanted or etag in wanted or etag[2:] in wanted


def _accepts_gzip(request: HttpRequest) -> bool:
    return bool(re.search(r"\bgzip\b", request.headers.get("Accept-Encoding", "")))


def _plain(stored: list[Piece | Hole], fills: list[bytes | None]) -> bytes:
    out = []
    for part, filled in zip(stored, fills, strict=True):
        out.append(filled if filled is not None else zlib.decompressobj(-15).decompress(part.deflated))
    return b"".join(out)


def _gzipped(stored: list[Piece | Hole], fills: list[bytes | None]) -> bytes:
    """One gzip member: the stored deflate pieces with each fill as stored blocks between them, and the CRC-32.

    CRC-32 is affine in its start value: crc(data, start) = crc(data, 0) ^ crc(zeros, start) ^ crc(zeros, 0)
    for `zeros` as long as `data`, so a stored piece's CRC is carried on without reading its text.
    """
    out, crc, size = [_GZIP_HEADER], 0, 0
    for part, filled in zip(stored, fills, strict=True):
        if filled is None:
            out.append(part.deflated)
            crc = part.crc ^ _crc_of_zeros(part.length, crc) ^ part.zeros_crc
            size += part.length
        else:
            out.append(_stored_blocks(filled))
            crc = zlib.crc32(filled, crc)
            size += len(filled)
    out.append(struct.pack("<II", crc, size & 0xFFFFFFFF))
    return b"".join(out)
