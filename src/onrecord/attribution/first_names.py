"""The gender a first name's bearers are usually referred to with, from a public name list.

A pronoun never crosses it ("she said" is not Tom's). The list is the US Census Bureau's 1990
first-name frequencies (public domain), as shipped by the MIT-licensed ``names`` package: a fixed,
documented source instead of a hand list, which grew names from the articles it was tried on. A name
counts for one gender only when it is far more common there; names the Census did not see (most
non-US names) give no gender, and the pronoun rules fall back on titles, roles and position.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Literal

Gender = Literal["male", "female"]

#: How many times more common a name must be for one gender than the other to count for it
#: ("Jordan" and "Casey" are common for both and give nothing).
DOMINANCE = 4.0

_FILES: dict[Gender, str] = {"male": "dist.male.first", "female": "dist.female.first"}


@lru_cache(maxsize=2)
def _frequencies(file: str) -> dict[str, float]:
    """Name -> percent of the population, from one Census file ("JAMES  3.318  3.318  1")."""
    text = resources.files("names").joinpath(file).read_text(encoding="ascii")
    out: dict[str, float] = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 2:
            out[parts[0].lower()] = float(parts[1])
    return out


@lru_cache(maxsize=1)
def _table() -> dict[str, Gender]:
    male, female = _frequencies(_FILES["male"]), _frequencies(_FILES["female"])
    table: dict[str, Gender] = {}
    for name in male.keys() | female.keys():
        m, f = male.get(name, 0.0), female.get(name, 0.0)
        if m >= DOMINANCE * f:
            table[name] = "male"
        elif f >= DOMINANCE * m:
            table[name] = "female"
    return table


#: How many times more common a name must be for one gender before a courtesy title is no longer let
#: overrule it: "Kim" (about 6 to 1 female in the list) yields to "Mr", "John" never does.
SETTLED = 20.0


@lru_cache(maxsize=1)
def _shared() -> frozenset[str]:
    male, female = _frequencies(_FILES["male"]), _frequencies(_FILES["female"])
    both = male.keys() & female.keys()
    return frozenset(n for n in both if max(male[n], female[n]) < SETTLED * min(male[n], female[n]))


def borne_by_both(name: str) -> bool:
    """True for a first name a fair share of both genders bear (one in twenty or more of the rarer):
    its listed gender is a guess that a courtesy title in the story outranks."""
    return name.lower() in _shared()


def gender_of_first_name(name: str) -> Gender | None:
    """``"male"``, ``"female"`` or None (unknown or shared) for a first name, case-insensitively."""
    return _table().get(name.lower())


def known_first_name(name: str) -> bool:
    """True for a name the list holds for either gender, however shared ("Marguerite", "Jordan")."""
    low = name.lower()
    return low in _frequencies(_FILES["male"]) or low in _frequencies(_FILES["female"])
