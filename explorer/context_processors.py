"""Values every page template can use."""

from django.conf import settings


def site(request):
    return {
        "site_name": "KuCoin API Explorer",
        # Pages say whether try-it talks to KuCoin itself or to a sandbox.
        "kucoin_upstream": settings.KUCOIN_UPSTREAM,
    }
