"""Every span in the output slices ``document.text`` to the text beside it, whatever the input."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import shared_path
from onrecord import read
from onrecord.model import Record

NAMES = ["Ana Ruiz", "Tomas Berg", "Li Wei", "Marta O'Neill", "Kwame Mensah", "the mayor", "officials", "she"]
CUES = ["said", "told reporters", "added", "argued", "wrote", "insisted", "asked"]
CLAUSES = [
    "the plan would cost $4 million",
    "she had never met the governor",
    "the vote on Tuesday was rigged",
    "nobody knew what would happen next",
    "the company's profits fell in 2019",
]
QUOTES = ["We will win this.", "Is this fair?", "I do not know him", "They lied to us — again,", "Not now"]


@st.composite
def sentences(draw: st.DrawFn) -> str:
    name, cue = draw(st.sampled_from(NAMES)), draw(st.sampled_from(CUES))
    clause, quote = draw(st.sampled_from(CLAUSES)), draw(st.sampled_from(QUOTES))
    marks = draw(st.sampled_from([('"', '"'), ("“", "”"), ("'", "'")]))
    shape = draw(st.integers(0, 6))
    q = f"{marks[0]}{quote}{marks[1]}"
    return [
        f"{name.capitalize()} {cue} that {clause}.",
        f"{q} {name} {cue}.",
        f"{name.capitalize()} {cue}: {q}",
        f"{clause.capitalize()}, {name} {cue}, according to a source.",
        f"According to {name}, {clause}.",
        f"{q} {q}",
        f"{clause.capitalize()}, {name} {cue} on Monday.",
    ][shape]


articles = st.lists(st.lists(sentences(), min_size=1, max_size=4).map(" ".join), min_size=1, max_size=5).map(
    lambda paras: "A Headline About Something\n\n" + "\n\n".join(paras) + "\n"
)


def assert_spans_slice(record: Record) -> None:
    text = record.document.text
    if record.document.title_span:
        s, e = record.document.title_span
        assert text[s:e] == record.document.title
    for person in record.people:
        for m in person.mentions:
            assert text[m.span[0] : m.span[1]] == m.text
    for stmt in record.statements:
        pieces = [text[s:e] for s, e in stmt.content_spans]
        assert " ".join(pieces) == stmt.content_text
        assert all(s < e for s, e in stmt.content_spans)
        if stmt.cue is not None:
            assert text[stmt.cue.span[0] : stmt.cue.span[1]] == stmt.cue.text
        if stmt.speaker is not None and stmt.speaker.span is not None:
            s, e = stmt.speaker.span
            assert text[s:e] == stmt.speaker.text or stmt.speaker.person is not None
            shown = stmt.speaker.description if not stmt.speaker.named else None
            # the description is the source as written, less a relative pronoun the rule left at its end
            assert shown is None or text[s:e].startswith(shown)
            assert stmt.speaker.person is not None or text[s:e] == stmt.speaker.text
        for s, e in stmt.repeated_at:
            assert 0 <= s < e <= len(text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles, st.sampled_from([None, "2024-03-14", "2016-07-28"]))
def test_spans_slice_the_text_for_generated_articles(text: str, published: str | None) -> None:
    assert_spans_slice(read(text, published=published))


def test_spans_slice_the_text_for_real_articles() -> None:
    folder = shared_path("data", "bbc", "politics")
    for path in sorted(folder.glob("*.txt"))[:40]:
        assert_spans_slice(read(path, published="2005-03-01"))
