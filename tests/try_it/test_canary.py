"""The canary check itself can fail: it finds a secret in a table, in the cache and in the sandbox's log."""

import requests
from django.core.cache import cache

from endpoints.models import Endpoint, Note
from tests.conftest import SANDBOX_CANARY_SECRET
from tests.try_it.conftest import TYPED_SECRET_CANARY, cached_text, tables_containing


def test_canary_in_a_table_is_found(catalogue):
    """A row holding the canary is reported by table name (then removed so this test passes)."""
    note = Note.objects.create(endpoint=Endpoint.objects.first(), text=f"oops {SANDBOX_CANARY_SECRET}")
    assert "endpoints_note" in tables_containing([SANDBOX_CANARY_SECRET])
    note.delete()
    assert tables_containing([SANDBOX_CANARY_SECRET]) == []


def test_canary_in_the_cache_is_found():
    """A cached value holding the canary is seen (then removed so this test passes)."""
    cache.set("canary-probe", f"x{SANDBOX_CANARY_SECRET}x")
    assert SANDBOX_CANARY_SECRET in cached_text()
    cache.delete("canary-probe")
    assert SANDBOX_CANARY_SECRET not in cached_text()


def test_canary_in_the_sandbox_log_is_seen_and_a_secret_query_value_is_masked_there(request, upstream):
    """The sandbox logs a plain query value as sent (the check sees it), but a secret-named one only masked."""
    requests.get(f"{upstream.url}/api/v1/timestamp?note={TYPED_SECRET_CANARY}", timeout=5)
    assert any(TYPED_SECRET_CANARY in line for line in request.node.sandbox_log)
    request.node.sandbox_log.clear()
    requests.get(f"{upstream.url}/api/v1/timestamp?subPassword={TYPED_SECRET_CANARY}&apiKey=k", timeout=5)
    assert request.node.sandbox_log == ["GET /api/v1/timestamp?subPassword=••••••••&apiKey=•••••••• -> 200 200000"]
