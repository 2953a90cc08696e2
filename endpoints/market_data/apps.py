from django.apps import AppConfig


class MarketDataConfig(AppConfig):
    """Market data for backtesting: its own app so its tables and migrations stay apart from the catalogue's."""

    name = "endpoints.market_data"
    label = "market_data"
    verbose_name = "Market data"
    default_auto_field = "django.db.models.BigAutoField"
