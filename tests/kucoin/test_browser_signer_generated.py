"""The page's signer, the Python signer and the official SDK's KcSigner agree on generated inputs.

One Node run signs a few hundred seeded cases with static/js/kucoin-signer.js (the very file the
page loads): unicode secrets, paths, queries and bodies, empty bodies, long queries, key versions
2 and 3, broker partner signatures. Each case is signed three ways and all three must agree.
"""

from __future__ import annotations

import random
import shutil
from unittest import mock

import pytest
from kucoin_universal_sdk.internal.infra import default_signer
from kucoin_universal_sdk.internal.infra.default_signer import KcSigner

from endpoints.kucoin import signing
from tests.kucoin.test_browser_signer import run_signer

pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="make test installs Node.js; it is missing here")

SEED = 16
CASES = 300
ALPHABETS = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~",
    " !\"#$%&'()*+,/:;<=>?@[\\]^`{|}",
    "€ключ日本語✓éü\u0301\u200b",  # accents, a combining mark, a zero-width space
    "🚀👍🏽𝄞",  # outside the BMP: surrogate pairs in JavaScript strings
)


def words(rng: random.Random, low: int, high: int) -> str:
    alphabet = "".join(rng.sample(ALPHABETS, rng.randint(1, len(ALPHABETS))))
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(low, high)))


def generated_case(rng: random.Random) -> dict:
    """One request to sign: a long query now and then, an empty body half the time."""
    method = rng.choice(["GET", "POST", "DELETE", "PUT", "get"])
    path = "/api/v" + str(rng.randint(1, 3)) + "".join("/" + words(rng, 1, 10) for _ in range(rng.randint(1, 4)))
    pairs = rng.choice([0, 1, 3, 200])  # 200 pairs: a query thousands of characters long
    items = [(words(rng, 1, 8), words(rng, 0, 12)) for _ in range(pairs)]
    return {
        "secret": words(rng, 1, 40),
        "passphrase": words(rng, 1, 20),
        "timestamp": str(rng.randint(1_500_000_000_000, 1_900_000_000_000)),
        "method": method,
        "path_and_query": signing.path_and_query(path, items),
        "body": "" if rng.random() < 0.5 else words(rng, 1, 300),
        "version": rng.choice(signing.KEY_VERSIONS),
        "partner": words(rng, 1, 12),
        "broker_key": words(rng, 1, 40),
    }


def js_calls(case: dict, api_key: str) -> list[dict]:
    request = [case["secret"], case["timestamp"], case["method"], case["path_and_query"], case["body"]]
    return [
        {"fn": "requestSignature", "args": request},
        {"fn": "passphraseSignature", "args": [case["secret"], case["passphrase"]]},
        {"fn": "partnerSignature", "args": [case["broker_key"], case["timestamp"], case["partner"], api_key]},
    ]


def sdk_headers(case: dict, api_key: str) -> dict:
    """KcSigner's headers for the case, its clock frozen at the case's timestamp."""
    sdk = KcSigner(api_key, case["secret"], case["passphrase"], "bn", case["partner"], case["broker_key"])
    plain = case["method"].upper() + case["path_and_query"] + case["body"]
    with mock.patch.object(default_signer.time, "time", lambda: int(case["timestamp"]) / 1000):
        return sdk.broker_headers(plain)


def test_page_python_and_sdk_signers_agree_on_generated_requests():
    rng = random.Random(SEED)
    cases = [generated_case(rng) for _ in range(CASES)]
    api_key = "6422da9c97b45100018c6e62"
    answers = run_signer([call for case in cases for call in js_calls(case, api_key)])
    assert len(answers) == 3 * CASES
    for number, case in enumerate(cases):
        page_sign, page_passphrase, page_partner = (answer["ok"] for answer in answers[3 * number : 3 * number + 3])
        ours = signing.auth_headers(
            signing.ApiKey(api_key, case["secret"], case["passphrase"], case["version"]),
            case["timestamp"],
            case["method"],
            case["path_and_query"],
            case["body"],
            signing.BrokerKey(case["partner"], "bn", case["broker_key"]),
        )
        sdk = sdk_headers(case, api_key)
        assert page_sign == ours["KC-API-SIGN"] == sdk["KC-API-SIGN"], case
        assert page_passphrase == ours["KC-API-PASSPHRASE"] == sdk["KC-API-PASSPHRASE"], case
        assert page_partner == ours["KC-API-PARTNER-SIGN"] == sdk["KC-API-PARTNER-SIGN"], case
        # The relay lays the page's signatures out as the server-side signer does, version included.
        page = signing.Signatures(
            api_key, case["version"], page_sign, page_passphrase, case["partner"], "bn", page_partner
        )
        assert signing.signed_headers(page, case["timestamp"]) == ours


def test_the_generated_cases_cover_what_the_issue_names():
    """The seeded cases include unicode, empty bodies, long queries and every key version."""
    rng = random.Random(SEED)
    cases = [generated_case(rng) for _ in range(CASES)]
    assert any(case["body"] == "" for case in cases) and any(case["body"] for case in cases)
    assert any(len(case["path_and_query"]) > 2_000 for case in cases)
    assert any(any(ord(char) > 0xFFFF for char in case["secret"] + case["body"]) for case in cases)
    assert {case["version"] for case in cases} == set(signing.KEY_VERSIONS)
