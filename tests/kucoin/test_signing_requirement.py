"""One decision on how an endpoint is signed, asked by every consumer."""

from types import SimpleNamespace

import pytest

from endpoints.kucoin.signing import SigningRequirement, signing_requirement


def item(api_channel, broker=False):
    return SimpleNamespace(api_channel=api_channel, needs_broker_signature=broker)


@pytest.mark.parametrize(
    ("api_channel", "broker", "expected"),
    [
        ("public", False, SigningRequirement.NONE),
        ("private", False, SigningRequirement.KEY),
        ("", False, SigningRequirement.OPTIONAL),
        ("private", True, SigningRequirement.KEY_AND_BROKER),
        ("public", True, SigningRequirement.KEY_AND_BROKER),
    ],
)
def test_the_requirement_follows_channel_and_broker_flag(api_channel, broker, expected):
    """Public needs nothing, private a key, unpublished a key if given, broker endpoints the partner headers too."""
    assert signing_requirement(item(api_channel, broker)) is expected


def test_only_key_and_broker_needs_the_broker_and_only_none_takes_no_key():
    """The derived questions agree with the requirement."""
    assert [r for r in SigningRequirement if r.needs_broker] == [SigningRequirement.KEY_AND_BROKER]
    assert [r for r in SigningRequirement if not r.takes_key] == [SigningRequirement.NONE]
    assert {r for r in SigningRequirement if r.requires_key} == {
        SigningRequirement.KEY,
        SigningRequirement.KEY_AND_BROKER,
    }


@pytest.mark.django_db
def test_every_catalogued_endpoint_gets_a_requirement(catalogue):
    """The whole catalogue divides into the four requirements, with broker endpoints among them."""
    from endpoints.models import Endpoint

    found = {signing_requirement(endpoint) for endpoint in Endpoint.objects.all()}
    assert found == set(SigningRequirement)
