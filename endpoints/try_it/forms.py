"""The try-it form, built from an endpoint's catalogued parameters and validated before anything is sent."""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from functools import cached_property
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError

from endpoints.kucoin.signing import (
    DEFAULT_KEY_VERSION,
    KEY_VERSIONS,
    ApiKey,
    BrokerKey,
    SigningRequirement,
    signing_requirement,
)
from endpoints.selectors import endpoint_parameters

from . import bounded_json
from .blind_fields import BodyEditor, QueryLinesEditor, blind, shown_value
from .secret_parameters import body_with_secrets_replaced, emptied, is_secret_parameter, query_lines_without_secrets
from .upstream import Inputs, UnsafePathValue, check_path_value

PARAM_PREFIX = "p_"
BODY_FIELD = "body"
EXTRA_QUERY_FIELD = "extra_query"
API_FIELDS = ("api_key", "api_secret", "api_passphrase")
BROKER_FIELDS = ("broker_partner", "broker_name", "broker_key")
# Never rendered back into HTML, never put in a share link, filtered from error reports.
CREDENTIAL_FIELDS = (*API_FIELDS, *BROKER_FIELDS)
SECRET_FIELDS = ("api_secret", "api_passphrase", "broker_key")
# With JavaScript on, the page posts which secret fields it holds (names only, comma-separated).
HELD_BY_PAGE_FIELD = "secrets_in_page"


class NoEchoTextInput(forms.TextInput):
    """A text input that never renders a submitted value back into the page."""

    def format_value(self, value):
        return None


def header_safe(value: str) -> None:
    """Refuse what cannot travel in an HTTP header; the message never repeats the value."""
    if any(not " " <= char <= "~" for char in value):
        raise ValidationError("Only printable ASCII characters can go here: this value travels in an HTTP header.")


def credential_input(label: str, *, secret: bool) -> forms.CharField:
    attrs = {"autocomplete": "off", "spellcheck": "false", "autocapitalize": "off", "data-credential": "1"}
    widget = forms.PasswordInput(attrs=attrs, render_value=False) if secret else NoEchoTextInput(attrs=attrs)
    # The key, partner and broker name are sent as headers; the secrets are only ever signed with.
    validators = [] if secret else [header_safe]
    return forms.CharField(label=label, required=False, strip=True, widget=widget, validators=validators)


def key_version_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label="Key version", choices=[(v, v) for v in KEY_VERSIONS], initial=DEFAULT_KEY_VERSION, required=False
    )


# Built per form, and only for endpoints that are signed: a public endpoint's form has none of them.
API_KEY_FIELDS = {
    "api_key": lambda: credential_input("API key", secret=False),
    "api_secret": lambda: credential_input("API secret", secret=True),
    "api_passphrase": lambda: credential_input("API passphrase", secret=True),
    "api_key_version": key_version_field,
}
BROKER_KEY_FIELDS = {
    "broker_partner": lambda: credential_input("Broker partner", secret=False),
    "broker_name": lambda: credential_input("Broker name", secret=False),
    "broker_key": lambda: credential_input("Broker key", secret=True),
}


