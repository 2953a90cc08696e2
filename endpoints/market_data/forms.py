"""The Market data form: market, symbol from the upstream's live list, kind, interval and days."""

from __future__ import annotations

from django import forms

from endpoints.kucoin.market_data import INTERVAL_SECONDS, KINDS, MARKETS

from .request import MarketDataRequest


class MarketDataForm(forms.Form):
    market = forms.ChoiceField(choices=[(name, name.capitalize()) for name in MARKETS], initial="spot")
    symbol = forms.CharField(max_length=40)
    kind = forms.ChoiceField(choices=[(name, name.capitalize()) for name in KINDS], initial="klines")
    interval = forms.ChoiceField(choices=[(name, name) for name in INTERVAL_SECONDS], initial="1hour", required=False)
    start = forms.DateField(label="From (UTC, included)", widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label="To (UTC, not included)", widget=forms.DateInput(attrs={"type": "date"}))
    use_archive = forms.BooleanField(label="Use the archive's daily files where it has them", required=False)

    def to_request(self) -> MarketDataRequest:
        data = self.cleaned_data
        return MarketDataRequest(
            data["market"], data["symbol"].strip(), data["kind"],
            data["interval"] if data["kind"] == "klines" else "", data["start"], data["end"],
            use_archive=data["use_archive"],
        )  # fmt: skip
