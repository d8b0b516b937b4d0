"""Attribution rules: find each statement's content, its cue and the mention of its source.

Rules run from the most to the least certain, and each cue word serves one statement only:
  1. quotes      a quotation with a reporting verb outside it ("...," Trump said)
  2. aside       an attribution set off by commas inside or after the content (", the source said,")
  3. reported    a reporting verb with a clause ("Trump said that he doesn't know ...")
  4. according   "according to X"
  5. nominal     a claim noun with a that-clause ("his claims that he has ...")
  6. run-on      a quotation with no cue that continues the previous speaker's quote
Speakers are left unresolved here (``Speaker.person`` is None); ``onrecord_speakers`` resolves them.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from onrecord.attribution.lexicon import (
    ADDRESSEE_CUES,
    BARE_OBJECT_CUES,
    CUE_NOUNS,
    CUE_VERBS,
    OBJECT_CUES,
    QUOTE_FRAME_VERBS,
    STANCE_NOUNS,
    STANCE_PREPS,
)
from onrecord.attribution.quotes import Quote
from onrecord.model import CueClass, Mention, Speaker, Statement, StatementKind
from onrecord.nlp import text_of

_SUBJ = {"nsubj", "nsubjpass", "csubj"}
_IMPERSONAL = {"it", "there"}
_WH = {"whether", "if", "what", "who", "why", "how", "when", "where", "which"}
_TRIM = {",", ";", ":", "—", "–", "-", "(", ")", "'", '"', "“", "”", "‘", "’"}
_END_PUNCT = {".", "!", "?", "…"}
_SHORT_TAIL = 10  # words in an attribution sentence that follows its quote ('?" Roberts asked.')


def char_spans(doc: Doc, indices: Iterable[int], keep_final: bool = False) -> list[tuple[int, int]]:
    """Contiguous runs of tokens as character spans, with dangling punctuation trimmed off the edges."""
    idx = sorted(set(indices))
    idx = [i for i in idx if not doc[i].is_space]
    while idx and (doc[idx[0]].text in _TRIM or doc[idx[0]].text in _END_PUNCT):
        idx.pop(0)
    while idx and (doc[idx[-1]].text in _TRIM or (doc[idx[-1]].text in _END_PUNCT and not keep_final)):
        idx.pop()
    spans: list[tuple[int, int]] = []
    for i in idx:
        tok = doc[i]
        start, end = tok.idx, tok.idx + len(tok)
        if spans and text_of(doc)[spans[-1][1] : start].strip() == "":
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def _text(doc: Doc, spans: list[tuple[int, int]]) -> str:
    return " ".join(text_of(doc)[s:e] for s, e in spans)


def cue_class(token: Token) -> CueClass | None:
    """The class of a reporting verb, or None when the token does not report anything."""
    if token.pos_ not in {"VERB", "AUX"} and token.tag_ not in {"VBD", "VBZ", "VBP", "VB", "VBG", "VBN"}:
        return None
    return CUE_VERBS.get(token.lemma_.lower())


def subject_block(verb: Token) -> tuple[int, int] | None:
    """Token range of the verb's subject phrase; a verb without one borrows its governor's."""
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "csubj"}]
    if subjects:
        first = min(subjects, key=lambda t: t.i)
        if first.lower_ in _IMPERSONAL:
            return None  # "it is said", "there were reports": nobody in particular speaks
        if first.i < verb.i:
            # The whole stretch before the verb when the parser split one subject in two.
            end = max(s.right_edge.i for s in subjects if s.i < verb.i) + 1
            return _after_dateline(verb.doc, first.left_edge.i, end)
        return first.left_edge.i, first.right_edge.i + 1
    if verb.dep_ in {"advcl", "conj", "xcomp"} and verb.head is not verb:
        if verb.dep_ == "advcl" and verb.tag_ != "VBG":
            return None
        return subject_block(verb.head)
    if verb.tag_ in {"VBD", "VBZ", "VBP"}:
        return _name_before(verb)
    return None


def _name_before(verb: Token) -> tuple[int, int] | None:
    """The name just before a finite cue the parser left without a subject ("Lazar, 44, said")."""
    doc = verb.doc
    i = verb.i - 1
    while i >= verb.sent.start and (doc[i].is_punct or doc[i].like_num):
        i -= 1
    if i < verb.sent.start or doc[i].pos_ not in {"PROPN", "PRON"} or doc[i].dep_ == "poss":
        return None
    start = i
    while start > verb.sent.start and doc[start - 1].dep_ == "compound" and doc[start - 1].head.i <= i:
        start -= 1
    return start, i + 1


def _after_dateline(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop a dateline the parser hung on the subject ("RIVERTON, Ohio (AP) — The authority")."""
    for i in range(end - 1, start, -1):
        if doc[i].text in {"—", "–", "--"}:
            return i + 1, end
    return start, end