class TryItForm(forms.Form):
    """Path and query fields, a JSON body, and (for signed endpoints) the credentials, in that order."""

    def __init__(self, endpoint, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.endpoint = endpoint
        parameters = endpoint_parameters(endpoint)
        self.parameters = [p for p in parameters if p.location in ("path", "query")]
        self.body_parameters = [p for p in parameters if p.location == "body"]
        for parameter in self.parameters:
            self.fields[PARAM_PREFIX + parameter.name] = parameter_field(parameter)
        if endpoint.json_body:
            self.fields[BODY_FIELD] = forms.CharField(
                label="Body (JSON)",
                required=False,
                strip=False,
                widget=BodyEditor(attrs={"rows": 8, "spellcheck": "false"}),
            )
        elif not endpoint.metadata_published and not self.parameters:
            # Unified-account routes come without parameters; let people pass what KuCoin documents.
            self.fields[EXTRA_QUERY_FIELD] = forms.CharField(
                label="Query parameters",
                required=False,
                widget=QueryLinesEditor(attrs={"rows": 3, "spellcheck": "false"}),
                help_text="One name=value per line, sent in this order.",
            )
        if self.takes_credentials:
            self.fields.update((name, build()) for name, build in API_KEY_FIELDS.items())
        if self.signing.needs_broker:
            self.fields.update((name, build()) for name, build in BROKER_KEY_FIELDS.items())

    # --- what the endpoint asks for ---

    @cached_property
    def signing(self) -> SigningRequirement:
        return signing_requirement(self.endpoint)

    @property
    def takes_credentials(self) -> bool:
        return self.signing.takes_key

    @property
    def needs_credentials(self) -> bool:
        """Private (and broker) endpoints must be signed; unpublished ones are signed only if a key is given."""
        return self.signing.requires_key

    def parameter_fields(self):
        return [self[PARAM_PREFIX + p.name] for p in self.parameters]

    @property
    def body_field(self):
        return self[BODY_FIELD] if BODY_FIELD in self.fields else None

    @property
    def extra_query_field(self):
        return self[EXTRA_QUERY_FIELD] if EXTRA_QUERY_FIELD in self.fields else None

    def credential_fields(self):
        return [self[name] for name in (*API_FIELDS, "api_key_version") if name in self.fields]

    def broker_fields(self):
        return [self[name] for name in BROKER_FIELDS if name in self.fields]

    def fields_with_errors(self):
        """The bound fields that failed validation (not the form-wide errors)."""
        return [self[name] for name in self.errors if name in self.fields]

    # --- validation ---

    def clean_body(self):
        text = self.cleaned_data.get(BODY_FIELD, "")
        return validate_body(text, self.endpoint, self.body_parameters)

    def clean_extra_query(self):
        items = []
        for number, line in enumerate(self.cleaned_data.get(EXTRA_QUERY_FIELD, "").splitlines(), start=1):
            if not line.strip():
                continue
            name, sep, value = line.strip().partition("=")
            if not sep or not name:
                raise ValidationError(f"Line {number}: write name=value.")
            items.append((name.strip(), value.strip()))
        return items

    def require_credentials(self, *, held_by_page: frozenset[str] = frozenset()) -> None:
        """Before sending: private and broker endpoints need every credential; others all or none.

        `held_by_page` names the secret fields the page fills in and signs with itself: their
        values never come to us, only the word that they are there.
        """
        cleaned = self.cleaned_data

        def given(name: str) -> bool:
            return bool(cleaned.get(name)) or (name in SECRET_FIELDS and name in held_by_page)

        if self.needs_credentials or any(given(name) for name in API_FIELDS):
            for name in API_FIELDS:
                if not given(name):
                    self.add_error(name, f"{self.fields[name].label} is needed to sign this request.")
        if self.signing.needs_broker:
            for name in BROKER_FIELDS:
                if not given(name):
                    self.add_error(name, f"{self.fields[name].label} is needed for broker endpoints.")

    # --- what to send ---

    def inputs(self) -> Inputs:
        """The validated path values, query items (in catalogue order) and body text."""
        data = self.cleaned_data
        path_values, query_items = {}, []
        for parameter in self.parameters:
            value = data.get(PARAM_PREFIX + parameter.name)
            if value in (None, ""):
                continue
            if parameter.location == "path":
                path_values[parameter.name] = value
            elif parameter.type == "array":
                query_items.extend((parameter.name, part.strip()) for part in value.split(",") if part.strip())
            else:
                query_items.append((parameter.name, value))
        query_items.extend(data.get(EXTRA_QUERY_FIELD) or [])
        return Inputs(path_values, tuple(query_items), data.get(BODY_FIELD) or "")

    def signing_key(self) -> ApiKey | None:
        data = self.cleaned_data
        if not all(data.get(name) for name in API_FIELDS):
            return None
        version = data.get("api_key_version") or DEFAULT_KEY_VERSION
        return ApiKey(data["api_key"], data["api_secret"], data["api_passphrase"], version)

    def broker_identity(self) -> BrokerKey | None:
        data = self.cleaned_data
        if not self.signing.needs_broker or not all(data.get(name) for name in BROKER_FIELDS):
            return None
        return BrokerKey(data["broker_partner"], data["broker_name"], data["broker_key"])

    def share_query(self) -> str:
        """The parameters as typed, as a query string for a share link: no credential, no secret parameter."""
        names = [PARAM_PREFIX + p.name for p in self.parameters if not is_secret_parameter(p.name)]
        items = [(name, self.data[name]) for name in names if self.data.get(name)]
        if self.data.get(EXTRA_QUERY_FIELD):
            items.append((EXTRA_QUERY_FIELD, query_lines_without_secrets(self.data[EXTRA_QUERY_FIELD])))
        if BODY_FIELD in self.fields and self.data.get(BODY_FIELD):
            body = body_with_secrets_replaced(self.data[BODY_FIELD], emptied, indent=2)
            items += [(BODY_FIELD, body)] if body else []  # None: unreadable, so it may hide a secret
        return urlencode([(name, value) for name, value in items if name in self.fields])

    def add_path_error(self, error: UnsafePathValue) -> None:
        self.add_error(PARAM_PREFIX + error.name, str(error))


# --- fields for path and query parameters ------------------------------------------------------


def parameter_field(parameter) -> forms.Field:
    """A form field for one path or query parameter: select for enums and booleans, text otherwise."""
    required = parameter.required or parameter.location == "path"
    label = parameter.name
    help_text = parameter.description
    placeholder = placeholder_for(parameter)
    attrs = {"placeholder": placeholder} if placeholder else {}
    if parameter.enum_values:
        choices = ([] if required else [("", "(not sent)")]) + [(str(v), str(v)) for v in parameter.enum_values]
        return forms.ChoiceField(
            label=label, required=required, choices=choices, help_text=help_text,
            error_messages={"invalid_choice": f"Choose one of: {', '.join(str(v) for v in parameter.enum_values)}."},
        )  # fmt: skip
    if parameter.type == "boolean":
        choices = [("", "(not sent)"), ("true", "true"), ("false", "false")]
        return forms.ChoiceField(label=label, required=required, choices=choices, help_text=help_text)
    validators = {"integer": [whole_number], "number": [number]}.get(parameter.type, [])
    if parameter.location == "path":
        validators = [*validators, safe_path_value]
    attrs = {**attrs, "spellcheck": "false", "autocomplete": "off"}
    # A secret parameter is typed blind and never rendered back into the page, nor in an error.
    secret = is_secret_parameter(parameter.name)
    validators = [blind(check) for check in validators] if secret else validators
    widget = forms.PasswordInput(attrs=attrs, render_value=False) if secret else forms.TextInput(attrs=attrs)
    return forms.CharField(
        label=label, required=required, help_text=help_text, validators=validators, widget=widget,
        error_messages={"required": f"{parameter.name} is required."},
    )  # fmt: skip


def placeholder_for(parameter) -> str:
    for value in (parameter.example, parameter.default):
        if value not in (None, ""):
            return json.dumps(value) if isinstance(value, bool) else str(value)
    return ""


def whole_number(value: str) -> None:
    try:
        int(value)
    except ValueError:
        raise ValidationError(f"Enter a whole number such as 20 (got “{value}”).") from None


def number(value: str) -> None:
    try:
        Decimal(value)
    except InvalidOperation:
        raise ValidationError(f"Enter a number such as 0.5 (got “{value}”).") from None


def safe_path_value(value: str) -> None:
    try:
        check_path_value("This value", value)
    except UnsafePathValue as error:
        raise ValidationError(str(error).replace("This value cannot", "Cannot")) from None


# --- the JSON body ------------------------------------------------------------------------------


def validate_body(text: str, endpoint, body_parameters) -> str:
    """Parse and check the body; return the exact compact JSON to send (or "" for no body)."""
    required = [p.name for p in body_parameters if p.required and p.name not in omitted_by_kucoin(endpoint)]
    if not text.strip():
        missing = required
        if missing:
            raise ValidationError(f"The body needs {', '.join(missing)}.")
        return ""
    try:
        value = bounded_json.bounded_loads(text)
    except json.JSONDecodeError as error:
        raise ValidationError(f"Line {error.lineno}, column {error.colno}: {error.msg}.") from None
    except bounded_json.Refused as error:
        raise ValidationError(str(error)) from None
    expects_list = (endpoint.request_schema or {}).get("type") == "array"
    if expects_list and not isinstance(value, list):
        raise ValidationError("This endpoint takes a JSON array ([...]) as its body.")
    if not expects_list and not isinstance(value, dict):
        raise ValidationError("The body must be a JSON object ({...}).")
    problems = body_problems(value, body_parameters, required) if isinstance(value, dict) else []
    if problems:
        raise ValidationError(problems)
    # KuCoin signs the exact body bytes and asks for no extra spaces: send compact JSON.
    try:
        return bounded_json.compact(value)
    except bounded_json.Refused as error:
        raise ValidationError(str(error)) from None


def omitted_by_kucoin(endpoint) -> set[str]:
    """Fields KuCoin's spec marks required yet leaves out of its own request example.

    Those are conditionally required in KuCoin's words ("subTag: need to be defined if
    subAccountType=ISOLATED"; multi-cancel takes orderIdsList *or* clientOidsList), so
    blocking them would refuse requests KuCoin accepts: KuCoin's gateway decides instead.
    """
    example = endpoint.request_example
    if not isinstance(example, dict):
        return set()
    return {p.name for p in endpoint_parameters(endpoint) if p.location == "body" and p.name not in example}


def body_problems(value: dict, body_parameters, required: list[str]) -> list[str]:
    """Check the top-level body fields: required, enum, integer / number / boolean."""
    problems = []
    for parameter in body_parameters:
        given = value.get(parameter.name)
        if given is None or (given == "" and parameter.name in required):  # "" fills no required field
            if parameter.name in required:
                problems.append(f"{parameter.name} is required.")
            continue
        problem = type_problem(parameter.name, parameter.type, given)
        if problem:
            problems.append(problem)
        elif parameter.enum_values and not isinstance(given, (list, dict)) and given not in parameter.enum_values:
            allowed = ", ".join(str(v) for v in parameter.enum_values)
            problems.append(f"{parameter.name} must be one of {allowed} (got {shown_value(parameter.name, given)}).")
    return problems


def type_problem(name: str, expected: str, given) -> str:
    checks = {
        "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
        "boolean": lambda v: isinstance(v, bool),
        "array": lambda v: isinstance(v, list),
        "object": lambda v: isinstance(v, dict),
    }
    words = {
        "integer": "a whole number",
        "number": "a number",
        "boolean": "true or false",
        "array": "a list [...]",
        "object": "an object {...}",
    }
    check = checks.get(expected)
    if check and not check(given):
        return f"{name} must be {words[expected]} (got {shown_value(name, given)})."
    return ""
