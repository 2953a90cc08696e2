"""Who a request comes from, for the sign-in lockout and try-it's rate: the client behind our proxy, never the proxy."""

import pytest
from django.test import RequestFactory

from explorer.client_address import client_address

PROXY = "10.0.0.5"


@pytest.fixture
def behind_proxy(settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"


def request_from(forwarded_for=None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded_for} if forwarded_for is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=PROXY, **extra)


def test_without_a_proxy_the_socket_address_counts_whatever_the_client_says(settings):
    settings.CLIENT_IP_HEADER = ""
    assert client_address(request_from("198.51.100.9")) == PROXY


def test_behind_the_proxy_the_address_it_appended_counts(behind_proxy):
    assert client_address(request_from("203.0.113.7")) == "203.0.113.7"


def test_an_address_the_client_wrote_before_the_proxys_is_ignored(behind_proxy):
    """nginx's $proxy_add_x_forwarded_for appends what it saw after whatever the client sent."""
    assert client_address(request_from("1.1.1.1, 203.0.113.7")) == "203.0.113.7"


def test_ipv6_addresses_are_kept_whole(behind_proxy):
    assert client_address(request_from("2001:db8::7")) == "2001:db8::7"


@pytest.mark.parametrize("said", ["", "unknown", "203.0.113.7, not-an-address", "<script>"])
def test_a_missing_or_malformed_header_falls_back_to_the_socket(behind_proxy, said):
    assert client_address(request_from(said)) == PROXY
