"""Upstream trouble the sandbox can be told to cause, so try-it's handling of it can be tested."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields


@dataclass
class Faults:
    """Switchable faults; all off by default. Several may be on at once (delay applies first)."""

    delay_ms: int = 0  # wait before answering
    status: int | None = None  # answer with this 5xx status instead
    reset: bool = False  # drop the connection with a TCP reset, answering nothing
    html: bool = False  # answer 200 with an HTML page instead of JSON
    huge_body_bytes: int = 0  # answer 200 with a JSON body this large
    drip_ms: int = 0  # answer 200, then send the body one byte at a time, this many ms apart
    bad_gzip: bool = False  # answer 200 with `Content-Encoding: gzip` on a body that is not gzip
    drip_headers_ms: int = 0  # send the status line and headers one byte at a time, this many ms apart
    nested_depth: int = 0  # answer 200 with a JSON body whose data nests this many arrays deep
    null_data: bool = False  # answer 200000 with `data: null`, as KuCoin sometimes does against its own docs

    @property
    def replaces_answer(self) -> bool:
        """Whether the sandbox answers with the fault's own response instead of the endpoint's."""
        return bool(
            self.status
            or self.html
            or self.huge_body_bytes
            or self.drip_ms
            or self.bad_gzip
            or self.drip_headers_ms
            or self.nested_depth
            or self.null_data
        )

    @property
    def any(self) -> bool:
        return bool(self.delay_ms or self.reset or self.replaces_answer)

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Faults:
        """Build faults from a control request, refusing names the sandbox does not know."""
        known = {f.name for f in fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"unknown fault(s): {', '.join(sorted(unknown))}; known: {', '.join(sorted(known))}")
        faults = cls(**data)
        if faults.status is not None and not 500 <= int(faults.status) <= 599:
            raise ValueError("status must be a 5xx code")
        return faults


HTML_PAGE = b"""<!DOCTYPE html>
<html><head><title>Access denied</title></head>
<body><h1>Sorry, you have been blocked</h1>
<p>This page is the sandbox imitating a CDN's HTML answer where JSON was expected.</p></body></html>
"""


def gateway_error_page(status: int) -> bytes:
    """An nginx-style error page, as a gateway in front of an API answers a 502, 503 or 504."""
    page = f"<html><head><title>{status}</title></head><body><center><h1>{status}</h1></center>"
    return (page + "<hr><center>nginx</center></body></html>").encode()
