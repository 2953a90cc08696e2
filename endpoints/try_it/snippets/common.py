"""What every sample shares: the environment variables it signs with, whether it signs, its title line."""

from __future__ import annotations

import pprint

from endpoints.kucoin.signing import DEFAULT_KEY_VERSION, signing_requirement

from ..upstream import TryItRequest

ENV = {
    "key": "KC_API_KEY",
    "secret": "KC_API_SECRET",
    "passphrase": "KC_API_PASSPHRASE",
    "version": "KC_API_KEY_VERSION",
    "partner": "KC_BROKER_PARTNER",
    "name": "KC_BROKER_NAME",
    "broker_key": "KC_BROKER_KEY",
}


def is_signed(endpoint) -> bool:
    """Sign private and broker endpoints, and the unified-account ones whose channel KuCoin leaves unsaid."""
    return signing_requirement(endpoint).takes_key


def needs_broker(endpoint) -> bool:
    return signing_requirement(endpoint).needs_broker


def env_note(endpoint) -> str:
    names = [ENV["key"], ENV["secret"], ENV["passphrase"]]
    if needs_broker(endpoint):
        names += [ENV["partner"], ENV["name"], ENV["broker_key"]]
    return f"Set {', '.join(names)} in the environment first ({ENV['version']} defaults to {DEFAULT_KEY_VERSION})."


def title(endpoint, call: TryItRequest) -> str:
    """Summary, method and path: catalogue text, so each sample escapes it for its comment or docstring."""
    return f"{endpoint.summary}: {call.method} {endpoint.path}"


def python_literal(value) -> str:
    """A Python literal for a JSON value (repr-based, so any string is data)."""
    return pprint.pformat(value, sort_dicts=False, width=100)
