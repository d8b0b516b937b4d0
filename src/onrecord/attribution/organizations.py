"""What kind of organisation a name is, so "the company said" skips the union and the wire service.

A description names a kind: "the newspaper", "the company", "the group", "the agency". Pointing it
at the most recent organisation of any kind sends "the company said" to the union quoted just
before, or "the group" to the news agency that wrote the story. The kind of a name is read from
its words ("... Foundation", "... Workers of America", "... Department", "... Times"); a name with
no such word may be a company or a group.
"""

from __future__ import annotations

from collections.abc import Sequence

MEDIA = "media"
COMPANY = "company"
GROUP = "group"
GOVERNMENT = "government"

#: Words that make a name a news outlet's, and well-known outlets whose names carry no such word.
_MEDIA_WORDS = frozenset(
    """news times post journal gazette tribune herald press magazine radio tv television network
    broadcasting daily weekly standard sentinel observer chronicle examiner inquirer courier
    reuters bloomberg cnn msnbc nbc abc cbs fox npr pbs bbc ap politico breitbart huffpost
    axios buzzfeed vox""".split()
)
_GOVERNMENT_WORDS = frozenset(
    """department agency ministry office bureau administration fbi cia nsa police court senate
    congress house government commission cabinet pentagon army navy""".split()
)
_GROUP_WORDS = frozenset(
    """foundation association group coalition alliance union workers council committee institute
    center centre league federation fund trust society party campaign church network""".split()
)
_COMPANY_WORDS = frozenset("inc inc. corp corp. co co. llc ltd company corporation bank airlines".split())

#: The kinds each description head may refer to.
_HEAD_KINDS: dict[str, frozenset[str]] = {
    **dict.fromkeys(("newspaper", "paper", "outlet", "network", "station", "magazine"), frozenset({MEDIA})),
    **dict.fromkeys(("company", "firm"), frozenset({COMPANY, ""})),
    **dict.fromkeys(
        (
            "group",
            "organization",
            "organisation",
            "coalition",
            "alliance",
            "union",
            "association",
            "foundation",
        ),
        frozenset({GROUP, ""}),
    ),
    **dict.fromkeys(("department", "ministry", "office"), frozenset({GOVERNMENT})),
    # a name that tells nothing of its kind ("NASA", "FEMA") can be "the agency": acronyms rarely say
    **dict.fromkeys(("agency", "administration", "bureau", "commission"), frozenset({GOVERNMENT, ""})),
}


def kind_of(words: Sequence[str]) -> str:
    """The kind of organisation a name's words give away, or "" when they do not."""
    low = [w.lower().strip(".,") for w in words]
    if any(w.endswith(".com") for w in low) or any(w in _COMPANY_WORDS for w in low):
        return COMPANY
    if any(w in _MEDIA_WORDS for w in low) or (len(low) == 2 and low[1].isdigit()):
        return MEDIA  # "Fox 35": a station
    if any(w in _GOVERNMENT_WORDS for w in low):
        return GOVERNMENT
    if any(w in _GROUP_WORDS for w in low):
        return GROUP
    return ""


def fits(head: str, words: Sequence[str]) -> bool:
    """True when an organisation with this name can be what "the <head>" describes.

    The head word inside the name always fits ("the council" and "St. Paul City Council").
    """
    low = {w.lower() for w in words}
    if head in low:
        return True
    kinds = _HEAD_KINDS.get(head)
    return kinds is None or kind_of(words) in kinds
