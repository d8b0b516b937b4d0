"""Word lists the attribution rules read: data, not code, so they can be reviewed and extended alone.

Each list is a judgement about English news prose, kept small on purpose: a word belongs here only if
it marks attribution (or a source, or a role) in most of the sentences it appears in. The words live in
``onrecord/data/attribution_words.json`` (one key per constant, lower case; ``onrecord.wordlists``
says how to use another file); this module only gives them their names and types, so the rules import
them as before. The pronoun sets stay here: they are English grammar, a closed class, not a judgement
anyone would tune.
"""

from __future__ import annotations

from typing import Final, cast, get_args

from onrecord import wordlists
from onrecord.model import CueClass

_WORDS = wordlists.load("attribution_words.json")


def _by_class(groups: dict[str, list[str]]) -> dict[str, CueClass]:
    """Cue words with their class, from lists grouped by class; an unknown class is an error."""
    known = get_args(CueClass)
    unknown = set(groups) - set(known)
    if unknown:
        raise ValueError(f"attribution_words.json: unknown cue classes {sorted(unknown)}, known: {known}")
    return cast("dict[str, CueClass]", wordlists.by_group(groups))


#: Reporting verbs by lemma, with the class of what they report. Speech and writing are the default
#: view; belief, intention and evidence cues are kept for researchers who ask for them. Not "try":
#: "tried to halt his momentum" is an effort more often than a stance PolNeAR records (on train, 101
#: of the statements "try" made were false, against 46 gold cues that hold the word).
CUE_VERBS: Final[dict[str, CueClass]] = _by_class(_WORDS["cue_verbs"])

#: Verbs that frame a quotation but report nothing without one: '"...," he continued', 'a sign
#: read: "..."'. They are cues only for quotes next to them, never for a clause or an object.
QUOTE_FRAME_VERBS: Final[dict[str, CueClass]] = _by_class(_WORDS["quote_frame_verbs"])

#: Stance cues that take their content only after one of these words ("called for a ban", "talked
#: about jobs"), or as an object with a complement ("called the plan a disaster"), never as a bare
#: object: "called the police" and "pressed the button" take no position. An empty set: the verb
#: takes a position only with more than an object ("backed the truck", "raised fees", "welcomed 300
#: guests" say nothing).
STANCE_PREPS: Final[dict[str, frozenset[str]]] = wordlists.word_sets(_WORDS["stance_preps"])

#: Speech cues whose content can be their object and its complement ("urged X to Y").
OBJECT_CUES: Final[frozenset[str]] = frozenset(_WORDS["object_cues"])

#: Of those, the ones whose bare object is already a statement ("denied the report").
BARE_OBJECT_CUES: Final[frozenset[str]] = frozenset(_WORDS["bare_object_cues"])

#: Speech cues whose bare object is the person spoken to, not what was said ("told reporters").
ADDRESSEE_CUES: Final[frozenset[str]] = frozenset(_WORDS["addressee_cues"])
CLAUSE_ONLY_CUES: Final[frozenset[str]] = frozenset(_WORDS["clause_only_cues"])

#: Nouns that carry a reported claim in a "that"-clause ("his claims that ...").
CUE_NOUNS: Final[dict[str, CueClass]] = _by_class(_WORDS["cue_nouns"])

#: Nouns that carry a position when someone owns them, with the word that introduces what the
#: position is about: "his support for the bill", "Trump's attacks on Rubio", "her call for a ban".
STANCE_NOUNS: Final[dict[str, frozenset[str]]] = wordlists.word_sets(_WORDS["stance_nouns"])

#: Head nouns of unnamed sources ("a source familiar with ...", "officials", "the person").
ANONYMOUS_HEADS: Final[frozenset[str]] = frozenset(_WORDS["anonymous_heads"])

#: Those of them that say how someone stands to a name, not that they speak for it ("a Trump supporter").
ASSOCIATE_HEADS: Final[frozenset[str]] = frozenset(_WORDS["associate_heads"])

#: Words that make a capitalised name an organisation's, never a person's ("Port Authority").
ORG_WORDS: Final[frozenset[str]] = frozenset(_WORDS["org_words"])

#: Words that make a definite description introduce a new, different source ("an additional source").
NEW_SOURCE_MODIFIERS: Final[frozenset[str]] = frozenset(_WORDS["new_source_modifiers"])

#: Role nouns by which a known person is referred to again ("the senator", "the real estate mogul").
ROLE_NOUNS: Final[frozenset[str]] = frozenset(_WORDS["role_nouns"])

#: Family and household relations, by which news prose refers again to a person it introduced with
#: one ("Her nephew, Callum Reid, ... Her nephew said").
KIN_NOUNS: Final[frozenset[str]] = frozenset(_WORDS["kin_nouns"])

#: Courtesy and office titles stripped from names ("Mr. Trump" is "Trump").
TITLES: Final[frozenset[str]] = frozenset(_WORDS["titles"])

#: Words that mark a third-person pronoun's gender.
MALE_PRONOUNS: Final[frozenset[str]] = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS: Final[frozenset[str]] = frozenset({"she", "her", "hers", "herself"})
MALE_TITLES: Final[frozenset[str]] = frozenset(_WORDS["male_titles"])
FEMALE_TITLES: Final[frozenset[str]] = frozenset(_WORDS["female_titles"])