def _is_passive_or_negated(verb: Token) -> bool:
    return any(c.dep_ in {"auxpass", "nsubjpass", "neg"} for c in verb.children)


def _clause_tokens(clause: Token) -> list[int]:
    """A content clause without its complementizer and without a trailing comment on the reporting."""
    toks = [t.i for t in clause.subtree]
    if toks and clause.doc[toks[0]].dep_ == "mark" and clause.doc[toks[0]].lower_ == "that":
        toks = toks[1:]
    last = clause.right_edge.i
    for tok in clause.subtree:
        # ", contradicting his own claims ..." closing the clause comments on the report itself.
        if (
            tok.dep_ == "advcl"
            and tok.tag_ == "VBG"
            and tok.right_edge.i == last
            and clause.doc[tok.left_edge.i - 1].text == ","
        ):
            cut = tok.left_edge.i - 1
            toks = [i for i in toks if i < cut]
            break
    return toks


def _mention(doc: Doc, start: int, end: int) -> Mention:
    span = doc[start:end]
    return Mention(span.text, (span.start_char, span.end_char))


class _Builder:
    """Collects statements for one Doc and remembers which cue tokens are taken."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.out: list[Statement] = []
        self.used_cues: set[int] = set()
        title = doc._.title_span
        self.title_end = title[1] if title else -1

    def in_title(self, char: int) -> bool:
        return char < self.title_end

    def add(
        self,
        kind: StatementKind,
        spans: list[tuple[int, int]],
        cue: Mention | None,
        cue_token: int | None,
        speaker: tuple[int, int] | None,
        cls: CueClass,
        rule: str,
        confidence: float,
        question: bool = False,
    ) -> Statement | None:
        if not spans or self.in_title(spans[0][0]):
            return None
        content = _text(self.doc, spans)
        if len(content.split()) < (1 if cls == "stance" else 2):
            return None  # a one-word stance is whole ("endorsed Trump"); one quoted word is not a claim
        if cue_token is not None:
            self.used_cues.add(cue_token)
        spk = None
        if speaker is not None:
            span = self.doc[speaker[0] : speaker[1]]
            spk = Speaker(text=span.text, span=(span.start_char, span.end_char))
        stmt = Statement(
            id="",
            kind=kind,
            content_spans=spans,
            content_text=content,
            cue=cue,
            speaker=spk,
            cue_class=cls,
            question=question or content.rstrip().endswith("?"),
            confidence=confidence,
            rule=rule,
            cue_token=cue_token,
            speaker_tokens=speaker,
        )
        self.out.append(stmt)
        return stmt

    def covered(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for st in self.out for s, e in st.content_spans)


def _quote_tokens(doc: Doc, quote: Quote) -> Span | None:
    return doc.char_span(quote.inner[0], quote.inner[1], alignment_mode="expand")


def _frame_class(tok: Token) -> CueClass | None:
    """The class of a verb that can frame a quotation: a speech or writing cue, or "continued"."""
    cls = cue_class(tok)
    if cls in {"speech", "writing"}:
        return cls
    if tok.pos_ == "VERB" and tok.lemma_.lower() in QUOTE_FRAME_VERBS:
        return QUOTE_FRAME_VERBS[tok.lemma_.lower()]
    if tok.lemma_.lower() in {"go", "shoot"} and any(c.lower_ in {"on", "back"} for c in tok.rights):
        return "speech"  # "he went on", "she shot back"
    return None


def _frame_cue(doc: Doc, sents: list[Span], used: set[int], quote: Span | None = None) -> Token | None:
    """The reporting verb outside every quotation, nearest to the quote, in the sentences around it."""
    best: Token | None = None
    best_distance = len(doc) + 1
    for sent in sents:
        for tok in sent:
            if tok._.in_quote is not None or tok.i in used:
                continue
            if _frame_class(tok) is not None and not _is_passive_or_negated(tok):
                if quote is None:
                    return tok
                distance = quote.start - tok.i if tok.i < quote.start else tok.i - quote.end
                if distance < best_distance:
                    best, best_distance = tok, distance
    return best


def _quotes(doc: Doc, b: _Builder) -> list[tuple[Quote, Statement | None]]:
    """Rule 1: quotations with their reporting verb; returns each speech-like quote with its statement."""
    results: list[tuple[Quote, Statement | None]] = []
    quotes = [q for q in doc._.quotes or [] if q.lookalike is None and not b.in_title(q.start)]
    i = 0
    while i < len(quotes):
        q = quotes[i]
        span = _quote_tokens(doc, q)
        if span is None or len(span) == 0:
            i += 1
            continue
        sents = _sents_around(doc, q, span)
        cue = _frame_cue(doc, sents, b.used_cues, span)
        if cue is None:
            cue = _colon_intro(doc, sents[0], b.used_cues)
        if cue is not None and (_inside_reported_clause(cue, span) or _fragment(doc, q, span, cue)):
            i += 1  # "said the vote was the clearest sign that ''...''": rules 2 and 3 take the clause
            continue
        group = [q]
        if cue is not None:
            # "First part," she said, "second part." is one statement in two pieces.
            while i + 1 < len(quotes):
                nxt = quotes[i + 1]
                nspan = _quote_tokens(doc, nxt)
                if nspan is None or nspan.start > sents[-1].end + 1 or nspan[0].sent.start > sents[-1].start:
                    break
                group.append(nxt)
                i += 1
        stmt = None
        if cue is not None:
            spans = [(g.inner[0], g.inner[1]) for g in group]
            spans = [_strip_span(text_of(doc), s) for s in spans]
            stmt = b.add(
                "direct",
                [s for s in spans if s[1] > s[0]],
                _mention(doc, cue.i, cue.i + 1),
                cue.i,
                subject_block(cue) or _inverted_subject(cue),
                _frame_class(cue) or "speech",
                "quote",
                0.9,
                question=cue.lemma_.lower() in {"ask", "wonder", "question"},
            )
        results.extend((g, stmt) for g in group)
        i += 1
    return results


def _fragment(doc: Doc, quote: Quote, span: Span, cue: Token) -> bool:
    """A quoted fragment inside the writer's own sentence ('a better president "no matter what,"').

    It starts in lower case after several words of the sentence that are not the attribution; the
    statement is the whole sentence, which the aside and reported rules make as a mixed one.
    """
    if not quote.text[:1].islower():
        return False
    block = subject_block(cue) or (cue.i, cue.i)
    before = [
        t
        for t in doc[span.sent.start : span.start]
        if t.is_alpha and t._.in_quote is None and not (block[0] <= t.i < block[1]) and t.i != cue.i
    ]
    return len(before) >= 3


def _inverted_subject(cue: Token) -> tuple[int, int] | None:
    """'..." asked Mr. Manafort': the parser may take the speaker after the cue for its object."""
    nxt = cue.doc[cue.i + 1] if cue.i + 1 < len(cue.doc) else None
    if nxt is None or nxt.pos_ != "PROPN" or nxt._.in_quote is not None:
        return None
    head = nxt
    while head.dep_ == "compound" and head.head.i > head.i:
        head = head.head
    return nxt.i, head.i + 1


def _inside_reported_clause(cue: Token, quote: Span) -> bool:
    """True when the quote is only part of the cue's content clause (a mixed statement)."""
    for clause in cue.children:
        if clause.dep_ != "ccomp" or clause.i < cue.i:
            continue
        tokens = list(clause.subtree)
        if not (tokens[0].i <= quote.start and quote.end <= tokens[-1].i + 1):
            continue
        outside = [t for t in tokens if t._.in_quote is None and t.is_alpha and t.lower_ != "that"]
        return len(outside) >= 2
    return False


