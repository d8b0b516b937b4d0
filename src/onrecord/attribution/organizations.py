"""What kind of organisation a name is, so "the company said" skips the union and the wire service.

A description names a kind: "the newspaper", "the company", "the group", "the agency". Pointing it
at the most recent organisation of any kind sends "the company said" to the union quoted just
before, or "the group" to the news agency that wrote the story. The kind of a name is read from
its words ("... Foundation", "... Workers of America", "... Department", "... Times"); a name with
no such word may be a company or a group.

The words are data (``onrecord/data/organization_words.json``, see ``onrecord.wordlists``); the kind
names and the order in which the kinds are tried stay here, since ``kind_of`` decides by them.
"""

from __future__ import annotations

from collections.abc import Sequence

from onrecord import wordlists

MEDIA = "media"
COMPANY = "company"
GROUP = "group"
GOVERNMENT = "government"
PARTY = "party"
POLICE = "police"

_WORDS = wordlists.load("organization_words.json")

#: Words that make a name a news outlet's, and with them well-known outlets whose names carry no such
#: word (some of which are surnames too: "Fox").
_MEDIA_WORDS = frozenset(_WORDS["media_words"])
_MEDIA_WORDS_AND_OUTLETS = _MEDIA_WORDS | frozenset(_WORDS["media_outlets"])
_GOVERNMENT_WORDS = frozenset(_WORDS["government_words"])
_POLICE_WORDS = frozenset(_WORDS["police_words"])
_GROUP_WORDS = frozenset(_WORDS["group_words"])
#: Words that make a name with a police word another body's ("Independent Office for Police Conduct",
#: "Police Federation"); a police department is the force itself.
_NOT_A_FORCE = (_GOVERNMENT_WORDS | _GROUP_WORDS) - _POLICE_WORDS - {"department"}
_COMPANY_WORDS = frozenset(_WORDS["company_words"])
#: Words of a political party's name, checked after the group words: "Conservative Association" is
#: a group, "the Lib Dems" and "Labour" are parties, and "the party said" may be either of the last two.
_PARTY_WORDS = frozenset(_WORDS["party_words"])

#: The kinds each description head may refer to ("" is a name that tells nothing of its kind: "NASA"
#: can be "the agency", acronyms rarely say).
_HEAD_KINDS: dict[str, frozenset[str]] = wordlists.word_sets(_WORDS["description_heads"])


def kind_of(words: Sequence[str], outlets: bool = True) -> str:
    """The kind of organisation a name's words give away, or "" when they do not. ``outlets=False``
    leaves out the outlets known by name alone, some of which are surnames too ("Liam Fox")."""
    low = [w.lower().strip(".,") for w in words]
    if any(w.endswith(".com") for w in low) or any(w in _COMPANY_WORDS for w in low):
        return COMPANY
    media = _MEDIA_WORDS_AND_OUTLETS if outlets else _MEDIA_WORDS
    if any(w in media for w in low) or (len(low) == 2 and low[1].isdigit()):
        return MEDIA  # "Fox 35": a station
    if any(w in _POLICE_WORDS for w in low) and not any(w in _NOT_A_FORCE for w in low):
        return POLICE  # "Harlow Police", "Police Scotland", "Metropolitan Police Service"
    if any(w in _GOVERNMENT_WORDS for w in low):
        return GOVERNMENT
    if any(w in _GROUP_WORDS for w in low):
        return GROUP
    if any(w in _PARTY_WORDS for w in low):
        return PARTY
    return ""


def party_word(word: str) -> bool:
    """A word of a party's name that also stands before a member's ("Lib Dem Norman Baker", "Labour
    MP Ann Reed"); the people step keeps one that is a first name too ("Tory")."""
    return word.lower() in _PARTY_WORDS


def strict(head: str) -> bool:
    """True when "the <head>" names a kind of body that a name always tells ("the force", "the
    ministry"). False for a head with no kinds listed ("the club") or one that may be any name ("the
    group", "the company"), which ``fits`` lets refer to bodies whose names tell no kind: "the group
    said" is not whichever such body was named last."""
    kinds = _HEAD_KINDS.get(head)
    return kinds is not None and "" not in kinds


def strictly_fits(head: str, words: Sequence[str]) -> bool:
    """``fits`` for a ``strict`` head only."""
    return strict(head) and fits(head, words)


def fits(head: str, words: Sequence[str]) -> bool:
    """True when an organisation with this name can be what "the <head>" describes.

    The head word inside the name always fits ("the council" and "St. Paul City Council").
    """
    low = {w.lower() for w in words}
    if head in low:
        return True
    kinds = _HEAD_KINDS.get(head)
    return kinds is None or kind_of(words) in kinds
