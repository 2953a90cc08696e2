"""Search the catalogue, read one endpoint or channel, list the SDK's services: as the site does."""

from __future__ import annotations

from typing import Any

from endpoints import selectors
from endpoints.models import Channel, Endpoint
from endpoints.reference import pages
from endpoints.reference.forms import SearchForm
from endpoints.reference.markdown import channel_markdown, endpoint_markdown
from endpoints.reference.search import Hit, catalogue_search

from .answers import MAX_LIST_ITEMS, Answer, BadInput, answer_cached, site_url, text_bounded
from .references import item_find, links_of, reference_of

# KuCoin's eight per-endpoint fields, under the keys the pages and pages.metadata_fields use.
METADATA_KEYS = (
    "domain",
    "api_channel",
    "api_permission",
    "rate_limit_pool",
    "rate_limit_weight",
    "sdk_service",
    "sdk_sub_service",
    "sdk_method_name",
)


def hits_find(*, query: str, filters: dict[str, Any], limit: int) -> Answer:
    """Search endpoints and channels with the site's engine, ranking and filters."""
    form = SearchForm({name: _form_value(value) for name, value in filters.items() if value is not None})
    problems = [
        f"{name}: {' '.join(errors).rstrip('.')}" for name, errors in form.errors.items() if name in SearchForm.FILTERS
    ]
    if problems:
        services = ", ".join(selectors.sdk_services())
        raise BadInput("Filters not understood: " + "; ".join(problems) + f". Services are: {services}.")
    chosen = form.filters()
    if not query.strip() and not chosen:
        raise BadInput("Give a query (words, a path like hf/orders, a method name) or at least one filter.")
    outcome = catalogue_search(query, chosen)
    hits = [_hit_data(hit) for hit in outcome.hits[:limit]]
    # Nothing matched what was typed: say which corrected words were searched instead, as the page does.
    corrected = outcome.query.text if outcome.revised_from else None
    data = {"query": query, "corrected_to": corrected, "filters": chosen, "total": len(outcome.hits), "results": hits}
    text = _hits_text(query, hits, len(outcome.hits))
    if corrected is not None:
        text = f"Nothing matched “{query}”; showing results for “{corrected}”.\n{text}"
    return Answer(text, data)


