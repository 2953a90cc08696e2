"""What the user typed, reduced to words: stop words out, light stems, URLs and `METHOD path` understood.

A query is reduced to plain words before it reaches SQL, so quotes, operators and
markup can never change the meaning of the search, and nothing the user typed is
ever spliced into SQL (every value is a bound parameter).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

import snowballstemmer

from endpoints.kucoin.hosts import REST_BASE_URLS

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
# Words too common to narrow anything down, and the glue of questions ("how do I get my
# balance"). SQL keywords are not special-cased: they are only words here.
STOP_WORDS = frozenset({
    "a", "an", "and", "or", "not", "the", "of", "to", "in", "on", "for", "by", "is", "with", "how", "do",
    "does", "can", "could", "what", "which", "where", "when", "why", "who", "i", "me", "my", "mine", "our",
    "we", "you", "your", "it", "its", "this", "that", "want", "need", "please", "show", "find", "see", "be",
    "are", "am", "was", "there", "here", "using", "use", "via", "some", "any"
})  # fmt: skip
# Words that say the reader means their own account: private calls first.
OWN_WORDS = frozenset({"my", "mine", "our"})
UNIFIED_WORDS = frozenset({"uta", "unified", "ua"})
# What people type -> the word KuCoin's names use for the same thing.
SYNONYMS = {
    "place": ("add",),
    "create": ("add",),
    "submit": ("add",),
    "balance": ("account",),
    "funds": ("account",),
    "remove": ("cancel",),
    "delete": ("cancel",),
    "depth": ("orderbook", "level2"),
    "fills": ("trade",),
    "candles": ("klines",),
    "candlestick": ("klines",),
}
HTTP_METHODS = frozenset({"GET", "POST", "PUT", "DELETE", "PATCH"})
# Hosts name a domain: api-futures.kucoin.com is the futures API.
HOST_DOMAINS = {url.split("://", 1)[1]: domain for domain, url in REST_BASE_URLS.items()}

_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_WORD = re.compile(r"[^\W_]+")
_URL = re.compile(r"^(?:https?|wss?)://(?P<host>[^/\s?#]+)(?P<path>/[^\s?#]*)?(?:[?#]\S*)?$", re.IGNORECASE)
_BARE_HOST = re.compile(r"^(?P<host>[\w-]+(?:\.[\w-]+)*\.[a-z]{2,})(?P<path>/[^\s?#]*)(?:[?#]\S*)?$", re.IGNORECASE)
# The prefix every REST path starts with: `/api/v1/...`, `/api/v3/...`.
_PATH_NOISE = re.compile(r"api|v\d+")
_STEMMER = snowballstemmer.stemmer("english")


@dataclass(frozen=True)
class Term:
    """One thing the user typed: a word, or a phrase when it joined words (`hf/orders`, `addOrder`).

    `alternatives` are other words that count for a one-word term (`place` also finds `add`).
    """

    words: tuple[str, ...]
    alternatives: tuple[str, ...] = ()

    @property
    def prefixes(self) -> tuple[str, ...]:
        """What a one-word term matches the start of: its light stem and its alternatives."""
        return (stem_prefix(self.words[0]), *self.alternatives) if len(self.words) == 1 else ()


@dataclass
class ParsedQuery:
    text: str
    terms: list[Term] = field(default_factory=list)
    too_long: bool = False
    method: str = ""  # `GET /api/v1/accounts`: the method asked for
    path: str = ""  # a path or topic as typed, or the path of a URL
    domain: str = ""  # the domain a URL's host names
    own: bool = False  # "my trades": the reader's own account
    unified: bool = False  # the query names the unified account itself

    @property
    def words(self) -> list[str]:
        return [word for term in self.terms for word in term.words]

    @property
    def marked_words(self) -> list[str]:
        """The words to mark in results: `api` and `v1` begin nearly every path, so marking them says nothing."""
        if not self.path:
            return self.words
        meaningful = [word for word in self.words if not _PATH_NOISE.fullmatch(word)]
        return meaningful or self.words

    def with_terms(self, terms: list[Term]) -> ParsedQuery:
        return replace(self, terms=terms, text=" ".join(" ".join(t.words) for t in terms))


def words_of(text: str) -> list[str]:
    """Split text into lower-case words, breaking camelCase, snake_case, paths and topics apart."""
    return [word.lower() for word in _WORD.findall(_CAMEL_BOUNDARY.sub(" ", text))]


def squash(text: str) -> str:
    """Letters and digits only, lower case: `add_order`, `addOrder` and `Add Order` all become `addorder`."""
    return "".join(words_of(text))


@lru_cache(maxsize=4096)
def stem_prefix(word: str) -> str:
    """The start every form of `word` shares: `trades` -> `trade`, `history` -> `histor`, `ord` -> `ord`."""
    if len(word) < 5 or not word.isalpha():
        return word
    stem = _STEMMER.stemWord(word)
    shared = 0
    while shared < min(len(stem), len(word)) and stem[shared] == word[shared]:
        shared += 1
    return word[: max(shared, 4)]


def split_locator(text: str) -> tuple[str, str, str]:
    """(method, path, domain) of `GET /api/v1/x`, `https://api.kucoin.com/api/v1/x?a=1` or a bare path."""
    method = ""
    head, _, rest = text.partition(" ")
    if head.upper() in HTTP_METHODS and rest.strip() and " " not in rest.strip():
        method, text = head.upper(), rest.strip()
    found = _URL.match(text) or _BARE_HOST.match(text)
    if found:
        host = found["host"].lower()
        return method, found["path"] or "/", HOST_DOMAINS.get(host, "")
    if text.startswith("/") and " " not in text:
        return method, text.split("?")[0].split("#")[0], ""
    return method, "", ""


def parse_query(text: str) -> ParsedQuery:
    """Reduce what the user typed to words and phrases; junk reduces to nothing."""
    text = (text or "").strip()
    if len(text) > MAX_QUERY_LENGTH:
        return ParsedQuery(text=text, too_long=True)
    method, path, domain = split_locator(text)
    chunks = [path] if path else text.split()
    query = ParsedQuery(text=text, method=method, path=path, domain=domain)
    for chunk in chunks:
        # One-letter words (the `1` of `1=1`, a stray `a`) match too much to mean anything.
        words = tuple(word for word in words_of(chunk) if len(word) > 1)
        if len(words) == 1 and words[0] in STOP_WORDS:
            query.own = query.own or words[0] in OWN_WORDS
            continue
        query.unified = query.unified or bool(UNIFIED_WORDS & set(words))
        term = Term(words, SYNONYMS.get(words[0], ()) if len(words) == 1 else ())
        if words and term not in query.terms:
            query.terms.append(term)
    query.terms = query.terms[:MAX_TERMS]
    return query
