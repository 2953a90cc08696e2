"""The one inline script: it applies a saved theme before the first paint, so a dark page never flashes white.

It is allowed by its hash in the Content-Security-Policy rather than by a per-response nonce:
the script never changes, and a nonce would make every page unique, so no page could be
served whole from the cache (endpoints/reference/page_cache.py).
"""

import base64
import hashlib

THEME_SCRIPT = (
    'try{var t=localStorage.getItem("theme");if(t==="dark"||t==="light")document.documentElement.dataset.theme=t}'
    "catch(e){}"
)


def csp_source(script: str = THEME_SCRIPT) -> str:
    """The script's CSP hash source, 'sha256-…', as CSP Level 2 defines it (over the UTF-8 text)."""
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    return f"'sha256-{digest}'"
