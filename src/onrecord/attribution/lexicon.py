"""Word lists the attribution rules read: data, not code, so they can be reviewed and extended alone.

Each list is a judgement about English news prose, kept small on purpose: a word belongs here only if
it marks attribution (or a source, or a role) in most of the sentences it appears in.
"""

from __future__ import annotations

from typing import Final

from onrecord.model import CueClass

#: Reporting verbs by lemma, with the class of what they report. Speech and writing are the default
#: view; belief, intention and evidence cues are kept for researchers who ask for them.
CUE_VERBS: Final[dict[str, CueClass]] = {
    **dict.fromkeys(
        """say tell ask add state announce explain claim insist argue warn note deny admit acknowledge
        confirm reply respond answer suggest predict promise recall remark comment contend assert declare
        maintain reiterate stress emphasize emphasise complain urge concede testify allege caution
        boast brag vow pledge speculate question wonder joke quip counter retort observe point mention
        disclose reveal concede agree disagree dispute reject criticize criticise accuse praise
        recount describe estimate predict assure inform advise tout lament acknowledge signal
        shout yell whisper scream exclaim murmur mutter express""".split(),
        "speech",
    ),
    **dict.fromkeys("write tweet retweet post publish blog text email report".split(), "writing"),
    **dict.fromkeys(
        """believe think feel fear doubt suspect expect worry know seem appear consider understand
        recognize""".split(),
        "belief",
    ),
    # not "try": "tried to halt his momentum" is an effort more often than a stance PolNeAR records
    # (on train, 101 of the statements "try" made were false, against 46 gold cues that hold the word)
    **dict.fromkeys("want plan intend aim seek hope refuse decline threaten decide".split(), "intention"),
    **dict.fromkeys("show find indicate demonstrate conclude project".split(), "evidence"),
    **dict.fromkeys(
        """support oppose back endorse propose defend attack blast slam decry denounce condemn
        champion favor favour embrace advocate applaud welcome cite blame mock dismiss challenge
        highlight invoke discuss raise hail laud fault ridicule lambaste scold rebuke chide berate
        assail call push press vote talk speak refer focus rail compare downplay cheer echo credit
        dub target offer side""".split(),
        "stance",
    ),
}

#: Verbs that frame a quotation but report nothing without one: '"...," he continued', 'a sign
#: read: "..."'. They are cues only for quotes next to them, never for a clause or an object.
QUOTE_FRAME_VERBS: Final[dict[str, CueClass]] = {
    **dict.fromkeys("continue interrupt chant mouth demand charge conclude".split(), "speech"),
    "read": "writing",
}

#: Stance cues that take their content only after one of these words ("called for a ban", "talked
#: about jobs"), or as an object with a complement ("called the plan a disaster"), never as a bare
#: object: "called the police" and "pressed the button" take no position.
STANCE_PREPS: Final[dict[str, frozenset[str]]] = {
    "call": frozenset({"for", "on"}),
    "push": frozenset({"for"}),
    "press": frozenset({"for"}),
    "vote": frozenset({"for", "against"}),
    "talk": frozenset({"about", "of"}),
    "speak": frozenset({"about", "of", "against"}),
    "refer": frozenset({"to"}),
    "focus": frozenset({"on"}),
    "rail": frozenset({"against"}),
    "side": frozenset({"with", "against"}),
    # verbs that take a position only with more than an object: "backed the truck", "raised fees",
    # "offered a discount", "welcomed 300 guests" say nothing; "credited X with Y" does
    **dict.fromkeys(("back", "raise", "offer", "welcome", "target", "discuss"), frozenset()),
    "cite": frozenset({"as"}),
    "credit": frozenset({"with", "for"}),
    "challenge": frozenset({"on", "over"}),
}

#: Speech cues whose content can be their object and its complement ("urged X to Y").
OBJECT_CUES: Final[frozenset[str]] = frozenset(
    """urge ask accuse call describe criticize criticise praise promise vow pledge deny reject announce
    tout defend warn remind blame thank challenge demand dismiss invite encourage""".split()
)

