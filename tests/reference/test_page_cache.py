"""Whole pages for anonymous readers from the cache: the same page, a live token, nothing of anyone stored."""

import dataclasses
import gzip
import re
import uuid
import zlib

import pytest
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.test import Client, RequestFactory

from endpoints.budget.ledger import budget_spend
from endpoints.models import Endpoint
from endpoints.notes.services import note_create
from endpoints.reference import page_cache
from endpoints.sync import catalogue_sync

ADD_ORDER = "/reference/spot/order/add-order"
TICKER_PAGE = "/reference/spot/market/get-ticker"
TICKER_SEND = "/try-it/send/spot/market/get-ticker"
CHANNEL = "/reference/websocket/spot-public/ticker"
TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value="|"X-CSRFToken": ")([A-Za-z0-9]{64}|[A-Za-z0-9]{32})')
DOMAINS = ("spot", "futures", "broker")


@pytest.fixture(autouse=True)
def own_page_keys(monkeypatch):
    """Each test starts with no page stored, without emptying a cache other test runs may share."""
    monkeypatch.setattr(page_cache, "KEY_PREFIX", f"whole-page-{uuid.uuid4().hex}:")


@pytest.fixture
def to_sandbox(settings, sandbox):
    settings.KUCOIN_BASE_URLS = {domain: sandbox.domain_url(domain) for domain in DOMAINS}
    sandbox.reset_rate_limits()
    return sandbox


def tokens(html: str) -> list[str]:
    return [found[1] for found in TOKEN.findall(html)]


def without_tokens(html: str) -> str:
    return TOKEN.sub(r"\1(token)", html)


def rendered(response) -> bool:
    """Whether the view rendered templates for this answer (the test client records every render)."""
    return bool(response.templates)


def inflate(deflated: bytes) -> str:
    return zlib.decompressobj(-15).decompress(deflated).decode()


def stored_text(path: str, client: Client) -> str:
    """The cached copy of `path` for an anonymous reader, its pieces inflated, holes shown as markers."""
    request = RequestFactory().get(path)
    request.user = type("Anonymous", (), {"is_authenticated": False})()
    request.htmx = None
    stored = cache.get(page_cache.page_key(request))
    assert stored is not None, "the page was not stored"
    return "".join(
        f"[hole {part.name}]" if isinstance(part, page_cache.Hole) else inflate(part.deflated) for part in stored
    )


@pytest.mark.parametrize("path", [ADD_ORDER, CHANNEL])
def test_a_cached_page_is_byte_for_byte_the_rendered_one_but_for_the_token(settings, catalogue, path):
    """Served from the cache, a page is what the view renders, except the CSRF token, fresh for each reader."""
    first, second = Client().get(path), Client().get(path)
    assert rendered(first) and not rendered(second)  # the second came from the cache
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    uncached = Client().get(path)
    assert rendered(uncached)
    assert without_tokens(second.content.decode()) == without_tokens(uncached.content.decode())
    assert tokens(first.content.decode()) and tokens(first.content.decode())[0] != tokens(second.content.decode())[0]


