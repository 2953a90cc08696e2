"""The canary check itself can fail: it finds a secret in a table and in the cache."""

from django.core.cache import cache

from endpoints.models import Endpoint, Note
from tests.conftest import SANDBOX_CANARY_SECRET
from tests.try_it.conftest import cached_text, tables_containing


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
