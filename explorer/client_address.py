"""The address a request comes from, for everything that counts per address.

The admin sign-in lockout (django-axes) and try-it's per-address rate (django-ratelimit) both
ask here. Behind a proxy every request's REMOTE_ADDR is the proxy's own, so counting by it
would let one guesser lock the admin out for everyone and one busy reader spend the whole
team's try-it allowance. Behind our proxy (settings.CLIENT_IP_HEADER) the address is the last
entry of the header the proxy sets: a client can send its own X-Forwarded-For, but the proxy
appends the address it saw after whatever the client wrote.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The proxy's word for the client's address when there is a proxy and it said one; the socket's otherwise."""
    header = settings.CLIENT_IP_HEADER
    said = request.META.get(header, "") if header else ""
    last = said.rsplit(",", 1)[-1].strip()
    return last if _is_address(last) else request.META.get("REMOTE_ADDR", "")


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True