#: Predicates that describe a relation between two people; a flip of polarity among them is a clash
#: even when the words differ ("has never met" against "I do have a relationship").
RELATION_PREDICATES: Final[frozenset[str]] = frozenset(_WORDS["relation_predicates"])

#: Temporal anaphors that point back to a dated event told earlier ("at the time", "back then").
TEMPORAL_ANAPHORS: Final[tuple[str, ...]] = tuple(_WORDS["temporal_anaphors"])

#: Office abbreviations and the role nouns they stand for ("Sen. Rubio" is a senator).
TITLE_ROLES: Final[dict[str, str]] = dict(_WORDS["title_roles"])

#: Offices a person holds; two different ones make a description unlikely to mean that person
#: ("the senator" is not the one the article calls "the governor").
OFFICE_NOUNS: Final[frozenset[str]] = frozenset(_WORDS["office_nouns"])

#: Letters after a name for an office or an honour ("Frank Adair MP", "Nia Holt QC"), as written.
POST_NOMINALS: Final[frozenset[str]] = frozenset(_WORDS["post_nominals"])

#: Words that make an office another one: a "Deputy Prime Minister" is not "the prime minister".
SUBORDINATE_TITLES: Final[frozenset[str]] = frozenset(_WORDS["subordinate_titles"])

#: Offices one person holds at a time, each with its name ("premier" is the prime minister).
SINGLE_OFFICES: Final[dict[str, str]] = dict(_WORDS["single_offices"])

#: Role nouns that give away gender ("the New York businessman" is a man).
MALE_ROLE_NOUNS: Final[frozenset[str]] = frozenset(_WORDS["male_role_nouns"])
FEMALE_ROLE_NOUNS: Final[frozenset[str]] = frozenset(_WORDS["female_role_nouns"])

#: Words that carry no identity: shared by many people, they neither match nor conflict.
VAGUE_ROLE_WORDS: Final[frozenset[str]] = frozenset(_WORDS["vague_role_words"])

#: US party and state abbreviations as news style writes them after a name: "Marco Rubio (R-Fla.)".
PARTY_LETTERS: Final[dict[str, tuple[str, ...]]] = {
    letter: tuple(words) for letter, words in _WORDS["party_letters"].items()
}
US_STATES: Final[dict[str, str]] = dict(_WORDS["us_states"])

#: Head nouns by which an article refers back to an organisation ("the company said").
ORG_DESCRIPTIONS: Final[frozenset[str]] = frozenset(_WORDS["org_descriptions"])

#: Nouns for what can stand behind a content: people by role, anonymous sources, organisations, and
#: documents ("the poll found", "Report: ..."). "The bill would ..." or "the bias begins ..." cannot.
#: Documents that can be a statement's source ("a study found", "the report said").
DOCUMENT_NOUNS: Final[frozenset[str]] = frozenset(_WORDS["document_nouns"])
#: Public bodies that speak without being an organisation the article names ("confirmed by police").
PUBLIC_BODIES: Final[frozenset[str]] = frozenset(_WORDS["public_bodies"])
SPEAKING_NOUNS: Final[frozenset[str]] = (
    ROLE_NOUNS | ANONYMOUS_HEADS | ORG_DESCRIPTIONS | DOCUMENT_NOUNS | PUBLIC_BODIES
)

#: Sources of findings that frame a clause after "in" ("in a new poll, 79 percent ...").
FINDING_NOUNS: Final[frozenset[str]] = frozenset(_WORDS["finding_nouns"])

#: Nouns that, owned and after "in", frame a clause as someone's ("in her words", "in his view").
FRAME_NOUNS: Final[dict[str, CueClass]] = _by_class(_WORDS["frame_nouns"])

#: Adverbs that give a clause to a source the article does not name ("reportedly").
HEARSAY_ADVERBS: Final[frozenset[str]] = frozenset(_WORDS["hearsay_adverbs"])

#: Verbs that, with an object and "as", give what the subject takes it for ("see the plan as reckless").
REGARD_VERBS: Final[frozenset[str]] = frozenset(_WORDS["regard_verbs"])

#: Verbs that, with an object and "as", give how the subject presents it ("paints her as weak").
DEPICT_VERBS: Final[frozenset[str]] = frozenset(_WORDS["depict_verbs"])

#: Common nouns for a person that neither the role lists nor their form tell ("the widow", "the patient").
PERSON_NOUNS: Final[frozenset[str]] = frozenset(_WORDS["person_nouns"])

#: Verbs by which a source puts out a document that carries its words ("issued a statement saying").
ISSUING_VERBS: Final[frozenset[str]] = frozenset(_WORDS["issuing_verbs"])

#: Verbs whose subject is what an impression is about, not who holds it ("the plan seems to work"):
#: the writer's impression, with no speaker.
IMPRESSION_VERBS: Final[frozenset[str]] = frozenset(_WORDS["impression_verbs"])

#: Verbs whose passive with no agent gives a view or a report no one is named for ("the bill is
#: expected to pass", "he is said to be furious").
IMPERSONAL_PASSIVES: Final[frozenset[str]] = frozenset(_WORDS["impersonal_passives"])
