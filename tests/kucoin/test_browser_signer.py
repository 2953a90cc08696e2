"""The page's signer (static/js/kucoin-signer.js, run under Node) signs exactly as the Python recipe does."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from endpoints.kucoin import signing

BROKER_API_KEY = "6422da9c97b45100018c6e62"
RUNNER = Path(__file__).resolve().parents[1] / "js" / "run_signer.js"

pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="make test installs Node.js; it is missing here")


def run_signer(cases: list[dict]) -> list[dict]:
    done = subprocess.run(
        ["node", str(RUNNER)], input=json.dumps(cases), capture_output=True, text=True, timeout=30, check=True
    )
    return json.loads(done.stdout)


def test_the_docs_test_vector_signs_to_kucoins_published_value():
    body = (
        '{"symbol":"BTC-USDT","side":"buy","size":"0.0001","price":"30000","type":"limit",'
        '"clientOid":"2b802154-8d31-42e6-88ea-c8c18d3e4822","tradeType":"TRADE"}'
    )
    [answer] = run_signer(
        [{"fn": "requestSignature", "args": ["cde06451-dbed", 1680885532722, "post", "/api/v1/orders", body]}]
    )
    assert answer == {"ok": "ncPuAcZW8WYUZyvblRVVgMfYoVH+FlCTO6K45/FMLFQ="}


def test_passphrase_and_partner_signatures_match_the_python_signer():
    cases = [
        {"fn": "passphraseSignature", "args": ["cde06451-dbed", "1111111"]},
        {
            "fn": "partnerSignature",
            "args": ["e8512b82-a4aa", "1680885532722", "goodbroker", "6422da9c97b45100018c6e62"],
        },
    ]
    assert run_signer(cases) == [
        {"ok": signing.passphrase_signature("cde06451-dbed", "1111111")},
        {"ok": signing.partner_signature("e8512b82-a4aa", "1680885532722", "goodbroker", BROKER_API_KEY)},
    ]


def test_unicode_and_empty_bodies_sign_over_utf8_bytes_as_python_does():
    inputs = [
        ("s€cret-ключ", "1700000000000", "GET", "/api/v1/accounts?currency=BTC&type=main", ""),
        ("secret", "1700000000001", "POST", "/api/v1/orders", '{"remark":"日本語 ✓ 🚀"}'),
        ("secret", "1700000000002", "DELETE", "/api/v1/orders/abc", ""),
    ]
    answers = run_signer([{"fn": "requestSignature", "args": list(args)} for args in inputs])
    assert answers == [{"ok": signing.request_signature(*args)} for args in inputs]


def test_an_empty_secret_is_refused_in_words_not_signed():
    [answer] = run_signer([{"fn": "hmacBase64", "args": ["", "message"]}])
    assert answer == {"error": "An empty secret cannot sign."}
