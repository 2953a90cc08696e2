"""Values every page template can use."""

from django.conf import settings

SITE_NAME = "KuCoin API Explorer"


def site(request):
    return {
        "site_name": SITE_NAME,
        # Pages say whether try-it talks to KuCoin itself or to a sandbox.
        "kucoin_upstream": settings.KUCOIN_UPSTREAM,
    }
