"""Which English words are common nouns and verbs, as the statistical model's own lemmatizer knows them.

en_core_web_sm's rule lemmatizer carries WordNet's lemma lists (about 57,000 nouns and 8,700 verbs)
and its plural rules. Three decisions need them and no tagger gives them:

- "Teachers said ..." just after a headline: the tagger calls the first word a proper noun, yet it is
  the plural of a common noun, an unnamed group and no organisation's name ("Reuters said" is one);
- "the striker said", "the legal assistant told ...": a description whose noun names a person by its
  form (one who strikes, assists), which may refer back to the person the story was about, unlike
  "the polling average" or "the clip", which never do;
- "Marguerite Olaniyan-Kraus" is a name the recognizer missed, "Summer Street" or "Hope Valley" is
  not, though both open with a first name: the words after it are common English words.

A pipeline whose lemmatizer has no such tables gets an empty index: no word counts as common, and no
description is taken for a person by its form alone.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.language import Language

#: One who does what the verb says: "striker", "investor", "assistant", "resident".
_DOER_SUFFIXES = ("er", "or", "ant", "ent")
#: One who practises what the noun or adjective names: "columnist", "socialist", "historian".
_PRACTISER_SUFFIXES = ("ist", "ian")


@dataclass(frozen=True)
class WordIndex:
    """The lemmatizer's noun and verb lemmas and its rules from a plural noun to its singular."""

    nouns: frozenset[str] = frozenset()
    verbs: frozenset[str] = frozenset()
    adjectives: frozenset[str] = frozenset()
    plural_rules: tuple[tuple[str, str], ...] = ()
    irregular_plurals: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, nlp: Language) -> WordIndex:
        """The index of ``nlp``'s rule lemmatizer; an empty one when it has none. Built once per
        pipeline: the people and speakers components both ask for it."""
        cached = _BUILT.get(nlp)
        if cached is None:
            cached = cls._build(nlp)
            if cached.nouns:  # an empty index may only mean the tables are not loaded yet
                _BUILT[nlp] = cached
        return cached

    @classmethod
    def _build(cls, nlp: Language) -> WordIndex:
        if "lemmatizer" not in nlp.pipe_names:
            return cls()
        lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
        if lookups is None or not all(lookups.has_table(t) for t in ("lemma_index", "lemma_rules")):
            return cls()
        index = lookups.get_table("lemma_index")
        exceptions = lookups.get_table("lemma_exc") if lookups.has_table("lemma_exc") else {}

        def words(pos: str) -> frozenset[str]:
            found: Iterable[str] = index.get(pos, ())
            return frozenset(found)

        return cls(
            nouns=words("noun"),
            verbs=words("verb"),
            adjectives=words("adj"),
            plural_rules=tuple((old, new) for old, new in lookups.get_table("lemma_rules").get("noun", ())),
            irregular_plurals=dict(exceptions.get("noun", {})),
        )

    def singular(self, word: str) -> str | None:
        """ "teacher" for "Teachers", "woman" for "Women": the singular of a common noun's plural; None
        for a word that is none ("Reuters", "news", "Kestrel")."""
        lower = word.lower()
        if lower in self.nouns:
            return None  # a word of its own ("news", "politics"), not a plural
        found = [s for s in self.irregular_plurals.get(lower, ()) if s in self.nouns]
        found += [
            lower[: len(lower) - len(old)] + new
            for old, new in self.plural_rules
            if lower.endswith(old) and lower[: len(lower) - len(old)] + new in self.nouns
        ]
        return found[0] if found else None

    def common(self, word: str) -> bool:
        """Whether a word, or the singular of it, is a common noun, verb or adjective ("Street",
        "Alerts", "United"); a surname ("Okafor", "Olaniyan-Kraus") is none."""
        lower = word.lower()
        listed = lower in self.nouns or lower in self.verbs or lower in self.adjectives
        return listed or self.singular(word) is not None

    def names_a_person(self, noun: str) -> bool:
        """Whether a noun's form makes it one who does something: a verb's doer ("striker",
        "assistant", "investor"), one who practises a thing ("columnist", "historian"), or a "-man"
        compound ("radioman"). "the note", "the polling average", "the town" are not."""
        lower = noun.lower()
        if lower.endswith(("man", "woman", "person")) and len(lower) > 6:
            stem = lower.removesuffix("woman").removesuffix("man").removesuffix("person")
            return stem in self.nouns or stem in self.verbs
        for suffix in _DOER_SUFFIXES:
            if lower.endswith(suffix) and len(lower) > len(suffix) + 2:
                stem = lower[: -len(suffix)]
                # "strik" + e, "runn" less its doubled consonant
                forms = {stem, stem + "e"} | ({stem[:-1]} if stem[-1:] == stem[-2:-1] else set())
                return bool(forms & self.verbs)
        for suffix in _PRACTISER_SUFFIXES:
            if lower.endswith(suffix) and len(lower) > len(suffix) + 2:
                stem = lower[: -len(suffix)]
                return any(f in self.nouns or f in self.adjectives for f in (stem, stem + "e", stem + "y"))
        return False


_BUILT: weakref.WeakKeyDictionary[Language, WordIndex] = weakref.WeakKeyDictionary()
