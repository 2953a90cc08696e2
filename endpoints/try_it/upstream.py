"""Build the one request object for a try-it call, and send exactly it with one `requests.Session`.

The URL comes only from settings (the base URL for the endpoint's domain) and
the catalogue (path and method); what a user types fills path placeholders
(percent-encoded, dangerous characters refused), the query and the body.
The preview, the code samples and the bytes sent are all read from the
`TryItRequest` built here, so what was signed is what was sent. (Where a
parameter is itself a secret, the request shown masks its value and the
samples are built from a copy that holds a placeholder instead.)
"""

from __future__ import annotations

import http.client
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

import requests
from django.conf import settings
from django.views.decorators.debug import sensitive_variables
from urllib3.exceptions import DecodeError, HTTPError, ReadTimeoutError

from endpoints.kucoin import signing
from endpoints.kucoin.signing import ApiKey, BrokerKey, Signatures

from .deadline import DeadlineAdapter, deadline_in, deadline_passed
from .destination import destination_problem
from .secret_parameters import MASK, body_with_secrets_replaced, is_secret_parameter, masked, query_with_secrets_masked

USER_AGENT = "KuCoin-API-Explorer-TryIt/1.0"
# Refused in path values: they would change which path (or host) the request reaches.
FORBIDDEN_IN_PATH = ("/", "..", "@", "#", "?", "\r", "\n", "\\")
CHUNK = 64 * 1024


class UnsafePathValue(ValueError):
    """A path parameter holds a character that could steer the request elsewhere."""

    def __init__(self, name: str, found: str, *, whole: bool = False):
        shown = {"\r": "a carriage return", "\n": "a line feed", "\\": "a backslash"}.get(found, f"“{found}”")
        verb = "be" if whole else "contain"
        super().__init__(f"{name} cannot {verb} {shown}: it would change the path the request goes to.")
        self.name = name


def check_path_value(name: str, value: str) -> None:
    """Refuse a path value that would change which path (or host) the request reaches."""
    if value == ".":  # a lone dot segment is dropped from the URL on the way out, yet it would be signed
        raise UnsafePathValue(name, ".", whole=True)
    for forbidden in FORBIDDEN_IN_PATH:
        if forbidden in value:
            raise UnsafePathValue(name, forbidden)


@dataclass(frozen=True)
class Inputs:
    """Validated values from the form: what to put in the path, the query and the body."""

    path_values: dict[str, str] = field(default_factory=dict)
    query_items: tuple[tuple[str, str], ...] = ()
    body: str = ""  # the exact JSON text to send, or "" for none

    def with_secrets_replaced(self, replacement: Callable[[str], str]) -> Inputs:
        """The same inputs with each secret parameter's value (query or top-level body field) replaced."""
        query = tuple(
            (name, replacement(name) if is_secret_parameter(name) else value) for name, value in self.query_items
        )
        body = body_with_secrets_replaced(self.body, replacement)
        return Inputs(self.path_values, query, self.body if body is None else body)


@dataclass(frozen=True)
class TryItRequest:
    """One outgoing request, built once: signed string, headers, URL and body all agree."""

    method: str
    url: str
    base_url: str
    path: str  # filled, percent-encoded: as sent and as KuCoin signs it
    path_values: dict[str, str]
    path_and_query: str  # what is signed after timestamp + method
    body: str
    headers: dict[str, str]
    timestamp: str = ""
    signed: bool = False
    broker_signed: bool = False
    prepared: requests.PreparedRequest | None = field(default=None, compare=False, repr=False)
    inputs: Inputs = field(default_factory=Inputs, compare=False, repr=False)

    @property
    def string_to_sign(self) -> str:
        """The prehash KuCoin signs (no credential in it)."""
        return signing.string_to_sign(self.timestamp, self.method, self.path_and_query, self.body)

    @cached_property
    def shown_inputs(self) -> Inputs:
        """The inputs with secret parameters' values masked, as the request is shown."""
        return self.inputs.with_secrets_replaced(masked)

    @property
    def holds_secret_values(self) -> bool:
        """Whether a parameter that is itself a secret was sent, and so is masked where the request is shown."""
        return self.shown_inputs != self.inputs

    @property
    def shown_string_to_sign(self) -> str:
        """The prehash as shown, so users can compare their own: secret parameters' values masked."""
        shown = self.shown_inputs
        signed_path = signing.path_and_query(self.path, shown.query_items)
        return signing.string_to_sign(self.timestamp, self.method, signed_path, shown.body)

    @property
    def query_items(self) -> list[tuple[str, str]]:
        """The query as sent, decoded, in order."""
        return parse_qsl(urlsplit(self.url).query, keep_blank_values=True)

    def shown_headers(self) -> list[tuple[str, str]]:
        """The headers as sent, with secret-derived values and most of the key masked."""
        return [(name, mask(name, value)) for name, value in self.headers.items()]

    @property
    def shown_text(self) -> str:
        """The request laid out as an HTTP message (request line, headers, body), masked like `shown_headers`."""
        base, question, query = self.url.partition("?")
        url = base + question + query_with_secrets_masked(query)
        head = f"{self.method} {url}\n{header_lines(self.shown_headers())}"
        body = body_with_secrets_replaced(self.body, masked)
        return f"{head}\n\n{MASK if body is None else body}" if self.body else head


