"""The attribution rules, one module per family, registered by name in the order they run.

Rules run from the most to the least certain, and each cue word serves one statement only:

  signed      a quotation or a tweet signed after a dash ("..." ― Steve Quinlan)
  quotes      a quotation with a reporting verb outside it ("...," Trump said)
  aside       an attribution set off by commas inside or after the content (", the source said,")
  reported    a reporting verb with a clause ("Trump said that he doesn't know ...")
  objects     a cue whose content is its object ("urged X to Y", "called for a ban")
  according   "according to X"
  nominal     a claim noun with a that-clause ("his claims that he has ...")
  stance      a position noun someone owns ("his support for the bill")
  lines       a line that opens with its speaker ("TAPPER: ...")
  headline    the headline's own attributions ("Poll: ...", "Clinton Says ..."), from a sentence-cased copy
  run-on      a quotation with no cue that continues the previous speaker's quote

Each rule is ``rule(doc, builder) -> None``; ``onrecord_attribution`` takes the list of names to run
(config ``rules``), so a rule can be switched off without touching code.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from onrecord.attribution.rules.base import Builder
from onrecord.attribution.rules.clauses import according, aside, nominal, reported
from onrecord.attribution.rules.headline import headline
from onrecord.attribution.rules.lines import speaker_lines
from onrecord.attribution.rules.positions import objects, stance_nouns
from onrecord.attribution.rules.quoted import quotes, run_on
from onrecord.attribution.rules.signed import signed

Rule = Callable[[Doc, Builder], None]

RULES: dict[str, Rule] = {
    "signed": signed,
    "quotes": quotes,
    "aside": aside,
    "reported": reported,
    "objects": objects,
    "according": according,
    "nominal": nominal,
    "stance": stance_nouns,
    "lines": speaker_lines,
    "headline": headline,
    "run-on": run_on,
}

__all__ = ["RULES", "Builder", "Rule"]