#: Of those, the ones whose bare object is already a statement ("denied the report").
BARE_OBJECT_CUES: Final[frozenset[str]] = frozenset(
    {"deny", "reject", "announce", "tout", "dismiss", "defend"}
)

#: Speech cues whose bare object is the person spoken to, not what was said ("told reporters").
ADDRESSEE_CUES: Final[frozenset[str]] = frozenset(
    """tell ask thank remind invite urge warn inform advise assure answer question accuse criticize
    criticise praise blame challenge encourage add maintain point signal counter observe respond
    reply state""".split()
)

#: Nouns that carry a reported claim in a "that"-clause ("his claims that ...").
CUE_NOUNS: Final[dict[str, CueClass]] = {
    **dict.fromkeys(
        """claim assertion statement insistence allegation promise pledge warning denial admission
        argument suggestion boast contention remark comment announcement declaration vow""".split(),
        "speech",
    ),
    **dict.fromkeys("belief view fear hope".split(), "belief"),
}

#: Nouns that carry a position when someone owns them, with the word that introduces what the
#: position is about: "his support for the bill", "Trump's attacks on Rubio", "her call for a ban".
STANCE_NOUNS: Final[dict[str, frozenset[str]]] = {
    "support": frozenset({"for"}),
    "opposition": frozenset({"to"}),
    "attack": frozenset({"on", "against"}),
    "call": frozenset({"for"}),
    "criticism": frozenset({"of"}),
    "endorsement": frozenset({"of"}),
    "defense": frozenset({"of"}),
    "defence": frozenset({"of"}),
    "praise": frozenset({"for", "of"}),
    "proposal": frozenset({"for", "to"}),
    "push": frozenset({"for"}),
    "vote": frozenset({"for", "against"}),
    "backing": frozenset({"of", "for"}),
    "embrace": frozenset({"of"}),
    "rejection": frozenset({"of"}),
    "condemnation": frozenset({"of"}),
    "denunciation": frozenset({"of"}),
}

#: Head nouns of unnamed sources ("a source familiar with ...", "officials", "the person").
ANONYMOUS_HEADS: Final[frozenset[str]] = frozenset(
    """source official person people aide adviser advisor insider spokesman spokeswoman spokesperson
    diplomat observer witness resident officer employee staffer member lawmaker executive individual
    someone anyone analyst expert critic supporter friend associate ally confidant representative
    investigator authorities operative strategist organizer organiser attendee participant
    donor opponent protester protestor demonstrator voter critic""".split()
)

#: Words that make a capitalised name an organisation's, never a person's ("Port Authority").
ORG_WORDS: Final[frozenset[str]] = frozenset(
    """authority department council committee commission agency office ministry bureau university
    college school institute foundation association party inc inc. corp corp. co co. ltd company group
    bank court police house senate congress administration campaign organization organisation network
    news times post journal gazette ledger tribune herald press service services board union league
    federation center centre fund trust church city county state government army navy""".split()
)

#: Words that make a definite description introduce a new, different source ("an additional source").
NEW_SOURCE_MODIFIERS: Final[frozenset[str]] = frozenset(
    {"additional", "another", "second", "third", "other", "separate", "different", "new"}
)

#: Role nouns by which a known person is referred to again ("the senator", "the real estate mogul").
ROLE_NOUNS: Final[frozenset[str]] = frozenset(
    """president leader senator candidate nominee mogul businessman businesswoman billionaire
    millionaire tycoon strongman spokesman spokeswoman governor minister chairman chairwoman chair ceo
    executive congressman congresswoman lawmaker mayor secretary director chief host anchor co-host
    star singer actor actress judge justice lawyer attorney prosecutor general commander dictator premier
    chancellor king queen prince princess oligarch magnate developer founder owner coach player
    councilman councilwoman councillor councilor commissioner sheriff officer economist analyst
    author writer reporter journalist editor professor scientist researcher doctor physician
    activist advocate pastor priest bishop pope ambassador envoy diplomat aide adviser advisor
    representative rep. sen. gov. speaker delegate incumbent challenger veteran newcomer engineer
    republican democrat independent conservative liberal progressive frontrunner front-runner
    manager superintendent inspector administrator treasurer clerk trustee surgeon neurosurgeon""".split()
)

