"""Values every page template can use."""

from django.conf import settings
from django.utils.safestring import mark_safe

from explorer.theme_script import THEME_SCRIPT

SITE_NAME = "KuCoin API Explorer"


def site(request):
    return {
        "site_name": SITE_NAME,
        # Pages say whether try-it talks to KuCoin itself or to a sandbox.
        "kucoin_upstream": settings.KUCOIN_UPSTREAM,
        # Allowed by its hash in the CSP, so it must be printed exactly as written.
        "theme_script": mark_safe(THEME_SCRIPT),  # noqa: S308 - a constant of ours
    }
