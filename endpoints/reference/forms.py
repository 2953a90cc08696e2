"""The search form: the query and every filter, read from the URL so a search can be shared."""

from django import forms

from endpoints import selectors
from endpoints.models import ApiChannel, ApiPermission, Domain, RateLimitPool

ANY = ("", "Any")
MAX_WEIGHT = 100_000


def _service_choices(domain: str | None = None):
    return [ANY, *((name, name) for name in selectors.sdk_services(domain=domain))]


class SharedChoiceField(forms.ChoiceField):
    """A choice field whose choices every form shares: Django deep-copies them for each form, a tenth of a first
    search visit, though nothing changes them in place (the service field's are replaced, never edited)."""

    def __deepcopy__(self, memo):
        result = super(forms.ChoiceField, self).__deepcopy__(memo)  # the field itself, its widget, messages
        result._choices = self._choices
        return result


class SharedTypedChoiceField(SharedChoiceField, forms.TypedChoiceField):
    pass


class SearchForm(forms.Form):
    """Validate the search page's query string; a bad filter is ignored and named, never an error page."""

    q = forms.CharField(required=False, label="Search")
    domain = SharedChoiceField(required=False, choices=[ANY, *Domain.choices])
    service = SharedChoiceField(required=False, choices=_service_choices, label="Service")
    sub_service = forms.CharField(required=False, max_length=50, widget=forms.HiddenInput)
    api_channel = SharedChoiceField(required=False, choices=[ANY, *ApiChannel.choices], label="api-channel")
    api_permission = SharedChoiceField(
        required=False, choices=[ANY, ("none", "None needed"), *ApiPermission.choices], label="api-permission"
    )
    rate_limit_pool = SharedChoiceField(required=False, choices=[ANY, *RateLimitPool.choices], label="rate-limit pool")
    deprecated = SharedTypedChoiceField(
        required=False,
        choices=[("", "Either"), ("no", "Current only"), ("yes", "Deprecated only")],
        coerce=lambda value: value == "yes",
        empty_value=None,
    )
    weight_min = forms.IntegerField(required=False, min_value=0, max_value=MAX_WEIGHT, label="Weight from")
    weight_max = forms.IntegerField(required=False, min_value=0, max_value=MAX_WEIGHT, label="to")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        domain = self.data.get("domain")
        if domain in Domain.values:
            # Offer only the services with endpoints on the chosen domain.
            self.fields["service"].choices = _service_choices(domain)

    FILTERS = ("domain", "service", "sub_service", "api_channel", "api_permission", "rate_limit_pool", "deprecated",
               "weight_min", "weight_max")  # fmt: skip

    def filters(self) -> dict:
        """The valid, non-empty filters."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: data[name] for name in self.FILTERS if data.get(name) not in (None, "")}

    def text(self) -> str:
        """The query as typed; NUL characters (which the field itself refuses) are simply dropped."""
        return str(self.data.get("q", "")).replace("\x00", "").strip()

    def ignored(self) -> list[str]:
        """Labels of the filters that were given but not understood."""
        self.is_valid()
        return [str(self.fields[name].label or name) for name in self.errors if name in self.FILTERS]
