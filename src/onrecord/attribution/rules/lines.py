"""Rule for lines that open with their speaker: transcripts ("TAPPER: ...") and summary lines."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from onrecord.attribution.mentions import Registry
from onrecord.attribution.rules.base import (
    OPENING_MARKS,
    Builder,
    char_spans,
    mention,
    rule,
)
from onrecord.spacy_doc import text_of


def _line_start(doc: Doc, i: int) -> bool:
    """The token opens a line, or follows only the quotation mark a quoted transcript line opens with."""
    if i > 0 and doc[i - 1].text in OPENING_MARKS and not doc[i - 1].whitespace_:
        i -= 1
    return i == 0 or "\n" in doc[i - 1].text_with_ws


#: Labels a newsroom puts before a line, never a speaker ("UPDATE:", "CORRECTION:", "STAT OF THE WEEK:").
NEWSROOM_LABELS = frozenset(
    """update updated correction clarification editor editors note exclusive breaking developing
    watch read related photo photos video stat source sources latest live""".split()
)
_NO_ONE = Registry()
_LABEL_START = re.compile(r"^[^\S\n]*[\"“]?([A-Z][\w.'’-]*(?:[^\S\n]+[A-Z][\w.'’-]*){0,3}[^\S\n]*:)", re.M)
# a capitalised label, or the Q and A of an interview; a quoted transcript opens its lines with a mark
_CAPS_LABEL = re.compile(r"^[\"“]?([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2}|Q|A):", re.M)
_INTERVIEW = frozenset({"Q", "A"})
#: Interview turns written "Q. Why keep going?" / "A. What else would I do?" (both must occur).
_DOTTED_TURN = re.compile(r"^[^\S\n]*([QA])\.[^\S\n]+(?=\S)", re.M)


def opens_with_label(text: str, line_start: int) -> bool:
    """The line starting at ``line_start`` opens with a capitalised speaker label ("ORTIZ:", "Q:"): its
    words are that speaker's turn, whether or not the rule made a statement of the line."""
    return _CAPS_LABEL.match(text, line_start) is not None


def _labels(doc: Doc) -> frozenset[str]:
    """The capitalised labels that open lines; Q and A count only together ("A: Keep the toll" alone
    is a ballot choice, not an interview)."""
    cached = doc.user_data.get("onrecord_caps_labels")
    if cached is None:
        labels = set(_CAPS_LABEL.findall(text_of(doc)))
        if not _INTERVIEW.issubset(labels):
            labels -= _INTERVIEW
        cached = doc.user_data["onrecord_caps_labels"] = frozenset(labels)
    return cached


def _turns(doc: Doc) -> int:
    """How many different labels open lines: a transcript has turns by two speakers or more."""
    return len(_labels(doc))


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
            interview = len(label) == 1 and label[0].text in _labels(doc) & _INTERVIEW
            capitals = all(t.is_upper and len(t) > 1 for t in label) or interview
            place = label[-1].ent_type_ in {"GPE", "LOC", "ORG", "NORP"}
            newsroom = any(t.lower_ in NEWSROOM_LABELS for t in label)
            people = {
                e.id for e in doc.user_data.get("onrecord_registry", _NO_ONE).entities if e.kind == "person"
            }
            person = any(t.ent_type_ == "PERSON" or t._.person in people for t in label)
            if newsroom or (place and not person):
                return None
            return i if person or (capitals and _turns(doc) >= 2) else None
        if not (tok.text[:1].isupper() or tok.text in {".", "-"}):
            return None
    return None


@rule("colon", 0.6)
def speaker_lines(doc: Doc, b: Builder) -> None:
    """Rule "colon": a line that opens with its speaker and a colon: transcripts and summary lines."""
    for found in _LABEL_START.finditer(text_of(doc)):
        # only lines that open with capitalised words and a colon: the text says where, not every token
        tok = doc.char_span(found.start(1), found.start(1) + 1, alignment_mode="expand")
        if tok is None:
            continue
        tok = tok[0]
        quote = tok._.in_quote
        if not _line_start(doc, tok.i) or (quote is not None and doc._.quotes[quote].start != tok.idx - 1):
            continue  # inside a quotation, unless the quotation is the line: '"WALLACE: Governor, ...
        colon = _speaker_label(doc, tok.i)
        if colon is None:
            continue
        end = colon + 1
        while end < len(doc) and "\n" not in doc[end - 1].text_with_ws:
            end += 1
        closes = doc._.quotes[quote].inner[1] if quote is not None else len(text_of(doc))
        # a quoted line ends where its quotation closes: '"Ortiz: Toll Is Fair" was the headline ...'
        content = [i for i in range(colon + 1, end) if not doc[i].is_space and doc[i].idx < closes]
        numbers = sum(doc[i].like_num for i in content)
        capitals = all(doc[i].is_upper or not doc[i].is_alpha for i in content)
        verbless = not any(doc[i].pos_ in {"VERB", "AUX"} for i in content)
        if verbless and (numbers >= 0.25 * len(content) or capitals):
            continue  # "SAO PAULO STATE: FRANCA 28.0 MM, CATANDUVA NIL": a table row, not a turn
        spans = char_spans(doc, content)
        if not spans or b.covered(spans[0][0], spans[-1][1]):
            continue
        asks = text_of(doc)[: doc[end - 1].idx + len(doc[end - 1])].rstrip().endswith("?")
        b.add(
            "direct",
            spans,
            mention(doc, colon, colon + 1),
            None,
            (tok.i, colon),
            "speech",
            asks,
        )
    _dotted_turns(doc, b)


def _dotted_turns(doc: Doc, b: Builder) -> None:
    """Interview turns labelled "Q." and "A.": the label is the speaker, the rest of the line the turn."""
    text = text_of(doc)
    found = list(_DOTTED_TURN.finditer(text))
    if {m[1] for m in found} != _INTERVIEW:
        return
    for m in found:
        label = doc.char_span(m.start(1), m.end(1) + 1, alignment_mode="expand")
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end
        body = doc.char_span(m.end(), end, alignment_mode="contract")
        if label is None or body is None or len(body) == 0 or b.covered(body.start_char, body.end_char):
            continue
        content = [t.i for t in body if not t.is_space]
        spans = char_spans(doc, content)
        speaker = (label.start, label.end)
        asks = text[:end].rstrip().endswith("?")
        b.add("direct", spans, mention(doc, *speaker), None, speaker, "speech", asks)
