"""The attribution rules, one module per family, registered by name in the order they run.

Rules run from the most to the least certain, and each cue word serves one statement only:

  signed      a quotation or a tweet signed after a dash ("..." ― Steve Quinlan)
  quote       a quotation with a reporting verb outside it ("...," Trump said)
  aside       an attribution set off by commas inside or after the content (", the source said,")
  reported    a reporting verb with a clause ("Trump said that he doesn't know ...")
  object      a cue whose content is its object ("urged X to Y", "called for a ban")
  asked       a question put to someone, in the passive ("Asked whether ..., X said", "X was asked what ...")
  according   "according to X" (after "object": "The mayor urged residents to stay indoors, according
              to a spokesman" is the spokesman's report and the mayor's urging, one inside the other)
  nominal     a claim noun with a that-clause ("his claims that he has ...")
  stance      a position noun someone owns ("his support for the bill")
  as          what someone takes a thing for, or paints it as ("critics see the plan as reckless")
  colon       a line that opens with its speaker ("TAPPER: ...")
  headline    the headline's own attributions ("Poll: ...", "Clinton Says ..."), from a sentence-cased copy
  boundaries  moves the edges of "reported" and "object" contents to the candidate span a model
              prefers (``boundaries.py``); it rides in the learned model file and makes no statement
  learned     the learned rule (``learned.py``), when a model is given
  frame       a clause framed by a poll or someone's view ("in a new poll, ...", "in her view, ...")
  hearsay     a clause given to sources the article does not name ("reportedly")
  run-on      a quotation with no cue that continues the previous speaker's quote

Each rule is a ``Rule`` (``base.py``): a name, the confidence of what it finds and ``find(doc,
builder)``, declared with ``@rule(name, confidence)``. A statement's ``rule`` is its rule's name, the
same name ``onrecord_attribution`` takes in its ``rules`` setting, so a rule can be switched off, or a
user can keep only the statements of one, without touching code. ``ORDER`` is the order they run in,
the learned rule's place included.
"""

from __future__ import annotations

from onrecord.attribution.rules.base import Builder, Rule, rule
from onrecord.attribution.rules.clauses import according, aside, asked, nominal, reported
from onrecord.attribution.rules.frames import framed, hearsay
from onrecord.attribution.rules.headline import headline
from onrecord.attribution.rules.lines import speaker_lines
from onrecord.attribution.rules.positions import objects, regarded_as, stance_nouns
from onrecord.attribution.rules.quoted import quotes, run_on
from onrecord.attribution.rules.signed import signed

#: The learned rule's name: it is made from a model file (``learned.learned_rule``), not declared here.
LEARNED = "learned"
#: The boundary rule's name: made from the same model file (``boundaries.boundary_rule``).
BOUNDARIES = "boundaries"

#: The hand rules by name.
RULES: dict[str, Rule] = {
    r.name: r
    for r in (
        signed,
        quotes,
        aside,
        reported,
        objects,
        asked,
        according,
        nominal,
        stance_nouns,
        regarded_as,
        speaker_lines,
        headline,
        framed,
        hearsay,
        run_on,
    )
}

#: The order rules run in, from the most to the least certain (each cue word serves one statement).
ORDER: tuple[str, ...] = (
    "signed",
    "quote",
    "aside",
    "reported",
    "object",
    "asked",
    "according",
    "nominal",
    "stance",
    "as",
    "colon",
    "headline",
    BOUNDARIES,
    LEARNED,
    "frame",
    "hearsay",
    "run-on",
)

#: Names the ``rules`` setting took before rules carried their statements' names.
OLD_NAMES = {"quotes": "quote", "objects": "object", "lines": "colon"}

__all__ = ["BOUNDARIES", "LEARNED", "OLD_NAMES", "ORDER", "RULES", "Builder", "Rule", "rule"]
