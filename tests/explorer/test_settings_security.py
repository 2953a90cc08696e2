"""Security headers on every page, no inline script the policy does not name by hash, and production mode's rules."""

import base64
import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
PAGES = [
    "/",
    "/reference/spot/order/add-order",
    "/reference/websocket/spot-public/ticker",
    "/search?q=orders",
    "/guides/authentication",
    "/downloads",
    "/market-data/",
    "/no-such-page",
    "/admin/login/",
]


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {name: values for name, *values in (part.split() for part in header.split(";") if part.strip())}


@pytest.mark.parametrize("url", PAGES)
def test_every_page_sends_a_script_policy_without_unsafe_inline(client, catalogue, url):
    """script-src is 'self' plus hashes; no nonce, 'unsafe-inline' or 'unsafe-eval'; framing and plugins are off."""
    response = client.get(url)
    directives = policy(response)
    assert directives["script-src"][0] == "'self'" and all(
        v.startswith("'sha256-") for v in directives["script-src"][1:]
    )
    assert not {"'unsafe-inline'", "'unsafe-eval'"} & set(directives["script-src"] + directives["default-src"])
    assert directives["frame-ancestors"] == ["'none'"] and directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'none'"] and directives["form-action"] == ["'self'"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("url", PAGES)
def test_inline_scripts_are_allowed_by_their_hash_and_no_handler_attributes_exist(client, catalogue, url):
    """Each executable inline <script>'s SHA-256 is in the header; no tag has an on*= handler or a javascript: URL."""
    response = client.get(url)
    html = response.content.decode()
    hashes = policy(response)["script-src"][1:]
    inline = [text for tag, text in re.findall(r"(<script\b[^>]*>)(.*?)</script>", html, re.DOTALL)
              if "src=" not in tag and 'type="application/json"' not in tag]  # fmt: skip
    assert inline or url.startswith("/admin/"), "the theme script is inline on every page of ours"
    for text in inline:
        digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in hashes, text
    assert not re.search(r"<[a-z][^>]*\son[a-z]+\s*=", html, re.IGNORECASE)
    assert "javascript:" not in html.lower()


def test_the_script_policy_is_the_same_for_every_response(client, catalogue):
    """No per-response nonce: a page can then be served whole from the cache (endpoints/reference/page_cache.py)."""
    first, second = (policy(client.get("/reference/spot/order/add-order"))["script-src"] for _ in range(2))
    assert first == second


def run_django(env: dict, *args: str) -> subprocess.CompletedProcess:
    """manage.py in a process of its own, with only the given variables changed."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_", "CACHE_"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True, timeout=60
    )


PRODUCTION = {"DJANGO_ENV": "production", "DJANGO_SECRET_KEY": "k" * 20 + "-Yq8vZ3pLw0Rt6Ns2Xc9Bm4Hj7Gf5Dd1Ka"}


def test_check_deploy_is_clean_in_production_mode():
    done = run_django(PRODUCTION, "check", "--deploy", "--fail-level", "WARNING")
    assert done.returncode == 0 and "no issues" in done.stdout, done.stdout + done.stderr


@pytest.mark.parametrize("key", [None, "", "local-only-kucoin-explorer-key-change-me"])
def test_production_refuses_to_start_with_the_default_secret_key(key):
    env = {"DJANGO_ENV": "production"} | ({} if key is None else {"DJANGO_SECRET_KEY": key})
    done = run_django(env, "check")
    assert done.returncode != 0
    assert "DJANGO_ENV=production needs its own DJANGO_SECRET_KEY" in done.stderr


def test_production_refuses_debug():
    done = run_django({**PRODUCTION, "DJANGO_DEBUG": "1"}, "check")
    assert done.returncode != 0 and "DJANGO_DEBUG cannot be on with DJANGO_ENV=production" in done.stderr


def shown_settings(env: dict) -> dict[str, str]:
    names = ["SECURE_HSTS_SECONDS", "SECURE_HSTS_PRELOAD", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE"]
    names += ["SECURE_SSL_REDIRECT", "SECURE_PROXY_SSL_HEADER"]
    done = run_django(
        env, "shell", "-c", f"from django.conf import settings as s; [print(n, getattr(s, n, None)) for n in {names}]"
    )
    assert done.returncode == 0, done.stderr
    return dict(line.split(" ", 1) for line in done.stdout.splitlines() if line.split(" ", 1)[0] in names)


def test_hsts_and_secure_cookies_are_on_in_production_and_configurable():
    """Production turns HTTPS settings on; each variable changes its setting; development leaves them off."""
    production = shown_settings(PRODUCTION)
    assert production["SECURE_HSTS_SECONDS"] == "31536000" and production["SESSION_COOKIE_SECURE"] == "True"
    assert production["CSRF_COOKIE_SECURE"] == "True" and production["SECURE_SSL_REDIRECT"] == "True"
    tuned = shown_settings(
        {
            **PRODUCTION,
            "DJANGO_HSTS_SECONDS": "600",
            "DJANGO_HSTS_PRELOAD": "0",
            "DJANGO_SECURE_COOKIES": "0",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO,https",
        }
    )
    assert tuned["SECURE_HSTS_SECONDS"] == "600" and tuned["SECURE_HSTS_PRELOAD"] == "False"
    assert tuned["SESSION_COOKIE_SECURE"] == "False" and tuned["SECURE_SSL_REDIRECT"] == "False"
    assert tuned["SECURE_PROXY_SSL_HEADER"] == "('HTTP_X_FORWARDED_PROTO', 'https')"
    development = shown_settings({})
    assert development["SECURE_HSTS_SECONDS"] == "0" and development["SESSION_COOKIE_SECURE"] == "False"


def test_hsts_header_is_sent_over_https_in_production_settings(client, catalogue, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000; includeSubDomains")
