"""Settings for KuCoin API Explorer.

One module for every deployment: it reads the environment and falls back to safe
local defaults (SQLite, an in-process cache, KuCoin's production base URLs).
"""

import os
import tempfile
import warnings
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

from endpoints.kucoin import hosts
from explorer import theme_script

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def cache_from_url(url: str) -> dict:
    """Turn CACHE_URL into a Django cache setting; an empty URL means in-process."""
    if not url:
        # Rendered page fragments alone need ~800 entries for the whole catalogue;
        # Django's default of 300 would keep evicting them.
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 5000}}
    if url.startswith(("redis://", "rediss://", "unix://")):
        # django-redis's IGNORE_EXCEPTIONS: with Redis down, every read misses and every write is
        # dropped (and logged), so pages render uncached instead of failing; short socket timeouts
        # keep a Redis that hangs from holding each request.
        return {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": url,
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
        }
    if url.startswith("locmem://"):
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 5000}}
    if url.startswith("dummy://"):
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    raise ValueError(f"CACHE_URL {url!r} is not understood: use redis://host:port/db or leave it empty")


# Production mode (DJANGO_ENV=production) is any deployment that others reach: it
# needs its own DJANGO_SECRET_KEY, refuses DEBUG, and turns on HTTPS-only settings.
PRODUCTION = os.environ.get("DJANGO_ENV", "development").strip().lower() == "production"
# The default key only protects a local, single-user explorer.
DEFAULT_SECRET_KEY = "local-only-kucoin-explorer-key-change-me"  # noqa: S105 - public on purpose, refused in production
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", DEFAULT_SECRET_KEY)
DEBUG = env_bool("DJANGO_DEBUG", False)
if PRODUCTION and SECRET_KEY.strip() in ("", DEFAULT_SECRET_KEY):
    raise ImproperlyConfigured(
        "DJANGO_ENV=production needs its own DJANGO_SECRET_KEY (50+ random characters, e.g. from "
        "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`); refusing to start with the default key."
    )
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DJANGO_DEBUG cannot be on with DJANGO_ENV=production: it shows settings and code.")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_htmx",
    "csp",
    "axes",
    "endpoints",
    "endpoints.market_data",
]

MIDDLEWARE = [
    "log_request_id.middleware.RequestIDMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "explorer.middleware.utf8_bodies_only",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "explorer.middleware.LoginRequiredWhenConfigured",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "endpoints.console.csp.ConsoleConnectSources",  # the console's WebSocket hosts in connect-src
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks: it turns a lockout into its answer
]