def _form_value(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _hit_data(hit: Hit) -> dict[str, Any]:
    item = hit.item
    data = {"kind": hit.kind, "reference": reference_of(item), "title": item.summary}
    if hit.is_endpoint:
        data |= {"method": item.method, "path": item.path, "domain": item.domain, "deprecated": item.deprecated}
    else:
        data |= {"topic": item.topic, "api_channel": item.api_channel}
    data |= {
        "sdk_service": item.sdk_service,
        "sdk_sub_service": item.sdk_sub_service,
        "sdk_method_name": item.sdk_method_name,
        "exact": hit.exact,
        **links_of(item),
    }
    return data


def _hits_text(query: str, hits: list[dict], total: int) -> str:
    if not hits:
        return f"Nothing in the catalogue matches “{query}” with these filters."
    lines = [f"{total} match{'es' if total != 1 else ''}; the first {len(hits)}:"]
    for number, hit in enumerate(hits, start=1):
        where = (
            f"`{hit['method']} {hit['path']}` on the {hit['domain']} host"
            if "path" in hit
            else (f"WebSocket topic `{hit['topic']}`")
        )
        sdk = f"{hit['sdk_service']}.{hit['sdk_sub_service']}.{hit['sdk_method_name']}"
        lines.append(f"{number}. **{hit['title']}**: {where} (SDK {sdk}); reference `{hit['reference']}`")
    return "\n".join(lines)


def reference_get(*, reference: str) -> Answer:
    """One endpoint or channel: its Markdown twin, plus its metadata and parameters as data."""
    item = item_find(reference=reference)
    links = links_of(item)
    if isinstance(item, Channel):
        markdown, data = channel_markdown(item, base_url=site_url()), _channel_data(item)
    else:
        markdown, data = endpoint_markdown(item, base_url=site_url()), _endpoint_data(item)
    data = {"reference": reference_of(item), "title": item.summary, **data, **links, "retired": item.is_retired}
    return Answer(text_bounded(text=markdown, more_at=links["markdown_url"]), data)


def _endpoint_data(endpoint: Endpoint) -> dict[str, Any]:
    published = endpoint.metadata_published
    unpublished = {"api_channel", "api_permission", "rate_limit_pool", "rate_limit_weight"}
    metadata = {key: getattr(endpoint, key) for key in METADATA_KEYS}
    if not published:  # unified-account routes: KuCoin publishes no channel, permission, pool or weight
        metadata |= dict.fromkeys(unpublished)
    elif not metadata["api_permission"]:
        metadata["api_permission"] = "none"  # as the page says: no permission is needed
    parameters = [
        {
            "name": p.name,
            "in": p.location,
            "type": p.type,
            "required": p.required,
            "enum": p.enum_values or [],
            "default": p.default,
            "description": p.description,
        }
        for p in endpoint.parameters.all()
    ]
    return {
        "kind": "endpoint",
        "method": endpoint.method,
        "path": endpoint.path,
        "url_on_kucoin": pages.public_url(endpoint),
        "metadata": metadata,
        "metadata_published": published,
        "deprecated": endpoint.deprecated,
        "parameters": parameters,
        "json_body": endpoint.json_body,
    }


def _channel_data(channel: Channel) -> dict[str, Any]:
    metadata = {key: getattr(channel, key, None) for key in METADATA_KEYS}
    metadata["domain"] = pages.channel_domain(channel)
    return {
        "kind": "channel",
        "topic": channel.topic,
        "metadata": metadata,
        "topic_args": channel.topic_args,
        "push_frequency": channel.push_frequency,
        "protocol": channel.protocol,
        "connection": pages.channel_connection(channel),
        # The subscribe frame, or for a trading-connection request the request frame.
        "frame": pages.subscribe_message(channel),
    }


def services_list() -> Answer:
    """Every SDK service with its sub-services and how many endpoints or channels each holds."""
    return answer_cached(name="services", build=_services_build)


def _services_build() -> Answer:
    rest: dict[str, dict] = {}
    for group in selectors.catalogue_tree():
        for service in group.services:
            entry = rest.setdefault(service.name, {"service": service.name, "domains": [], "sub_services": {}})
            entry["domains"].append(group.domain)
            for sub in service.sub_services:
                entry["sub_services"][sub.name] = entry["sub_services"].get(sub.name, 0) + sub.count
    websocket: dict[str, dict] = {}
    for channel in selectors.channel_list().only("sdk_service", "sdk_sub_service"):
        subs = websocket.setdefault(channel.sdk_service, {"service": channel.sdk_service, "sub_services": {}})
        subs["sub_services"][channel.sdk_sub_service] = subs["sub_services"].get(channel.sdk_sub_service, 0) + 1
    data = {"rest": _counted(rest, "endpoints"), "websocket": _counted(websocket, "channels")}
    return Answer(_services_text(data), data)


def _counted(services: dict[str, dict], noun: str) -> list[dict]:
    listed = []
    for entry in sorted(services.values(), key=lambda e: e["service"]):
        subs = [{"name": name, noun: count} for name, count in sorted(entry["sub_services"].items())]
        listed.append({**entry, "sub_services": subs[:MAX_LIST_ITEMS], noun: sum(s[noun] for s in subs)})
    return listed


def _services_text(data: dict) -> str:
    lines = ["REST (SDK service: sub-services with endpoint counts):"]
    for entry in data["rest"]:
        subs = ", ".join(f"{s['name']} {s['endpoints']}" for s in entry["sub_services"])
        lines.append(f"- **{entry['service']}** ({'/'.join(entry['domains'])} host): {subs}")
    lines.append("\nWebSocket (service: sub-services with channel counts):")
    for entry in data["websocket"]:
        subs = ", ".join(f"{s['name']} {s['channels']}" for s in entry["sub_services"])
        lines.append(f"- **{entry['service']}**: {subs}")
    return "\n".join(lines)
