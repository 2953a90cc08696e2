"""The KuCoin catalogue: REST endpoints, their parameters, WebSocket channels, team notes.

Only `endpoints.sync` writes endpoints, parameters and channels; notes belong to
the team and no import ever touches them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from .fields import OrderedJSONField
from .kucoin.hosts import DOMAIN_LABELS

# The KuCoin host an endpoint lives on (not the product it belongs to), as KuCoin names them.
Domain = models.TextChoices("Domain", [(name.upper(), (name, label)) for name, label in DOMAIN_LABELS.items()])


class ApiChannel(models.TextChoices):
    PUBLIC = "public", "Public"
    PRIVATE = "private", "Private"


class ApiPermission(models.TextChoices):
    GENERAL = "General"
    SPOT = "Spot"
    MARGIN = "Margin"
    FUTURES = "Futures"
    EARN = "Earn"
    WITHDRAWAL = "Withdrawal"
    FLEX_TRANSFERS = "FlexTransfers"
    LEADTRADE_FUTURES = "LeadtradeFutures"


class RateLimitPool(models.TextChoices):
    SPOT = "Spot"
    FUTURES = "Futures"
    MANAGEMENT = "Management"
    PUBLIC = "Public"
    EARN = "Earn"
    COPY_TRADING = "CopyTrading"
    BROKER = "Broker"


class WebSocketProtocol(models.TextChoices):
    CLASSIC = "classic", "Classic"
    UNIFIED = "unified", "Unified account"
    UNIFIED_TRADE = "unified-trade", "Unified account trading"


class ParameterLocation(models.TextChoices):
    PATH = "path"
    QUERY = "query"
    BODY = "body"


class CatalogueItem(models.Model):
    """What endpoints and channels share: SDK identity, prose, retirement."""

    slug = models.CharField(max_length=200, unique=True)
    summary = models.CharField(max_length=300)
    description = models.TextField(blank=True, help_text="Markdown.")
    sdk_service = models.CharField(max_length=50, db_index=True)
    sdk_sub_service = models.CharField(max_length=50)
    sdk_method_name = models.CharField(max_length=100, help_text="camelCase, as KuCoin writes it.")
    sort_order = models.PositiveIntegerField(default=0)
    retired_at = models.DateTimeField(
        null=True, blank=True, help_text="Set when the source no longer has it; it is never deleted."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Indexed: the version tokens read MAX(updated_at) on every page view (selectors.page_version()).
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        abstract = True

    @property
    def is_retired(self) -> bool:
        return self.retired_at is not None


class Endpoint(CatalogueItem):
    """One KuCoin REST endpoint, identified by domain + method + path."""

    domain = models.CharField(max_length=10, choices=Domain.choices)
    method = models.CharField(max_length=10)
    path = models.CharField(max_length=300)
    doc_url = models.URLField(blank=True, help_text="The official KuCoin documentation page.")
    deprecated = models.BooleanField(default=False)

    # KuCoin publishes these five for the classic API; for unified-account (UTA)
    # routes it publishes none, which `metadata_published` records so pages can
    # say so instead of showing blanks.
    metadata_published = models.BooleanField(default=True)
    api_channel = models.CharField(max_length=10, choices=ApiChannel.choices, blank=True)
    api_permission = models.CharField(
        max_length=20, choices=ApiPermission.choices, blank=True, help_text="Blank: none needed."
    )
    rate_limit_pool = models.CharField(max_length=20, choices=RateLimitPool.choices, blank=True)
    rate_limit_weight = models.PositiveIntegerField(
        null=True, blank=True, help_text="Empty when KuCoin does not publish it (unknown, not 0)."
    )

    json_body = models.BooleanField(
        default=False, help_text="Parameters travel as a JSON body rather than the query string."
    )
    needs_broker_signature = models.BooleanField(
        default=False, help_text="Signed with the broker partner headers as well."
    )
    sdk_python_call = models.CharField(
        max_length=200,
        blank=True,
        help_text="Attribute chain on the SDK's REST service, e.g. get_spot_service().get_market_api().get_ticker",
    )
    sdk_request_model = models.CharField(
        max_length=300, blank=True, help_text="Dotted path of the SDK's request model, if any."
    )

    request_schema = OrderedJSONField(null=True, blank=True, help_text="JSON Schema of the body.")
    response_schema = OrderedJSONField(null=True, blank=True, help_text="JSON Schema of the envelope.")
    request_example = OrderedJSONField(null=True, blank=True)
    response_example = OrderedJSONField(null=True, blank=True)

    class Meta:
        ordering = ["sdk_service", "sdk_sub_service", "sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["domain", "method", "path"], name="endpoint_identity"),
        ]

    def __str__(self) -> str:
        return f"{self.method} {self.path} ({self.get_domain_display()})"

    def get_absolute_url(self) -> str:
        return reverse("reference:endpoint", kwargs={"slug": self.slug})

    @property
    def rate_limit_weight_display(self) -> str:
        return "unknown" if self.rate_limit_weight is None else str(self.rate_limit_weight)

    @property
    def api_permission_display(self) -> str:
        return self.api_permission or "none"


class Parameter(models.Model):
    """A top-level input of an endpoint; nested body fields live in `request_schema`."""

    endpoint = models.ForeignKey(Endpoint, on_delete=models.CASCADE, related_name="parameters")
    name = models.CharField(max_length=100)
    location = models.CharField(max_length=10, choices=ParameterLocation.choices)
    type = models.CharField(max_length=20, help_text="JSON Schema type: string, integer, array, ...")
    required = models.BooleanField(default=False)
    enum_values = OrderedJSONField(default=list, blank=True)
    default = OrderedJSONField(null=True, blank=True, help_text="Empty when there is no default.")
    description = models.TextField(blank=True)
    example = OrderedJSONField(null=True, blank=True)
    schema = OrderedJSONField(default=dict, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["endpoint", "position"]
        constraints = [
            models.UniqueConstraint(fields=["endpoint", "location", "name"], name="parameter_identity"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.location})"


class Channel(CatalogueItem):
    """One KuCoin WebSocket push topic, or one request of the unified-account trading connection."""

    topic = models.CharField(max_length=200, help_text="With argument placeholders, e.g. /market/ticker:{symbol}")
    api_channel = models.CharField(max_length=10, choices=ApiChannel.choices)
    push_frequency = models.CharField(max_length=200, blank=True)
    topic_args = OrderedJSONField(default=list, blank=True, help_text="Placeholder names in the topic.")
    accepts_many = models.BooleanField(default=False, help_text="Takes a comma-joined list of symbols.")
    message_schema = OrderedJSONField(null=True, blank=True)
    message_example = OrderedJSONField(null=True, blank=True)
    protocol = models.CharField(max_length=16, choices=WebSocketProtocol.choices, default=WebSocketProtocol.CLASSIC)
    address = models.CharField(max_length=200, blank=True, help_text="The unified protocol's fixed wss:// host.")
    subscribe_frame = OrderedJSONField(null=True, blank=True, help_text="The unified protocol's subscribe frame.")

    class Meta:
        ordering = ["sdk_service", "sdk_sub_service", "sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["sdk_sub_service", "topic"], name="channel_identity"),
        ]

    def __str__(self) -> str:
        return self.topic

    def get_absolute_url(self) -> str:
        return reverse("reference:channel", kwargs={"slug": self.slug})


class Note(models.Model):
    """A team annotation on an endpoint or a channel; syncs never touch it."""

    endpoint = models.ForeignKey(Endpoint, null=True, blank=True, on_delete=models.CASCADE, related_name="notes")
    channel = models.ForeignKey(Channel, null=True, blank=True, on_delete=models.CASCADE, related_name="notes")
    text = models.TextField()
    author = models.CharField(max_length=150, blank=True, help_text="Filled with your user name if left empty.")
    # Who may edit or delete it besides staff; empty for notes written before sign-in existed.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="notes"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(endpoint__isnull=False, channel__isnull=True)
                    | models.Q(endpoint__isnull=True, channel__isnull=False)
                ),
                name="note_on_exactly_one_item",
            )
        ]

    def __str__(self) -> str:
        return f"{self.author}: {self.text[:40]}"

    @property
    def item(self) -> Endpoint | Channel:
        return self.endpoint if self.endpoint_id else self.channel


class SyncRun(models.Model):
    """One successful catalogue import; the newest one names the catalogue version."""

    source = models.CharField(max_length=500, help_text="What was read, in words.")
    sdk_version = models.CharField(max_length=30, blank=True)
    fingerprint = models.CharField(max_length=64, help_text="SHA-256 of the imported catalogue.")
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    retired = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    finished_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-finished_at", "-pk"]
        get_latest_by = ["finished_at", "pk"]

    def __str__(self) -> str:
        return f"{self.source} at {self.finished_at:%Y-%m-%d %H:%M}"


class ChangeKind(models.TextChoices):
    ADDED = "added", "Added"
    CHANGED = "changed", "Changed"
    RETIRED = "retired", "Retired"
    RESTORED = "restored", "Back"


class CatalogueChange(models.Model):
    """What one sync did to one endpoint or channel, each difference spelled out (written by `sync`)."""

    sync = models.ForeignKey(SyncRun, on_delete=models.CASCADE, related_name="changes")
    endpoint = models.ForeignKey(Endpoint, null=True, blank=True, on_delete=models.CASCADE, related_name="changes")
    channel = models.ForeignKey(Channel, null=True, blank=True, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(max_length=10, choices=ChangeKind.choices)
    label = models.CharField(max_length=400, help_text="The item as it was named then, e.g. GET /api/v1/orders (spot).")
    details = OrderedJSONField(default=list, blank=True, help_text='[{"text": ..., "breaking": bool}, ...]')
    breaking = models.BooleanField(default=False, help_text="Code written against the old version may fail.")

    class Meta:
        ordering = ["-sync_id", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.label}"

    @property
    def item(self) -> Endpoint | Channel:
        return self.endpoint if self.endpoint_id else self.channel
