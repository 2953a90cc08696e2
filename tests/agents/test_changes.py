"""What the last syncs changed, read from the log a real second sync of an altered catalogue wrote."""

from dataclasses import replace

import pytest
from mcp import Client

from endpoints.agents.answers import BadInput
from endpoints.agents.changes import changes_list
from endpoints.agents.server import server_build
from endpoints.models import SyncRun
from endpoints.sync import catalogue_sync

from .agent_session import run_async

ADD_ORDER = "POST /api/v1/hf/orders (spot)"
TICKER = "GET /api/v1/market/orderbook/level1 (spot)"
SERVER_TIME = "GET /api/v1/timestamp (spot)"
TICKER_V3 = "GET /api/v3/market/orderbook/level1 (spot)"


def _altered(catalogue):
    """The SDK's catalogue with Add Order's remark required and heavier, Ticker heavier, Server Time gone, one new."""
    endpoints = []
    for record in catalogue.endpoints:
        where = (record.domain, record.method, record.path)
        if where == ("spot", "POST", "/api/v1/hf/orders"):
            params = [replace(p, required=True) if p.name == "remark" else p for p in record.parameters]
            record = replace(record, parameters=params, rate_limit_weight=5)
        elif where == ("spot", "GET", "/api/v1/market/orderbook/level1"):
            endpoints.append(replace(record, path="/api/v3/market/orderbook/level1", summary="Get Ticker V3",
                                     sdk_method_name="getTickerV3"))  # fmt: skip
            record = replace(record, rate_limit_weight=(record.rate_limit_weight or 0) + 1)
        elif where == ("spot", "GET", "/api/v1/timestamp"):
            continue
        endpoints.append(record)
    return replace(catalogue, source="an altered catalogue", sdk_version="", endpoints=endpoints)


@pytest.fixture
def second_sync(catalogue):
    """The catalogue synced again from the altered records, through the real sync."""
    catalogue_sync(_altered(catalogue))


def _by_label(sync: dict) -> dict[str, dict]:
    return {change["label"]: change for change in sync["changes"]}


def test_the_last_sync_says_what_changed_and_what_breaks(second_sync):
    """Added, retired and changed items are listed with their differences; breaking ones marked and first."""
    newest, before = changes_list(syncs=2, breaking_only=False, limit=50).data["syncs"]
    assert newest["source"] == "an altered catalogue"
    assert newest["counts"] | {"unchanged": 0} == {"added": 1, "updated": 2, "retired": 1, "unchanged": 0}
    changes = _by_label(newest)
    assert set(changes) == {ADD_ORDER, TICKER, SERVER_TIME, TICKER_V3}
    assert changes[TICKER_V3]["kind"] == "added" and not changes[TICKER_V3]["breaking"]
    assert changes[SERVER_TIME]["kind"] == "retired" and changes[SERVER_TIME]["breaking"]
    assert changes[SERVER_TIME]["retired_now"]
    details = {d["text"]: d["breaking"] for d in changes[ADD_ORDER]["details"]}
    assert details == {"rate-limit weight: 1 → 5": False, "remark (body) is now required": True}
    assert changes[ADD_ORDER]["reference"] == "spot/order/add-order"
    assert [c["breaking"] for c in newest["changes"]] == [True, True, False, False]
    assert newest["breaking_count"] == 2 and newest["change_count"] == 4
    assert before["first_import"] and before["changes"] == []


def test_the_text_marks_breaking_changes(second_sync):
    """The model reads each breaking change and difference marked as such, with the sync's page."""
    text = changes_list(syncs=1, breaking_only=False, limit=50).text
    assert f"- **Breaking** changed: `{ADD_ORDER}` Add Order (`spot/order/add-order`)" in text
    assert "  - remark (body) is now required (breaking)" in text
    assert "  - rate-limit weight: 1 → 5\n" in text
    assert f"- added: `{TICKER_V3}` Get Ticker V3" in text
    assert "1 added, 2 updated, 1 retired" in text and "2 breaking" in text


def test_breaking_only_and_limit_bound_the_answer(second_sync):
    """breaking_only keeps the breaking changes; limit caps the changes listed in all and says how many were left."""
    breaking = changes_list(syncs=2, breaking_only=True, limit=50).data["syncs"][0]
    assert set(_by_label(breaking)) == {ADD_ORDER, SERVER_TIME}
    capped = changes_list(syncs=2, breaking_only=False, limit=1)
    newest, before = capped.data["syncs"]
    assert len(newest["changes"]) == 1 and newest["left_out"] == 3
    assert before["changes"] == []
    assert "(3 more changes left out here: raise `limit`" in capped.text


@pytest.mark.parametrize(("arguments", "named"), [({"syncs": 0}, "syncs"), ({"syncs": 11}, "syncs"),
                                                  ({"limit": 0}, "limit"), ({"limit": 201}, "limit")])  # fmt: skip
def test_numbers_out_of_bounds_are_refused(catalogue, arguments, named):
    """Asking for no syncs, too many, or no changes is bad input that says what to send."""
    with pytest.raises(BadInput, match=named):
        changes_list(**({"syncs": 3, "breaking_only": False, "limit": 50} | arguments))


def test_no_sync_yet_is_said(catalogue):
    """Before any sync the answer says so and how to run one."""
    SyncRun.objects.all().delete()
    answer = changes_list(syncs=3, breaking_only=False, limit=50)
    assert answer.data["syncs"] == []
    assert "No sync has been recorded yet" in answer.text


async def _ask(calls: list[dict]):
    async with Client(server_build()) as client:
        return [await client.call_tool("list_recent_changes", arguments) for arguments in calls]


def test_an_agent_asks_what_changed(live_catalogue):
    """Through the SDK's client: the last sync's changes as text and data, and bad arguments as error results."""
    catalogue_sync(_altered(live_catalogue))
    answer, too_many, not_a_number = run_async(_ask, [{"syncs": 1, "breaking_only": True}, {"syncs": 50},
                                                      {"limit": "many"}])  # fmt: skip
    assert not answer.is_error
    (newest,) = answer.structured_content["syncs"]
    assert {c["label"]: c["kind"] for c in newest["changes"]} == {ADD_ORDER: "changed", SERVER_TIME: "retired"}
    assert "remark (body) is now required (breaking)" in answer.content[0].text
    assert too_many.is_error and "syncs" in too_many.content[0].text
    assert not_a_number.is_error and "limit" in not_a_number.content[0].text
