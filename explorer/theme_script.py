"""The one inline script, run before the first paint: the saved theme, and a first frame of the reference alone.

- It applies a saved theme, so a dark page never flashes white.
- It marks the document `data-first-frame` until the frame after the one that first shows the
  whole document: site.css skips the sidebar and the request column while the mark is on, so
  a fresh tab lays out and draws the article first and the two side columns a frame later.
  Their widths are fixed by the grid, so nothing moves. A link to a fragment (a column's tab,
  the phone menu's #nav) gets no such frame, nor does a reader without JavaScript. The mark is
  taken off here, not in late.js, so a script that fails to load cannot leave a column hidden;
  the timer is for a background tab, which draws no frames.

It is allowed by its hash in the Content-Security-Policy rather than by a per-response nonce:
the script never changes, and a nonce would make every page unique, so no page could be
served whole from the cache (endpoints/reference/page_cache.py).
"""

import base64
import hashlib

THEME_SCRIPT = (
    "(function(){var d=document.documentElement;"
    'try{var t=localStorage.getItem("theme");if(t==="dark"||t==="light")d.dataset.theme=t}catch(e){}'
    'if(!location.hash){d.dataset.firstFrame="";var s=function(){delete d.dataset.firstFrame};'
    'document.addEventListener("DOMContentLoaded",function(){requestAnimationFrame(function(){setTimeout(s,0)});'
    "setTimeout(s,100)})}})()"
)


def csp_source(script: str = THEME_SCRIPT) -> str:
    """The script's CSP hash source, 'sha256-…', as CSP Level 2 defines it (over the UTF-8 text)."""
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    return f"'sha256-{digest}'"