#: Family and household relations, by which news prose refers again to a person it introduced with
#: one ("Her nephew, Callum Reid, ... Her nephew said").
KIN_NOUNS: Final[frozenset[str]] = frozenset(
    """wife husband partner fiance fiancé fiancee fiancée widow widower son daughter child mother father
    parent stepmother stepfather brother sister sibling nephew niece uncle aunt cousin grandson
    granddaughter grandchild grandmother grandfather grandparent""".split()
)

#: Courtesy and office titles stripped from names ("Mr. Trump" is "Trump").
TITLES: Final[frozenset[str]] = frozenset(
    """mr mr. mrs mrs. ms ms. miss dr dr. prof prof. sen sen. senator rep rep. gov gov. governor
    president pres. vice secretary sec. gen. general judge justice mayor minister premier chancellor
    king queen prince princess sir dame lord lady rev rev. reverend father sister brother pope
    sheriff chief officer capt capt. captain col col. colonel lt lt. sgt sgt. coach councilman
    councilwoman councilor councillor congressman congresswoman assemblyman assemblywoman""".split()
)

#: Words that mark a third-person pronoun's gender.
MALE_PRONOUNS: Final[frozenset[str]] = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS: Final[frozenset[str]] = frozenset({"she", "her", "hers", "herself"})
MALE_TITLES: Final[frozenset[str]] = frozenset(
    {"mr", "mr.", "sir", "king", "prince", "father", "brother", "lord", "councilman", "congressman"}
)
FEMALE_TITLES: Final[frozenset[str]] = frozenset(
    {
        "mrs",
        "mrs.",
        "ms",
        "ms.",
        "miss",
        "queen",
        "princess",
        "dame",
        "lady",
        "sister",
        "councilwoman",
        "congresswoman",
        "chairwoman",
        "spokeswoman",
        "businesswoman",
        "actress",
    }
)

#: Predicates that describe a relation between two people; a flip of polarity among them is a clash
#: even when the words differ ("has never met" against "I do have a relationship").
RELATION_PREDICATES: Final[frozenset[str]] = frozenset(
    """know meet relationship relation contact tie talk speak communicate deal friend friendship
    acquaint acquaintance dialogue conversation correspond""".split()
)

#: Temporal anaphors that point back to a dated event told earlier ("at the time", "back then").
TEMPORAL_ANAPHORS: Final[tuple[str, ...]] = ("at the time", "back then", "at that time", "then")

#: Office abbreviations and the role nouns they stand for ("Sen. Rubio" is a senator).
TITLE_ROLES: Final[dict[str, str]] = {
    "sen.": "senator",
    "sen": "senator",
    "gov.": "governor",
    "gov": "governor",
    "rep.": "representative",
    "rep": "representative",
    "pres.": "president",
    "gen.": "general",
    "lt.": "lieutenant",
    "sec.": "secretary",
    "amb.": "ambassador",
    "atty.": "attorney",
    "supt.": "superintendent",
}

#: Offices a person holds; two different ones make a description unlikely to mean that person
#: ("the senator" is not the one the article calls "the governor").
OFFICE_NOUNS: Final[frozenset[str]] = frozenset(
    """senator governor secretary president mayor congressman congresswoman representative judge
    justice minister chancellor speaker sheriff ambassador prosecutor premier king queen pope ceo
    chairman chairwoman commissioner councilman councilwoman director actor actress
    neurosurgeon surgeon journalist reporter correspondent columnist anchor host moderator""".split()
)

