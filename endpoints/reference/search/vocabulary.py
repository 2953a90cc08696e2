"""The catalogue's own words, path templates and live items, read once per catalogue version.

A word nothing in the catalogue starts with is either a typo (`withdrawl`, `acount`)
or talk (`money`): the first is corrected to the nearest word KuCoin's names use,
the second is dropped. Concrete paths (`/api/v1/orders/5c35c0…`) are matched
against the path and topic templates. The live items (without their large JSON
fields) are kept too, so a search costs one index query, not an ORM fetch per hit.
"""

from __future__ import annotations

import bisect
import re
import threading
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import OSA

from .index import index_texts
from .query import Term, stem_prefix, words_of

_PLACEHOLDER = re.compile(r"\{[^}]*\}")
HEAVY_ENDPOINT_FIELDS = ("request_schema", "response_schema", "request_example", "response_example")
HEAVY_CHANNEL_FIELDS = ("message_schema", "message_example")
CORRECTIONS_KEPT = 4096


@dataclass(frozen=True)
class Vocabulary:
    words: list[str]  # every word of the index, sorted, for prefix look-ups
    names: list[str]  # words of names and paths, most frequent first: what corrections pick from
    templates: list[tuple[str, int, re.Pattern]]  # (kind, id, pattern) of each live path and topic
    items: dict[tuple[str, int], Any]  # (kind, id) -> the live endpoint or channel
    # nearest()'s answers: a search that corrects a word and the search page's storability check both ask.
    corrections: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def knows(self, word: str) -> bool:
        """Whether some catalogue word starts with `word` (or with its stem: `trades` -> `trade`)."""
        start = stem_prefix(word)
        at = bisect.bisect_left(self.words, start)
        return at < len(self.words) and self.words[at].startswith(start)

    def nearest(self, word: str) -> str:
        """The name word one typo away (two for longer words), or '' when there is none."""
        if not word.isalpha() or len(word) < 4:
            return ""
        if word not in self.corrections:
            found = process.extractOne(word, self.names, scorer=OSA.distance, score_cutoff=1 if len(word) < 6 else 2)
            if len(self.corrections) >= CORRECTIONS_KEPT:
                self.corrections.clear()  # words are whatever people type: keep the memory bounded
            self.corrections[word] = found[0] if found else ""
        return self.corrections[word]

    def revise(self, terms: list[Term]) -> list[Term]:
        """Correct each unknown word of a one-word term and drop what stays unknown."""
        revised = []
        for term in terms:
            if len(term.words) > 1 or self.knows(term.words[0]):
                kept = tuple(word for word in term.words if self.knows(word))
                revised += [Term(kept)] if kept else []
            elif nearest := self.nearest(term.words[0]):
                revised.append(Term((nearest,), term.alternatives))
        return [term for index, term in enumerate(revised) if term not in revised[:index]]

    def locate(self, path: str) -> list[tuple[str, int]]:
        """The (kind, id) of every endpoint path or channel topic whose template `path` fills in."""
        return [(kind, item_id) for kind, item_id, pattern in self.templates if pattern.fullmatch(path)]


def template_pattern(template: str) -> re.Pattern:
    """`/api/v1/orders/{orderId}` -> a pattern any one segment fills in; literal parts must match."""
    parts = _PLACEHOLDER.split(template.rstrip("/") or "/")
    return re.compile("[^/?#]+".join(re.escape(part) for part in parts) + "/?", re.IGNORECASE)


def vocabulary_build() -> Vocabulary:
    """Read the index and the live items into a Vocabulary."""
    from endpoints import selectors

    every: set[str] = set()
    names: Counter[str] = Counter()
    for locator, name, body in index_texts():
        located = words_of(f"{locator} {name}")
        names.update(word for word in located if word.isalpha() and len(word) > 2)
        every.update(located, words_of(body))
    items: dict[tuple[str, int], Any] = {
        ("endpoint", e.pk): e for e in selectors.endpoint_filter().defer(*HEAVY_ENDPOINT_FIELDS)
    }
    items.update((("channel", c.pk), c) for c in selectors.channel_list().defer(*HEAVY_CHANNEL_FIELDS))
    templates = [
        (kind, pk, template_pattern(item.path if kind == "endpoint" else item.topic))
        for (kind, pk), item in items.items()
    ]
    return Vocabulary(sorted(every), [word for word, _ in names.most_common()], templates, items)


_cache: dict[str, Vocabulary] = {}
_lock = threading.Lock()


def vocabulary() -> Vocabulary:
    """The current catalogue's Vocabulary, built at most once per catalogue version and process."""
    from endpoints import selectors

    version = selectors.catalogue_version()
    with _lock:
        if version not in _cache:
            _cache.clear()
            _cache[version] = vocabulary_build()
        return _cache[version]