def header_lines(headers) -> str:
    """Headers as HTTP writes them, one `name: value` line each, in the order given."""
    return "\n".join(f"{name}: {value}" for name, value in headers)


def mask(name: str, value: str) -> str:
    if name in signing.SECRET_DERIVED_HEADERS:
        return "•" * 8 + " (masked)"
    if name == "KC-API-KEY":
        return f"{value[:4]}…{value[-2:]}" if len(value) >= 12 else "•" * 8
    return value


def fill_path(template: str, values: dict[str, str]) -> str:
    """Fill `{placeholders}` with percent-encoded values: the path as sent, and so as signed.

    KuCoin checks the signature against the path it receives, so a value that encoding
    changes (`a b` -> `a%20b`) is signed encoded; only the query is signed unencoded.
    """
    filled = template
    for name, value in values.items():
        check_path_value(name, value)
        filled = filled.replace(f"{{{name}}}", quote(value, safe=""))
    return filled


def base_url(domain: str) -> str:
    """The base URL settings allow for a domain: never anything a user typed."""
    return settings.KUCOIN_BASE_URLS[domain].rstrip("/")


def is_live(domain: str) -> bool:
    return base_url(domain) == settings.KUCOIN_PUBLIC_BASE_URLS[domain].rstrip("/")


@sensitive_variables("api_key", "broker")
def build_request(
    endpoint,
    inputs: Inputs,
    api_key: ApiKey | None = None,
    broker: BrokerKey | None = None,
    *,
    now_ms: int | None = None,
    signatures: Signatures | None = None,
) -> TryItRequest:
    """Build the request for `endpoint` from validated inputs, signed when credentials are given.

    `signatures` made by the page itself (the secret never reached us) go out as they are, at `now_ms`.
    """
    method = endpoint.method.upper()
    base = base_url(endpoint.domain)
    path = fill_path(endpoint.path, inputs.path_values)
    query = urlencode(list(inputs.query_items), quote_via=quote, safe="")
    url = f"{base}{path}" + (f"?{query}" if query else "")
    signed_path = signing.path_and_query(path, inputs.query_items)
    headers = {"Accept": "application/json", "Content-Type": "application/json", "User-Agent": USER_AGENT}
    timestamp = ""
    if signatures is not None or api_key is not None:
        timestamp = str(now_ms if now_ms is not None else int(time.time() * 1000))
        headers |= signed_part(timestamp, method, signed_path, inputs.body, api_key, broker, signatures)
    prepared = requests.Request(method, url, headers=headers, data=inputs.body.encode("utf-8") or None).prepare()
    return TryItRequest(
        method=method,
        url=prepared.url,
        base_url=base,
        path=path,
        path_values=dict(inputs.path_values),
        path_and_query=signed_path,
        body=inputs.body,
        headers=dict(prepared.headers),
        timestamp=timestamp,
        signed=api_key is not None or signatures is not None,
        broker_signed=(api_key is not None and broker is not None) or bool(signatures and signatures.partner_sign),
        prepared=prepared,
        inputs=inputs,
    )


@sensitive_variables("api_key", "broker")
def signed_part(timestamp, method, signed_path, body, api_key, broker, signatures) -> dict[str, str]:
    """The KC-API-* headers: the page's signatures as they came, else signed here with the key."""
    if signatures is not None:
        return signing.signed_headers(signatures, timestamp)
    return signing.auth_headers(api_key, timestamp, method, signed_path, body, broker)


# --- sending -------------------------------------------------------------------------------------


@dataclass
class TryItResponse:
    """What came back, or what went wrong on the way; never raises into the view."""

    status: int | None = None
    reason: str = ""
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""
    truncated: bool = False
    elapsed_ms: float = 0.0
    trouble: str = ""  # off-origin | timeout | refused | reset | unreachable | deadline | undecodable | "" (answered)
    detail: str = ""

    @property
    def headers_text(self) -> str:
        """The response headers as `name: value` lines, in the order received."""
        return header_lines(self.headers)

    def header(self, name: str) -> str | None:
        lowered = name.lower()
        return next((value for key, value in self.headers if key.lower() == lowered), None)


def new_session() -> requests.Session:
    """One session for every try-it call: pooled keep-alive connections, no retries, no redirects."""
    session = requests.Session()
    session.trust_env = False  # a proxy or netrc from the server's environment must not join in
    adapter = DeadlineAdapter(pool_connections=4, pool_maxsize=16, max_retries=0)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    return session