#: Role nouns that give away gender ("the New York businessman" is a man).
MALE_ROLE_NOUNS: Final[frozenset[str]] = frozenset(
    """businessman congressman spokesman chairman councilman king prince actor father husband son
    brother""".split()
)
FEMALE_ROLE_NOUNS: Final[frozenset[str]] = frozenset(
    """businesswoman congresswoman spokeswoman chairwoman councilwoman queen princess actress
    mother wife daughter sister""".split()
)

#: Words that carry no identity: shared by many people, they neither match nor conflict.
VAGUE_ROLE_WORDS: Final[frozenset[str]] = frozenset(
    """former first new other same good only top more next current onetime longtime lone
    mr. mrs. ms. dr. mr mrs ms dr rev. prof.""".split()
)

#: US party and state abbreviations as news style writes them after a name: "Marco Rubio (R-Fla.)".
PARTY_LETTERS: Final[dict[str, tuple[str, ...]]] = {
    "r": ("republican", "gop"),
    "d": ("democrat", "democratic"),
    "i": ("independent",),
}
US_STATES: Final[dict[str, str]] = {
    **dict(
        pair.split(":")
        for pair in """ala:alabama alaska:alaska ariz:arizona ark:arkansas calif:california
        colo:colorado conn:connecticut del:delaware fla:florida ga:georgia hawaii:hawaii idaho:idaho
        ill:illinois ind:indiana iowa:iowa kan:kansas kans:kansas ky:kentucky la:louisiana maine:maine
        md:maryland mass:massachusetts mich:michigan minn:minnesota miss:mississippi mo:missouri
        mont:montana neb:nebraska nev:nevada n.h:new_hampshire n.j:new_jersey n.m:new_mexico
        n.y:new_york n.c:north_carolina n.d:north_dakota ohio:ohio okla:oklahoma ore:oregon pa:pennsylvania
        r.i:rhode_island s.c:south_carolina s.d:south_dakota tenn:tennessee texas:texas tex:texas
        utah:utah vt:vermont va:virginia wash:washington w.va:west_virginia wis:wisconsin
        wyo:wyoming""".split()
    ),
    **dict(
        pair.split(":")
        for pair in """al:alabama ak:alaska az:arizona ar:arkansas ca:california co:colorado
        ct:connecticut de:delaware fl:florida hi:hawaii id:idaho il:illinois in:indiana ia:iowa
        ks:kansas me:maine mi:michigan mn:minnesota ms:mississippi mt:montana ne:nebraska nv:nevada
        nh:new_hampshire nj:new_jersey nm:new_mexico ny:new_york nc:north_carolina nd:north_dakota
        oh:ohio ok:oklahoma or:oregon ri:rhode_island sc:south_carolina sd:south_dakota tn:tennessee
        tx:texas ut:utah wa:washington wv:west_virginia wi:wisconsin wy:wyoming""".split()
    ),
}

#: Head nouns by which an article refers back to an organisation ("the company said").
ORG_DESCRIPTIONS: Final[frozenset[str]] = frozenset(
    """company group organization organisation agency firm newspaper paper network committee
    administration foundation union association department ministry office bank party council
    commission institute center centre coalition alliance campaign station outlet magazine utility
    military club""".split()
)

#: Nouns for what can stand behind a content: people by role, anonymous sources, organisations, and
#: documents ("the poll found", "Report: ..."). "The bill would ..." or "the bias begins ..." cannot.
#: Documents that can be a statement's source ("a study found", "the report said").
DOCUMENT_NOUNS: Final[frozenset[str]] = frozenset(
    """poll survey report study statement document letter ad advertisement data analysis filing memo
    email tweet post article editorial column book speech website release complaint lawsuit suit
    ruling decision order indictment record records figures estimate forecast research""".split()
)
SPEAKING_NOUNS: Final[frozenset[str]] = ROLE_NOUNS | ANONYMOUS_HEADS | ORG_DESCRIPTIONS | DOCUMENT_NOUNS
