"""KuCoin's rules in our words: what an error code means, what a rate-limit pool allows and costs."""

from __future__ import annotations

import re

from endpoints import selectors
from endpoints.guides import context as guide_context
from endpoints.kucoin import error_codes, rate_limits

from .answers import Answer, BadInput, answer_cached, page_url
from .references import reference_of

CODE_PATTERN = re.compile(r"\d{3,8}")
# Columns of rate_limits.VIP_QUOTAS after the VIP level.
VIP_COLUMNS = {"Spot": 1, "Futures": 2, "Management": 3}
FLAT_POOLS = ("Earn", "CopyTrading", "Public")


def error_explain(*, code: str) -> Answer:
    """KuCoin's error code explained as the try-it panel explains it: title, meaning, what to do."""
    code = code.strip()
    if not CODE_PATTERN.fullmatch(code):
        raise BadInput(f"'{code[:40]}' is not a KuCoin error code: send its digits, such as 400005 or 429000.")
    if code == error_codes.SUCCESS:
        return Answer("200000 is KuCoin's success code: the request was accepted.", {"code": code, "success": True})
    explanation = error_codes.explain(code)
    if explanation is None:  # only the success code has none, answered above
        raise BadInput(f"{code} is not an error code.")
    known = code in error_codes.ERROR_CODES
    data = {
        "code": code,
        "success": False,
        "known": known,
        "title": explanation.title,
        "meaning": explanation.meaning,
        "fix": explanation.fix,
    }
    prefix = "" if known else "(Not one of the codes we list; this is the general reading.)\n"
    text = f"{prefix}**{code}: {explanation.title}**\n\n{explanation.meaning}\n\nWhat to do: {explanation.fix}"
    return Answer(text, data)


def pool_describe(*, pool: str, limit: int) -> Answer:
    """A rate-limit pool's quota per 30 s window by VIP level, and its endpoints by weight, heaviest first."""
    return answer_cached(name=f"pool:{pool}:{limit}", build=lambda: _pool_build(pool, limit))


def _pool_build(pool: str, limit: int) -> Answer:
    pools = dict(selectors.endpoints_by_rate_limit_pool())
    if pool not in pools:
        raise BadInput(f"There is no rate-limit pool '{pool[:40]}'. Pools are: {', '.join(sorted(pools))}.")
    members = pools[pool]
    endpoints = [
        {
            "weight": e.rate_limit_weight,
            "method": e.method,
            "path": e.path,
            "title": e.summary,
            "reference": reference_of(e),
            "deprecated": e.deprecated,
            "url": page_url(e.get_absolute_url()),
        }
        for e in members[:limit]
    ]
    data = {
        "pool": pool,
        "note": guide_context.POOL_NOTES.get(pool, ""),
        "window_seconds": rate_limits.WINDOW_MS // 1000,
        "counted_per": "IP address" if pool == "Public" else "account",
        "quota_by_vip": _quotas(pool),
        "endpoint_count": len(members),
        "endpoints": endpoints,
    }
    return Answer(_pool_text(data), data)


def _quotas(pool: str) -> list[dict] | None:
    """Quota per VIP level, or None where KuCoin's table does not list the pool."""
    if pool in VIP_COLUMNS:
        return [{"vip": row[0], "quota": row[VIP_COLUMNS[pool]]} for row in rate_limits.VIP_QUOTAS]
    if pool in FLAT_POOLS:
        return [{"vip": row[0], "quota": rate_limits.FLAT_POOL_QUOTA} for row in rate_limits.VIP_QUOTAS]
    return None


def _pool_text(data: dict) -> str:
    lines = [
        f"**{data['pool']} pool**: {data['note']}",
        f"Counted per {data['counted_per']} in {data['window_seconds']}-second windows.",
    ]
    if data["quota_by_vip"] is None:
        lines.append("KuCoin's public quota table does not list this pool.")
    else:
        quotas = ", ".join(f"VIP {q['vip']} {q['quota']}" for q in data["quota_by_vip"])
        lines.append(f"Quota (total weight per window): {quotas}.")
    shown = data["endpoints"]
    lines.append(f"\n{data['endpoint_count']} endpoints draw from it; heaviest first (first {len(shown)}):")
    for e in shown:
        weight = "unknown" if e["weight"] is None else e["weight"]
        lines.append(f"- weight {weight}: `{e['method']} {e['path']}` {e['title']} (`{e['reference']}`)")
    return "\n".join(lines)