def _strip_span(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """Trim spaces and a trailing comma from a quote's inside ("today," -> "today")."""
    s, e = span
    while s < e and text[s].isspace():
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:—–"):
        e -= 1
    return s, e


def _sents_around(doc: Doc, quote: Quote, span: Span) -> list[Span]:
    """The sentences a quote touches, plus the one its closing mark runs into ('?" Roberts asked.')."""
    sents: list[Span] = []
    sent = doc[span.start].sent
    while True:
        sents.append(sent)
        if sent.end >= span.end or sent.end >= len(doc):
            break
        sent = doc[sent.end].sent
    after = next((t for t in doc[span.end :] if t.idx >= quote.end and not t.is_space), None)
    if (
        after is not None
        and "\n" not in text_of(doc)[quote.end : after.idx]
        and after.sent.start >= sents[-1].end
        and sum(1 for t in after.sent if not t.is_punct and not t.is_space) <= _SHORT_TAIL
    ):
        sents.append(after.sent)
    return sents


def _colon_intro(doc: Doc, sent: Span, used: set[int]) -> Token | None:
    """A cue in the previous sentence when it ends with a colon ("Trump said: ...")."""
    if sent.start == 0:
        return None
    prev = doc[sent.start - 1].sent
    last = [t for t in prev if not t.is_space]
    if not last or last[-1].text != ":":
        return None
    return _frame_cue(doc, [prev], used)


def _aside(doc: Doc, b: _Builder) -> None:
    """Rule 2: an attribution set off by commas, mid-sentence or at its end (", the source said,")."""
    for tok in doc:
        cls = cue_class(tok)
        if cls not in {"speech", "writing"} or tok.i in b.used_cues or tok._.in_quote is not None:
            continue
        if _is_passive_or_negated(tok) or any(c.dep_ == "ccomp" and c.i > tok.i for c in tok.children):
            continue
        subj = subject_block(tok)
        if subj is None:
            continue
        start, end = min(subj[0], tok.i), max(subj[1], tok.i + 1)
        if any(doc[i]._.person is None and doc[i].pos_ == "VERB" and i != tok.i for i in range(start, end)):
            continue
        end = _extend_right(doc, tok, end)
        sent = tok.sent
        # 'The plans are "irresponsible," Bell said': the comma sits inside the closing mark
        closing = (
            start - 2 > sent.start and doc[start - 1].text in _CLOSING_MARKS and doc[start - 2].text == ","
        )
        if start <= sent.start or (doc[start - 1].text not in {",", "—", "–"} and not closing):
            continue
        after = doc[end] if end < sent.end else None
        if after is not None and after.text not in {",", "—", "–"} and after.text not in _END_PUNCT:
            continue
        cut = start if closing else start - 1  # the closing mark stays with the quoted words
        content = [i for i in range(sent.start, sent.end) if not (cut <= i < end + 1)]
        content = [i for i in content if not doc[i].is_space]
        if not any(doc[i].pos_ in {"VERB", "AUX"} for i in content):
            continue  # "In Honolulu last week, Obama told ...": a fronted phrase, not a statement
        spans = char_spans(doc, content)
        if not spans or b.covered(spans[0][0], spans[-1][1]):
            continue
        quoted = any(doc[i]._.in_quote is not None for i in content)
        kind: StatementKind = "mixed" if quoted else "indirect"
        b.add(kind, spans, _mention(doc, tok.i, tok.i + 1), tok.i, subj, cls, "aside", 0.8)


def _extend_right(doc: Doc, verb: Token, end: int) -> int:
    """Take modifiers of the cue into the attribution (", the source said on Tuesday.")."""
    for child in verb.rights:
        if child.i < end:
            continue
        if (
            child.dep_ in {"prep", "npadvmod", "advmod", "dobj", "dative", "agent"}
            and child.left_edge.i == end
        ):
            end = child.right_edge.i + 1
        else:
            break
    return end


def _reported(doc: Doc, b: _Builder) -> None:
    """Rule 3: a reporting verb with a content clause after it."""
    for tok in doc:
        cls = cue_class(tok)
        if cls is None or tok.i in b.used_cues or tok._.in_quote is not None or _is_passive_or_negated(tok):
            continue
        clauses = [c for c in tok.children if c.dep_ == "ccomp" and c.i > tok.i]
        if not clauses:
            continue
        clause = clauses[0]
        first = doc[clause.left_edge.i]
        question = first.lower_ in _WH
        if question and tok.lemma_.lower() not in {"ask", "wonder", "question"}:
            continue
        subj = subject_block(tok)
        if subj is None and not (question and tok.tag_ == "VBN"):
            continue  # "When asked whether ...": a question whose asker goes unnamed
        toks = _clause_tokens(clause)
        spans = char_spans(doc, toks)
        if not spans or b.covered(spans[0][0], spans[-1][1]):
            continue
        quoted = [q for q in doc._.quotes or [] if spans[0][0] <= q.start and q.end <= spans[-1][1] + 1]
        kind: StatementKind = "mixed" if quoted else "indirect"
        b.add(kind, spans, _mention(doc, tok.i, tok.i + 1), tok.i, subj, cls, "reported", 0.8, question)


def _according(doc: Doc, b: _Builder) -> None:
    """Rule 4: "according to X" gives the rest of the sentence to X."""
    for tok in doc:
        if tok.lower_ != "according" or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
            continue
        to = doc[tok.i + 1]
        objs = [c for c in to.children if c.dep_ == "pobj"]
        if not objs:
            continue
        src = (objs[0].left_edge.i, objs[0].right_edge.i + 1)
        phrase = set(range(tok.i, src[1]))
        sent = tok.sent
        if src[1] < sent.end and doc[src[1]].text == ",":
            phrase.add(src[1])
        if tok.i > sent.start and doc[tok.i - 1].text == ",":
            phrase.add(tok.i - 1)
        content = [i for i in range(sent.start, sent.end) if i not in phrase and not doc[i].is_space]
        spans = char_spans(doc, content)
        if not spans or b.covered(spans[0][0], spans[-1][1]):
            continue
        cue = Mention(doc[tok.i : tok.i + 2].text, (tok.idx, to.idx + len(to)))
        b.add("according_to", spans, cue, tok.i, src, "speech", "according", 0.75)


_OBJECT_DEPS = {"dobj", "xcomp", "oprd", "ccomp", "dative"}
_CLOSING_MARKS = frozenset({'"', "”", "''", "’"})
_OBJECT_PREPS = frozenset({"of", "for", "as", "to"})
_MIN_STANCE_WORDS = 1  # "defended it", "endorsed Trump": a stance's object can be one word


def _object_content(doc: Doc, b: _Builder) -> None:
    """Rule 3b: a cue whose content is its object and complement, not a clause.

    "urged the senator to apologize", "accused the media of lying", "called the plan a disaster",
    "plans to call on young people": what was said (or intended) is the object with its complement.
    A bare object ("announced a plan") is taken only from verbs that announce or deny something.
    """
    for tok in doc:
        lemma = tok.lemma_.lower()
        cls = cue_class(tok)
        if cls is None or tok.i in b.used_cues or tok._.in_quote is not None or _is_passive_or_negated(tok):
            continue
        bare_ok = (
            lemma in BARE_OBJECT_CUES
            or (cls == "speech" and lemma not in ADDRESSEE_CUES)
            or (cls == "stance" and lemma not in STANCE_PREPS)
        )
        if lemma not in OBJECT_CUES and cls not in {"intention", "belief", "stance"} and not bare_ok:
            continue
        preps = STANCE_PREPS.get(lemma, _OBJECT_PREPS)
        parts = [
            c
            for c in tok.rights
            if c.dep_ in _OBJECT_DEPS or (c.dep_ in {"prep", "prt"} and c.lower_ in preps)
        ]
        complement = any(c.dep_ in {"xcomp", "oprd", "ccomp"} or c.dep_ == "prep" for c in parts)
        if not complement:
            parts = [c for c in parts if c.dep_ == "dobj"]  # a bare object, never a lone "to ..."
        if not parts or not (complement or bare_ok):
            continue
        if cls in {"intention", "belief"} and not any(c.dep_ == "xcomp" for c in parts):
            continue
        subj = subject_block(tok)
        if subj is None:
            continue
        toks = [t.i for c in parts for t in c.subtree]
        cue_end = tok.i + 1
        first = doc[min(toks)]
        if cls == "stance" and first.dep_ in {"prep", "prt"} and first.head == tok:
            # "called for a ban": the preposition belongs to the cue, the ban is the content
            toks = [i for i in toks if i != first.i]
            cue_end = first.i + 1
        if not toks:
            continue
        spans = char_spans(doc, range(min(toks), max(toks) + 1))
        shortest = _MIN_STANCE_WORDS if cls == "stance" else 3
        if not spans or len(_text(doc, spans).split()) < shortest or b.covered(spans[0][0], spans[-1][1]):
            continue
        rule = "stance" if cls == "stance" else "object"
        b.add("indirect", spans, _mention(doc, tok.i, cue_end), tok.i, subj, cls, rule, 0.6)


def _nominal(doc: Doc, b: _Builder) -> None:
    """Rule 5: a claim noun owned by someone, with a that-clause ("his claims ... that he has ...")."""
    for tok in doc:
        cls = CUE_NOUNS.get(tok.lemma_.lower())
        if cls is None or tok.pos_ != "NOUN" or tok._.in_quote is not None:
            continue
        owners = [c for c in tok.children if c.dep_ == "poss"]
        if not owners:
            continue
        that = next(
            (
                t
                for t in doc[tok.i + 1 : min(tok.i + 9, tok.sent.end)]
                if t.lower_ == "that" and t.dep_ == "mark"
            ),
            None,
        )
        if that is None:
            continue
        clause = that.head
        if not any(c.dep_ in _SUBJ for c in clause.children):
            continue
        toks = [i for i in (t.i for t in clause.subtree) if i > that.i]
        spans = char_spans(doc, toks)
        owner = owners[0]
        b.add(
            "indirect",
            spans,
            _mention(doc, tok.i, tok.i + 1),
            tok.i,
            (owner.i, owner.i + 1),
            cls,
            "nominal",
            0.6,
        )


def _stance_nominal(doc: Doc, b: _Builder) -> None:
    """Rule 5b: a position noun owned by someone: "his support for the bill", "Trump's attacks on Rubio"."""
    for tok in doc:
        preps = STANCE_NOUNS.get(tok.lemma_.lower())
        if preps is None or tok.pos_ != "NOUN" or tok._.in_quote is not None:
            continue
        owner = next((c for c in tok.children if c.dep_ == "poss"), None)
        about = next((c for c in tok.rights if c.dep_ == "prep" and c.lower_ in preps), None)
        if owner is None or about is None or not any(c.dep_ == "pobj" for c in about.children):
            continue
        spans = char_spans(doc, [t.i for t in about.subtree if t.i > about.i])
        if not spans or b.covered(spans[0][0], spans[-1][1]):
            continue
        owner_span = (owner.left_edge.i, owner.i + 1)
        b.add(
            "indirect", spans, _mention(doc, tok.i, about.i + 1), tok.i, owner_span, "stance", "nominal", 0.5
        )


def _line_start(doc: Doc, i: int) -> bool:
    return i == 0 or "\n" in doc[i - 1].text_with_ws


def _speaker_label(doc: Doc, start: int) -> int | None:
    """The colon after a speaker label opening a line ("TAPPER:", "Bernie Sanders:"), or None.

    A transcript names its speakers in capitals; a summary line names a person the recognizer knows.
    Place names ("WASHINGTON:") and page labels ("Related:", "Photo:") are neither.
    """
    for i in range(start, min(start + 5, len(doc))):
        tok = doc[i]
        if tok.text == ":":
            label = doc[start:i]
            if not label or any(t.is_space or "\n" in t.text_with_ws for t in label[:-1]):
                return None
            names = [t for t in label if t.text[:1].isupper() and t.is_alpha]
            if len(names) != len(label):
                return None
            transcript = all(t.is_upper and len(t) > 1 for t in label) and label[-1].ent_type_ not in {
                "GPE",
                "LOC",
            }
            person = any(t.ent_type_ == "PERSON" or t._.person is not None for t in label)
            return i if transcript or person else None
        if not (tok.text[:1].isupper() or tok.text in {".", "-"}):
            return None
    return None


def _colon_lines(doc: Doc, b: _Builder) -> None:
    """Rule 6: a line that opens with its speaker and a colon: transcripts and summary lines."""
    for tok in doc:
        if tok.is_space or not _line_start(doc, tok.i) or tok._.in_quote is not None:
            continue
        colon = _speaker_label(doc, tok.i)
        if colon is None:
            continue
        end = colon + 1
        while end < len(doc) and "\n" not in doc[end - 1].text_with_ws:
            end += 1
        content = [i for i in range(colon + 1, end) if not doc[i].is_space]
        spans = char_spans(doc, content)
        if not spans or b.covered(spans[0][0], spans[-1][1]):
            continue
        b.add("direct", spans, _mention(doc, colon, colon + 1), None, (tok.i, colon), "speech", "colon", 0.6)


def _run_on(doc: Doc, b: _Builder, quotes: list[tuple[Quote, Statement | None]]) -> None:
    """Rule 6: a quotation with no cue that follows the previous speaker's quote continues it.

    "Follows" means the quote opens the sentence right after the one the previous quote's attribution
    ends in (the next paragraph included): any other sentence in between breaks the chain.
    """
    prev: Statement | None = None
    for quote, stmt in quotes:
        if stmt is not None:
            prev = stmt
            continue
        if prev is None or prev.kind != "direct" or prev.speaker is None:
            continue
        inner = _strip_span(text_of(doc), quote.inner)
        last = doc.char_span(prev.end - 1, prev.end, alignment_mode="expand")
        first = doc.char_span(inner[0], inner[0] + 1, alignment_mode="expand")
        if not last or not first:
            continue
        anchor = last[0]
        if prev.cue_token is not None and prev.cue_token > anchor.i:
            anchor = doc[prev.cue_token]  # '"A?" Mr. Manafort asked. "B."': chain from the attribution
        prev_sent, sent = anchor.sent, first[0].sent
        opens = text_of(doc)[sent.start_char : quote.start].strip(" \n\"“”'") == ""
        if not (opens and sent.start in {prev_sent.start, prev_sent.end}):
            prev = None
            continue
        new = b.add("direct", [inner], None, None, prev.speaker_tokens, prev.cue_class, "run-on", 0.7)
        if new is not None:
            prev = new


DEFAULT_CUE_CLASSES: tuple[CueClass, ...] = ("speech", "writing")


class Attribution:
    """The attribution component; ``cue_classes`` says which kinds of cue make statements.

    Speech and writing are what a statement ledger is about; beliefs, intentions and evidence
    ("believes", "wants", "shows") are there for researchers who ask for them.
    """

    def __init__(self, cue_classes: list[str]) -> None:
        self.cue_classes = frozenset(cue_classes)

    def __call__(self, doc: Doc) -> Doc:
        b = _Builder(doc)
        quotes = _quotes(doc, b)
        _aside(doc, b)
        _reported(doc, b)
        _object_content(doc, b)
        _according(doc, b)
        _nominal(doc, b)
        _stance_nominal(doc, b)
        _colon_lines(doc, b)
        _run_on(doc, b, quotes)
        kept = [s for s in b.out if s.cue_class in self.cue_classes]
        kept.sort(key=lambda s: s.start)
        for n, stmt in enumerate(kept, 1):
            stmt.id = f"s{n}"
        doc._.statements = kept
        return doc


@Language.factory("onrecord_attribution", default_config={"cue_classes": list(DEFAULT_CUE_CLASSES)})
def make_attribution(nlp: Language, name: str, cue_classes: list[str]) -> Attribution:
    return Attribution(cue_classes)