SESSION = new_session()


def send(call: TryItRequest) -> TryItResponse:
    """Send the prepared request as built, stream at most TRY_IT_MAX_BODY_BYTES, all within the total deadline."""
    started = time.perf_counter()
    timeout = (settings.TRY_IT_CONNECT_TIMEOUT, settings.TRY_IT_READ_TIMEOUT)
    result = TryItResponse()
    problem = destination_problem(call.prepared.url, call.base_url)
    if problem:  # never let credentials reach another host, whatever the catalogue row says
        result.trouble, result.detail = "off-origin", problem
        return result
    with deadline_in(settings.TRY_IT_TOTAL_TIMEOUT):
        try:
            with SESSION.send(call.prepared, stream=True, timeout=timeout, allow_redirects=False) as response:
                result.status, result.reason = response.status_code, response.reason or ""
                result.headers = list(response.headers.items())
                read_capped(response, result, started)
        except requests.exceptions.ConnectTimeout:
            result.trouble = "timeout"
            result.detail = f"no connection within {settings.TRY_IT_CONNECT_TIMEOUT:g} s"
        except requests.exceptions.ReadTimeout:
            result.trouble, result.detail = read_timeout_trouble("no answer")
        except requests.exceptions.ConnectionError as error:
            result.trouble, result.detail = classify_connection_error(error)
        except requests.exceptions.RequestException as error:
            result.trouble, result.detail = "unreachable", type(error).__name__
    result.elapsed_ms = (time.perf_counter() - started) * 1000
    return result


def read_timeout_trouble(what: str) -> tuple[str, str]:
    """A read that timed out: at the total deadline, or after the upstream went quiet for the read timeout."""
    if deadline_passed():
        return "deadline", f"{what} complete within {settings.TRY_IT_TOTAL_TIMEOUT:g} s"
    return "timeout", f"{what} within {settings.TRY_IT_READ_TIMEOUT:g} s"


def read_capped(response: requests.Response, result: TryItResponse, started: float) -> None:
    """Read the body as it arrives; stop at the size cap, the total deadline, or a stall, and say which.

    `read1` returns whatever one socket read brings, so the deadline is checked
    between reads and a body that trickles in cannot outlast it by more than one
    read timeout; a fixed-size read would block until its whole chunk arrived.
    """
    cap = settings.TRY_IT_MAX_BODY_BYTES
    chunks, size = [], 0
    try:
        while chunk := response.raw.read1(CHUNK, decode_content=True):
            chunks.append(chunk)
            size += len(chunk)
            if size > cap:
                result.truncated = True
                break
            if time.perf_counter() - started > settings.TRY_IT_TOTAL_TIMEOUT:
                result.trouble = "deadline"
                result.detail = f"the body took longer than {settings.TRY_IT_TOTAL_TIMEOUT:g} s"
                break
    except ReadTimeoutError:
        if deadline_passed():
            result.trouble = "deadline"
            result.detail = f"the body took longer than {settings.TRY_IT_TOTAL_TIMEOUT:g} s"
        else:
            result.trouble = "timeout"
            result.detail = f"the body stopped arriving for {settings.TRY_IT_READ_TIMEOUT:g} s"
    except DecodeError:
        result.trouble = "undecodable"
        result.detail = response.headers.get("Content-Encoding", "")
    except (HTTPError, OSError) as error:  # reset or cut short
        result.trouble, result.detail = classify_connection_error(error)
    result.body = b"".join(chunks)[:cap]


def classify_connection_error(error: Exception) -> tuple[str, str]:
    """Name the cause of a connection failure in plain words: refused, reset, or unreachable."""
    for cause in causes(error):
        if isinstance(cause, ConnectionRefusedError):
            return "refused", "the connection was refused"
        if isinstance(cause, (ConnectionResetError, ConnectionAbortedError, http.client.IncompleteRead)):
            return "reset", "the connection was reset before a full answer arrived"
        if isinstance(cause, socket.gaierror):
            return "unreachable", "the host name could not be resolved"
    if "RemoteDisconnected" in repr(error):  # the server closed without a word: a reset as far as users care
        return "reset", "the connection was reset before a full answer arrived"
    return "unreachable", "the upstream could not be reached"


def causes(error: BaseException):
    """Walk an exception's causes: `raise from`, implicit context, urllib3's `.reason` and wrapped args."""
    seen, pending = set(), [error]
    while pending:
        cause = pending.pop()
        if cause is None or id(cause) in seen or not isinstance(cause, BaseException):
            continue
        seen.add(id(cause))
        yield cause
        pending += [cause.__cause__, cause.__context__, getattr(cause, "reason", None), *cause.args[:1]]
