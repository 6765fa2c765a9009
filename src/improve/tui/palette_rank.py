"""How the command palette orders its hits: what was typed exactly first, loose last.

The palette shows hits by score, highest first. A fuzzy score alone puts
"Filter: Think and work holistically" above "Halve flaky test reruns" for `flaky`
(f-l-a-k-y are all in it, in order), so each hit is scored in tiers: the key typed whole,
the start of a key, a command named exactly, a title with the typed words, a command
with them, the typed text inside a word, and last anything the fuzzy matcher finds.
Within a tier, a hit whose name the query covers more of comes first.
"""

from __future__ import annotations

import re

from textual.fuzzy import Matcher

KEY_WHOLE = 1.0
KEY_START = 0.95
COMMAND_WHOLE = 0.9
TITLE_WORDS = 0.8
COMMAND_WORDS = 0.7
TEXT_INSIDE = 0.6
LOOSE = 0.5
#: Room inside a tier for the coverage bonus: less than the gap to the next tier.
SPREAD = 0.04

_WORD = re.compile(r"\w+")


def _covered(tier: float, query: str, name: str) -> float:
    return tier + SPREAD * min(len(query) / max(len(name), 1), 1.0)


def has_words(query: str, name: str) -> bool:
    """Every word typed starts a word of the name (`flak tes` in "Halve flaky test reruns")."""
    typed = _WORD.findall(query.lower())
    words = _WORD.findall(name.lower())
    return bool(typed) and all(any(w.startswith(t) for w in words) for t in typed)


def has_inside(query: str, name: str) -> bool:
    """Every word typed is somewhere in the name, inside a word too."""
    typed = query.lower().split()
    named = name.lower()
    return bool(typed) and all(t in named for t in typed)


def initiative_score(query: str, key: str, record_id: str, title: str) -> float:
    """An initiative's hit: by its key, then by its title; 0 when it does not match."""
    wanted = query.lower().strip()
    if not wanted:
        return 0.0
    if wanted in (key, record_id):
        return KEY_WHOLE
    if key.startswith(wanted) or record_id.startswith(wanted):
        return KEY_START
    if has_words(wanted, title):
        return _covered(TITLE_WORDS, wanted, title)
    if has_inside(wanted, title):
        return _covered(TEXT_INSIDE, wanted, title)
    return 0.0


def command_score(matcher: Matcher, name: str) -> float:
    """A command's hit: named exactly, by its words, by text inside, or loosely (below
    every initiative whose key or title matches)."""
    query = matcher.query.strip()
    if not query:
        return 0.0
    if query.lower() == name.lower():
        return COMMAND_WHOLE
    if has_words(query, name):
        return _covered(COMMAND_WORDS, query, name)
    if has_inside(query, name):
        return _covered(TEXT_INSIDE, query, name)
    fuzzy = matcher.match(name)
    return LOOSE * fuzzy / (1 + fuzzy) if fuzzy > 0 else 0.0
