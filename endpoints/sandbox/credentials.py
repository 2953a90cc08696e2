"""The sandbox's demo credentials: one API key and one broker, read from settings or given explicitly."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class DemoCredentials:
    key: str
    secret: str = field(repr=False)
    passphrase: str = field(repr=False)
    broker_partner: str = ""
    broker_name: str = ""
    broker_key: str = field(default="", repr=False)

    @classmethod
    def from_settings(cls, **overrides: str) -> DemoCredentials:
        """Take KUCOIN_SANDBOX_CREDENTIALS from settings, with any non-empty override on top."""
        from django.conf import settings

        values = dict(settings.KUCOIN_SANDBOX_CREDENTIALS)
        values.update({name: value for name, value in overrides.items() if value})
        return cls(**values)