# The admin login is throttled by django-axes: after ADMIN_LOGIN_FAILURE_LIMIT failed
# sign-ins from one address, that address is refused (429) for ADMIN_LOGIN_COOLOFF_MINUTES,
# even with the right password. Per address, so a guesser cannot lock the admin out
# from everywhere; the address is explorer.client_address's, which behind a proxy is the client's.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("ADMIN_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_MINUTES = int(os.environ.get("ADMIN_LOGIN_COOLOFF_MINUTES", "15"))
AXES_COOLOFF_TIME = timedelta(minutes=AXES_COOLOFF_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
AXES_CLIENT_IP_CALLABLE = "explorer.client_address.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False  # no banner on every manage.py command
AXES_COOLOFF_MESSAGE = f"Too many failed sign-ins from your address. Try again in {AXES_COOLOFF_MINUTES} minutes."

ROOT_URLCONF = "explorer.urls"
WSGI_APPLICATION = "explorer.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "explorer.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
# Parallel test runs against one PostgreSQL server each need their own test database.
if os.environ.get("TEST_DATABASE_NAME"):
    DATABASES["default"]["TEST"] = {"NAME": os.environ["TEST_DATABASE_NAME"]}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": cache_from_url(os.environ.get("CACHE_URL", ""))}
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True  # a cache outage shows in the log, not as 500s
# /health answers 503 when the cache is down only if this says the cache is required.
HEALTH_REQUIRES_CACHE = env_bool("HEALTH_REQUIRES_CACHE", False)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # collectstatic (run by `make run`) writes a gzipped copy beside each file and
    # WhiteNoise sends it to browsers that accept gzip: htmx drops from 51 to 17 KB.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Served by WhiteNoise from the app process, so `make run` and a gunicorn
# deployment need no separate web server for CSS and JS.
# By default WhiteNoise serves straight from the source folders, so tests and
# development never see a stale copy. `make run` runs collectstatic first and sets
# DJANGO_COLLECTED_STATIC=1 to serve the collected, gzipped files instead.
WHITENOISE_USE_FINDERS = not env_bool("DJANGO_COLLECTED_STATIC", False)
WHITENOISE_AUTOREFRESH = DEBUG
# Before the first collectstatic WhiteNoise would warn on every start that
# STATIC_ROOT is missing; serving from the finders it does not need it.
warnings.filterwarnings("ignore", message="No directory at: ")

# DJANGO_LOG_FORMAT=json (the default with DJANGO_ENV=production): one JSON object a line, each with the request's id,
# and one line per request. Every record, in either format, passes the secret filter first.
LOG_FORMAT = os.environ.get("DJANGO_LOG_FORMAT", "json" if PRODUCTION else "text").strip().lower()
LOG_FORMAT = "json" if LOG_FORMAT == "json" else "text"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "log_request_id.filters.RequestIDFilter"},
        "no_secrets": {"()": "explorer.log_filters.SecretFilter"},
    },
    "formatters": {
        "text": {"format": "%(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["request_id", "no_secrets"], "formatter": LOG_FORMAT}
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Request logs never carry bodies; try-it secrets travel only in POST bodies.
    "loggers": {"django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False}},
}
# django-log-request-id: an id per request, in every log line and the X-Request-ID response header.
# Behind our proxy (DJANGO_BEHIND_PROXY) the proxy's X-Request-ID is kept, so both logs share it.
GENERATE_REQUEST_ID_IF_NOT_IN_HEADER = True
REQUEST_ID_RESPONSE_HEADER = "X-Request-ID"
LOG_REQUESTS = LOG_FORMAT == "json"

# --- Behind a reverse proxy ---------------------------------------------------

# Set only when the app servers are reachable through the proxy alone (loopback or a private
# network): then the proxy's X-Forwarded-Proto, X-Forwarded-Host and X-Request-ID are believed.
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True
    LOG_REQUEST_ID_HEADER = "HTTP_X_REQUEST_ID"
# The request.META key whose last entry is the client's address, for the sign-in lockout and
# try-it's rate (explorer/client_address.py). TRY_IT_CLIENT_IP_HEADER is its earlier name.
CLIENT_IP_HEADER = (
    os.environ.get("DJANGO_CLIENT_IP_HEADER")
    or os.environ.get("TRY_IT_CLIENT_IP_HEADER")
    or ("HTTP_X_FORWARDED_FOR" if BEHIND_PROXY else "")
)

# --- Security headers and HTTPS ----------------------------------------------

# Scripts only from our own files, plus the one inline theme script, allowed by its hash (a
# per-response nonce would make every page unique and uncacheable: explorer/theme_script.py);
# never 'unsafe-inline' or eval for scripts. Styles allow inline
# <style> (the CSS is inlined to save a render-blocking request; htmx adds its
# indicator style). django-csp (Mozilla's) builds the header.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, theme_script.csp_source()],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "connect-src": [SELF],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# HTTPS settings: on by default in production, each one configurable.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", PRODUCTION)
SECURE_REDIRECT_EXEMPT = [r"^health$"]  # load balancers probe over plain HTTP
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(365 * 24 * 3600) if PRODUCTION else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", PRODUCTION)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", PRODUCTION)
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", PRODUCTION)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# Behind a proxy that ends TLS: DJANGO_SECURE_PROXY_SSL_HEADER=HTTP_X_FORWARDED_PROTO,https
if os.environ.get("DJANGO_SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = tuple(env_list("DJANGO_SECURE_PROXY_SSL_HEADER", [])[:2])

# --- Sign-in -----------------------------------------------------------------

# Reading is open unless REQUIRE_LOGIN is set; writing notes always needs a signed-in member.
REQUIRE_LOGIN = env_bool("REQUIRE_LOGIN", False)
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# --- KuCoin -----------------------------------------------------------------

# Each catalogued endpoint names a domain; the domain picks the base URL here and
# only here. KUCOIN_UPSTREAM sends every domain to one server (the sandbox), each under
# its own /spot, /futures or /broker base, so a path both hosts serve reaches the right one.
KUCOIN_BASE_URLS = {
    domain: os.environ.get(f"KUCOIN_{domain.upper()}_URL", url) for domain, url in hosts.REST_BASE_URLS.items()
}
KUCOIN_UPSTREAM = os.environ.get("KUCOIN_UPSTREAM", "").rstrip("/")
# KuCoin's historical-data archive (daily zips); the sandbox serves one under /archive.
KUCOIN_ARCHIVE_URL = os.environ.get(
    "KUCOIN_ARCHIVE_URL", f"{KUCOIN_UPSTREAM}/archive" if KUCOIN_UPSTREAM else hosts.ARCHIVE_BASE_URL
).rstrip("/")
# Market-data jobs keep their fetched pages and results here.
MARKET_DATA_DIR = Path(os.environ.get("MARKET_DATA_DIR", BASE_DIR / "var" / "market-data"))
if KUCOIN_UPSTREAM:
    KUCOIN_BASE_URLS = {domain: f"{KUCOIN_UPSTREAM}/{domain}" for domain in KUCOIN_BASE_URLS}

# The unified-account WebSocket has fixed hosts (no token call names them), so the console
# learns them here: KUCOIN_UNIFIED_WS_UPSTREAM (the sandbox prints it) serves all four roles
# under one base; with only KUCOIN_UPSTREAM set, the sandbox's WebSocket port (REST port + 1).
KUCOIN_UNIFIED_WS_UPSTREAM = os.environ.get("KUCOIN_UNIFIED_WS_UPSTREAM", "").rstrip("/")
if not KUCOIN_UNIFIED_WS_UPSTREAM and KUCOIN_UPSTREAM:
    _rest = urlsplit(KUCOIN_UPSTREAM)
    KUCOIN_UNIFIED_WS_UPSTREAM = f"ws://{_rest.hostname}:{(_rest.port or 80) + 1}/unified"
KUCOIN_UNIFIED_WS_URLS = (
    {role: f"{KUCOIN_UNIFIED_WS_UPSTREAM}/{role}" for role in hosts.UNIFIED_ROLES}
    if KUCOIN_UNIFIED_WS_UPSTREAM
    else dict(hosts.UNIFIED_WEBSOCKET_URLS)
)

# The team's KuCoin budget (endpoints/budget) starts from this VIP level's quotas until
# KuCoin's gw-ratelimit-limit header says otherwise.
KUCOIN_VIP_LEVEL = int(os.environ.get("KUCOIN_VIP_LEVEL", "0"))

# The public base URLs shown in docs and exports: always KuCoin's own hosts, so
# a page rendered while the sandbox is in use still documents the real API.
KUCOIN_PUBLIC_BASE_URLS = dict(hosts.REST_BASE_URLS)

# The explorer's public origin, for links in answers made outside any request (the MCP server).
EXPLORER_SITE_URL = os.environ.get("EXPLORER_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# --- Try it (owned by the try-it feature; keep this section last) --------------

# Upstream calls from the try-it panel: connect and per-read timeouts, a total
# deadline for slow-drip bodies, and the most body bytes kept (the rest is cut).
TRY_IT_CONNECT_TIMEOUT = float(os.environ.get("TRY_IT_CONNECT_TIMEOUT", "3.05"))
TRY_IT_READ_TIMEOUT = float(os.environ.get("TRY_IT_READ_TIMEOUT", "10"))
TRY_IT_TOTAL_TIMEOUT = float(os.environ.get("TRY_IT_TOTAL_TIMEOUT", "15"))
TRY_IT_MAX_BODY_BYTES = int(os.environ.get("TRY_IT_MAX_BODY_BYTES", str(4 * 1024 * 1024)))
# Sends waiting on an upstream at once, per process: half of a gunicorn worker's threads, so
# slow upstreams never hold the threads page loads need (explorer/gunicorn_conf.py).
TRY_IT_MAX_IN_FLIGHT = int(os.environ.get("TRY_IT_MAX_IN_FLIGHT", "2"))
# Sends per client address (django-ratelimit's syntax: 30/m, 100/h); more get a 429 with Retry-After.
TRY_IT_RATE = os.environ.get("TRY_IT_RATE", "30/m")
# When the cache that counts is down, let sends through rather than refuse every one.
RATELIMIT_FAIL_OPEN = True
RATELIMIT_IP_META_KEY = "explorer.client_address.client_address"

# With JavaScript on, the page signs every private request itself and the server only relays it:
# the secret, passphrase and broker key never reach us. Without JavaScript the page posts them
# for the server to sign (and forget); off ("TRY_IT_SERVER_SIGNING=off") refuses every POST that
# carries one, for team servers whose operators must never be able to read a member's keys.
TRY_IT_SERVER_SIGNING = env_bool("TRY_IT_SERVER_SIGNING", True)
# Where a prepared request's ticket is marked spent when the cache is in-process (make run's
# workers each have their own): files made with O_EXCL, atomic across this host's processes.
TRY_IT_SPENT_TICKETS_DIR = os.environ.get(
    "TRY_IT_SPENT_TICKETS_DIR", os.path.join(tempfile.gettempdir(), "kucoin-explorer-spent-tickets")
)

# The sandbox upstream's demo credentials (`manage.py kucoin_sandbox` prints them).
# They only open the local sandbox; KuCoin has never issued them.
KUCOIN_SANDBOX_CREDENTIALS = {
    "key": os.environ.get("KUCOIN_SANDBOX_KEY", "sandbox-demo-key"),
    "secret": os.environ.get("KUCOIN_SANDBOX_SECRET", "sandbox-demo-secret"),
    "passphrase": os.environ.get("KUCOIN_SANDBOX_PASSPHRASE", "sandbox-demo-passphrase"),
    "broker_partner": os.environ.get("KUCOIN_SANDBOX_BROKER_PARTNER", "sandbox-partner"),
    "broker_name": os.environ.get("KUCOIN_SANDBOX_BROKER_NAME", "SandboxBroker"),
    "broker_key": os.environ.get("KUCOIN_SANDBOX_BROKER_KEY", "sandbox-broker-key"),
}