def test_a_gzip_answer_inflates_to_the_same_page(catalogue):
    plain = Client().get(ADD_ORDER).content.decode()
    zipped = Client().get(ADD_ORDER, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert zipped["Content-Encoding"] == "gzip" and "Accept-Encoding" in zipped["Vary"]
    assert without_tokens(gzip.decompress(zipped.content).decode()) == without_tokens(plain)


def test_the_token_in_a_cached_page_matches_the_readers_cookie_and_no_session_is_made(catalogue):
    """The token is bound to the csrftoken cookie (set now), never to a session: a GET creates none."""
    reader = Client()
    reader.get(ADD_ORDER)
    html = reader.get(ADD_ORDER).content.decode()
    assert not rendered(reader.get(ADD_ORDER))
    assert "csrftoken" in reader.cookies and "sessionid" not in reader.cookies
    assert Session.objects.count() == 0
    assert len(set(tokens(html))) == 1 and len(tokens(html)) == 2  # the form's field and htmx's header
    # Unmasked: the page sends its holes uncompressed, so there is nothing for a mask to hide (BREACH).
    assert tokens(html)[0] == reader.cookies["csrftoken"].value


def test_a_no_js_try_it_post_from_a_cached_page_is_accepted(catalogue, to_sandbox):
    """CSRF is enforced as ever, and the token a cached page carries passes it."""
    reader = Client(enforce_csrf_checks=True)
    Client().get(TICKER_PAGE)  # someone else's visit fills the cache
    page = reader.get(TICKER_PAGE)
    assert not rendered(page)
    token = tokens(page.content.decode())[0]
    sent = reader.post(TICKER_SEND, {"csrfmiddlewaretoken": token, "p_symbol": "BTC-USDT"})
    assert sent.status_code == 200 and "code 200000" in sent.content.decode()


def test_a_post_without_the_token_is_a_clear_403(catalogue, to_sandbox):
    reader = Client(enforce_csrf_checks=True)
    reader.get(TICKER_PAGE)
    refused = reader.post(TICKER_SEND, {"p_symbol": "BTC-USDT"})
    assert refused.status_code == 403 and "CSRF verification failed" in refused.content.decode()


def test_what_is_stored_holds_no_token_cookie_session_or_user(catalogue):
    member = User.objects.create_user("ada-lovelace-member", password="pw-not-used-1")
    signed_in = Client()
    signed_in.force_login(member)
    signed_in.get(ADD_ORDER)
    reader = Client()
    html = reader.get(ADD_ORDER).content.decode()
    text = stored_text(ADD_ORDER, reader)
    session = signed_in.cookies["sessionid"].value
    secrets = [reader.cookies["csrftoken"].value, *tokens(html), session, "ada-lovelace-member"]
    assert not [secret for secret in secrets if secret in text]
    assert text.count("[hole csrf]") == 2 and text.count("[hole budget]") == 1


def test_a_signed_in_member_gets_their_own_page_not_the_anonymous_one(catalogue):
    Client().get(ADD_ORDER)  # the anonymous copy is in the cache
    member = User.objects.create_user("grace", password="pw-not-used-2")
    signed_in = Client()
    signed_in.force_login(member)
    html = signed_in.get(ADD_ORDER).content.decode()
    assert "Sign out" in html and "grace" in html and 'class="note-form"' in html
    anonymous = Client().get(ADD_ORDER).content.decode()
    assert "Sign out" not in anonymous and "grace" not in anonymous and "to write a note" in anonymous


def test_a_share_link_with_a_query_is_never_stored(catalogue):
    """Its query may hold a secret parameter's value; such pages are rendered for each request."""
    first = Client().get(TICKER_PAGE + "?p_symbol=ETH-USDT")
    second = Client().get(TICKER_PAGE + "?p_symbol=ETH-USDT")
    assert rendered(first) and rendered(second) and 'value="ETH-USDT"' in second.content.decode()


def test_boosted_navigation_gets_its_own_cached_fragment(catalogue):
    headers = {"HX-Request": "true", "HX-Target": "main"}
    Client().get(ADD_ORDER)
    first, second = Client().get(ADD_ORDER, headers=headers), Client().get(ADD_ORDER, headers=headers)
    assert rendered(first) and not rendered(second)
    html = second.content.decode()
    assert html.startswith("<title>") and "<html" not in html and "HX-Target" in second["Vary"]


def test_a_sync_that_changes_the_catalogue_shows_at_once(catalogue, sdk_catalogue):
    Client().get(ADD_ORDER)
    renamed = [dataclasses.replace(e, summary="Add Order, now renamed") if e.slug == "spot/order/add-order" else e
               for e in sdk_catalogue.endpoints]  # fmt: skip
    catalogue_sync(dataclasses.replace(sdk_catalogue, endpoints=renamed))
    after = Client().get(ADD_ORDER)
    assert rendered(after) and "Add Order, now renamed" in after.content.decode()


def test_a_new_note_shows_to_anonymous_readers_at_once(catalogue):
    Client().get(ADD_ORDER)
    member = User.objects.create_user("lin", password="pw-not-used-3")
    note_create(
        user=member, text="Use clientOid to retry safely.", endpoint=Endpoint.objects.get(slug="spot/order/add-order")
    )
    assert "Use clientOid to retry safely." in Client().get(ADD_ORDER).content.decode()


def test_a_new_release_renders_the_page_again(catalogue, monkeypatch):
    Client().get(ADD_ORDER)
    assert not rendered(Client().get(ADD_ORDER))
    monkeypatch.setattr(page_cache, "code_version", lambda: "another-release")
    assert rendered(Client().get(ADD_ORDER))


def test_the_budget_line_of_a_cached_page_counts_down(catalogue, settings):
    Client().get(TICKER_PAGE)
    upstream = settings.KUCOIN_BASE_URLS["spot"].rstrip("/")
    budget_spend(upstream=upstream, pool="Public", weight=5)
    html = Client().get(TICKER_PAGE).content.decode()
    line = re.search(r'<p class="team-budget[^\n]*', html).group(0)
    assert "Public pool" in line and '<strong data-remaining="1995">1995</strong> of 2000 left' in line


def test_an_unchanged_page_is_a_304_for_the_same_reader_only(catalogue):
    reader = Client()
    etag = reader.get(ADD_ORDER)["ETag"]
    again = reader.get(ADD_ORDER, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again["ETag"] == etag
    other = Client().get(ADD_ORDER, headers={"If-None-Match": etag})  # another cookie, another token inside
    assert other.status_code == 200 and other["ETag"] != etag


def test_answers_from_the_cache_are_private_and_vary_on_the_cookie(catalogue):
    response = Client().get(ADD_ORDER)
    assert "private" in response["Cache-Control"] and "no-cache" in response["Cache-Control"]
    assert {"Cookie", "HX-Request", "HX-Target"} <= {v.strip() for v in response["Vary"].split(",")}
