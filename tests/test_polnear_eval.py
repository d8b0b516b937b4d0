"""The PolNeAR reader and scorer on a made-up corpus in PolNeAR's format, whose right answers are known.

The fixture is written here (the real texts may not be copied into the repository): two short
articles, brat files with discontinuous and multi-line spans, a sourceless attribution, notes and a
doubly annotated article, so each quirk of the format is read once. Predictions built from the gold
itself must score 1.0, and partial ones must land on the right side of the 0.3 and 0.8 thresholds.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import shared_path
from onrecord.evaluation.polnear import (
    GoldAttribution,
    PolnearArticle,
    PolnearScore,
    Prediction,
    evaluate,
    gold_kind,
    main,
    quoted_mask,
    read_split,
    score_article,
)

ALPHA = (
    "Mayor Says Bridge Will Reopen\n\n"
    "Mayor Ana Ruiz said the bridge will reopen in May.\n\n"
    '"We are ready," Ruiz said. "The work is done."\n\n'
    "The steel is sound, according to the city engineers.\n\n"
    'She called the delay "a disgrace for everyone" on Monday.\n'
)
BETA = (
    "Poll Shows Tight Race\n\n"
    "A new poll shows the race is tight.\n\n"
    "Voters believe the economy matters most.\n\n"
    "“It is close,” the pollster wrote in a memo.\n"
)

# Each event: (trigger label, {role: [(substring, occurrence), ...]}).
Event = tuple[str, dict[str, list[tuple[str, int]]]]

ALPHA_EVENTS: list[Event] = [
    (
        "Attribution",
        {
            "Source": [("Mayor Ana Ruiz", 0)],
            "Cue": [("said", 0)],
            "Content": [("the bridge will reopen in May", 0)],
        },
    ),
    (
        "Attribution",
        {
            "Source": [("Ruiz", 1)],
            "Cue": [("said", 1)],
            "Content": [('"We are ready,"', 0), ('"The work is done."', 0)],
        },
    ),
    (
        "Attribution",
        {
            "Source": [("the city engineers", 0)],
            "Cue": [("according to", 0)],
            "Content": [("The steel is sound", 0)],
        },
    ),
    (
        "Attribution",
        {
            "Source": [("She", 0)],
            "Cue": [("called", 0)],
            "Content": [('the delay "a disgrace for everyone"', 0)],
        },
    ),
]
BETA_EVENTS: list[Event] = [
    (
        "Attribution",
        {"Source": [("A new poll", 0)], "Cue": [("shows", 0)], "Content": [("the race is tight", 0)]},
    ),
    (
        "Attribution",
        {"Source": [("Voters", 0)], "Cue": [("believe", 0)], "Content": [("the economy matters most", 0)]},
    ),
    ("Attribution-no-source", {"Cue": [("wrote", 0)], "Content": [("“It is close,”", 0)]}),
]


def _find(text: str, needle: str, nth: int) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def _ann(text: str, events: list[Event], extra: str = "") -> str:
    """A brat file as PolNeAR writes it: T lines per role, a trigger T line, then the E line."""
    lines: list[str] = []
    t = 0
    for e, (trigger, roles) in enumerate(events, 1):
        args: list[str] = []
        for role, pieces in roles.items():
            spans = [_find(text, s, n) for s, n in pieces]
            t += 1
            offsets = ";".join(f"{a} {b}" for a, b in spans)
            lines.append(f"T{t}\t{role} {offsets}\t{' '.join(text[a:b] for a, b in spans)}")
            args.append(f"{role}:T{t}")
        cue = _find(text, *roles["Cue"][0])
        t += 1
        lines.append(f"T{t}\t{trigger} {cue[0]} {cue[1]}\t{text[cue[0] : cue[1]]}")
        lines.append(f"E{e}\t{trigger}:T{t} " + " ".join(args))
    return "\n".join(lines) + "\n" + extra


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("polnear")
    split = root / "dev"
    (split / "text").mkdir(parents=True)
    (split / "attributions").mkdir()
    alpha, beta = "alpha_2016-01-01_bridge", "beta_2016-02-02_poll"
    (split / "text" / f"{alpha}.txt").write_bytes(ALPHA.encode("utf-8"))
    (split / "text" / f"{beta}.txt").write_bytes(BETA.encode("utf-8"))
    notes = (
        "#1\tAnnotatorNotes T1\tIs the headline in scope?\n"
        f"T99\tDiscuss 31 {ALPHA.index('Ruiz said')}\tMayor Ana Ruiz said the bridge will reopen in May.\n\n"
    )
    (split / "attributions" / f"{alpha}_a1.ann").write_text(
        _ann(ALPHA, ALPHA_EVENTS, notes), encoding="utf-8"
    )
    (split / "attributions" / f"{beta}_b2.ann").write_text(_ann(BETA, BETA_EVENTS), encoding="utf-8")
    # The second annotator of beta is listed after b2 in the metadata, so it must be ignored.
    (split / "attributions" / f"{beta}_a1.ann").write_text(_ann(BETA, BETA_EVENTS[:1]), encoding="utf-8")
    (root / "metadata.tsv").write_text(
        "compartment\tfilename\tannotators\tpublisher\tpublication_date\ttitle\n"
        f"dev\t{alpha}\ta1\talpha\t2016-01-01\tMayor Says Bridge Will Reopen\n"
        f"dev\t{beta}\tb2|a1\tbeta\t2016-02-02\tPoll Shows Tight Race\n",
        encoding="utf-8",
    )
    return split


@pytest.fixture(scope="module")
def articles(corpus: Path) -> list[PolnearArticle]:
    return read_split(corpus)


def _text(article: PolnearArticle, spans: tuple[tuple[int, int], ...]) -> list[str]:
    return [article.text[s:e] for s, e in spans]


def test_reader_reads_spans_kinds_and_classes(articles: list[PolnearArticle]) -> None:
    alpha, beta = articles
    assert alpha.text == ALPHA and alpha.published == "2016-01-01" and alpha.annotator == "a1"
    assert alpha.title_span == (0, len("Mayor Says Bridge Will Reopen"))
    got = [
        (_text(alpha, g.content), _text(alpha, g.source), g.cue_text, g.kind, g.cue_class)
        for g in alpha.attributions
    ]
    assert got == [
        (["the bridge will reopen in May"], ["Mayor Ana Ruiz"], "said", "indirect", "speech"),
        (['"We are ready,"', '"The work is done."'], ["Ruiz"], "said", "direct", "speech"),
        (["The steel is sound"], ["the city engineers"], "according to", "according_to", "speech"),
        (['the delay "a disgrace for everyone"'], ["She"], "called", "mixed", "stance"),
    ]
    assert beta.annotator == "b2"
    got = [(_text(beta, g.content), g.source, g.kind, g.cue_class) for g in beta.attributions]
    assert got[0][2:] == ("indirect", "evidence")
    assert got[1][2:] == ("indirect", "belief")
    assert got[2] == (["“It is close,”"], (), "direct", "writing")


@pytest.mark.parametrize(
    ("text", "content", "kind"),
    [
        ("He said ''We won,'' today.", "''We won,''", "direct"),  # the New York Times' quotation marks
        ('He said "We won" today.', "We won", "direct"),
        ("He said “we won” and left.", "he said “we won", "mixed"),
        ("He said we won it's true.", "we won it's", "indirect"),  # one apostrophe is no quotation mark
        ("“Open\nHe said we won.", "He said we won", "indirect"),  # an unclosed quote ends with its paragraph
    ],
)
def test_gold_kind_from_quotation_marks(text: str, content: str, kind: str) -> None:
    start = text.lower().index(content.lower())
    assert gold_kind(text, [(start, start + len(content))], "said", quoted_mask(text)) == kind


def _perfect(article: PolnearArticle) -> list[Prediction]:
    return [
        Prediction(
            content=g.content,
            speaker=g.source[0] if g.source else None,
            kind=g.kind,
            cue_class=g.cue_class,
        )
        for g in article.attributions
    ]


def _all_figures(d: Any) -> list[float]:
    """Every precision/recall/F1/accuracy number in a ``to_dict`` tree."""
    if isinstance(d, dict):
        out: list[float] = []
        for k, v in d.items():
            if isinstance(v, float) or (
                isinstance(v, int) and k in {"precision", "recall", "f1"} and not isinstance(v, bool)
            ):
                out.append(float(v))
            else:
                out.extend(_all_figures(v))
        return out
    return []


def test_perfect_prediction_scores_one(articles: list[PolnearArticle]) -> None:
    result = PolnearScore()
    for a in articles:
        score_article(a, _perfect(a), result)
    o = result.overall
    assert o.gold == 7
    for t in (0.3, 0.8):
        assert (o.precision(t), o.recall(t), o.f1(t)) == (1.0, 1.0, 1.0)
        assert o.speaker_accuracy(t, "span") == 1.0 == o.speaker_accuracy(t, "resolved")
    assert (o.char_precision, o.char_recall, o.char_f1) == (1.0, 1.0, 1.0)
    assert result.speech_writing.gold == 4 and result.speech_writing.f1(0.8) == 1.0
    assert {k: f.gold for k, f in result.by_kind.items()} == {
        "direct": 2,
        "indirect": 3,
        "mixed": 1,
        "according_to": 1,
    }
    assert all(f.f1(0.3) == 1.0 for f in result.by_cue_class.values() if f.gold)
    assert set(_all_figures(result.to_dict())) <= {1.0, 0.0}
    assert "speech+writing" in result.table()


def _one_gold(text: str, content: str) -> PolnearArticle:
    span = _find(text, content, 0)
    gold = GoldAttribution("E1", (span,), ((0, 3),), (), "indirect", "speech", "said")
    return PolnearArticle("x", Path("x.txt"), text, "a", [gold])


def _pred(text: str, content: str, speaker: tuple[int, int] | None = (0, 3), **kw: Any) -> Prediction:
    return Prediction(
        content=(_find(text, content, 0),), speaker=speaker, kind="indirect", cue_class="speech", **kw
    )


TEXT = "Ann said that abcde fghij klmno pqrst uvwxy today.\n"
GOLD = "abcde fghij klmno pqrst uvwxy"  # 25 letters


def test_coverage_thresholds() -> None:
    """Coverage must be strictly above 0.3 and 0.8; letters outside the gold cost precision only."""
    article = _one_gold(TEXT, GOLD)
    cases = {
        "abcde": (0, 0),  # 5/25 = 0.2
        "abcde fghij": (1, 0),  # 0.4
        "abcde fghij klmno pqrst": (1, 0),  # 0.8 is not above 0.8
        "fghij klmno pqrst uvwxy today": (1, 0),  # still 0.8: "today" is not gold
        "abcde fghij klmno pqrst uvwxy today": (1, 1),  # 1.0
        GOLD: (1, 1),
    }
    for predicted, expected in cases.items():
        result = PolnearScore()
        score_article(article, [_pred(TEXT, predicted)], result)
        got = (result.overall.matched.get("0.3", 0), result.overall.matched.get("0.8", 0))
        assert got == expected, predicted


def test_matching_is_one_to_one_and_greedy() -> None:
    article = _one_gold(TEXT, GOLD)
    result = PolnearScore()
    score_article(article, [_pred(TEXT, "abcde fghij klmno"), _pred(TEXT, GOLD)], result)
    o = result.overall
    assert o.matched["0.3"] == 1 and o.predicted["0.3"] == 2
    assert o.precision(0.3) == 0.5 and o.recall(0.3) == 1.0
    # The unmatched prediction counts against its own kind; the matched one under the gold's kind.
    assert result.by_kind["indirect"].predicted["0.3"] == 2


def test_speaker_variants() -> None:
    article = _one_gold(TEXT, GOLD)
    wrong = _pred(TEXT, GOLD, speaker=(9, 13))
    resolved = _pred(TEXT, GOLD, speaker=(9, 13), person_mentions=((0, 3),))
    missing = _pred(TEXT, GOLD, speaker=None)
    for pred, span_ok, resolved_ok in ((wrong, 0.0, 0.0), (resolved, 0.0, 1.0), (missing, 0.0, 0.0)):
        result = PolnearScore()
        score_article(article, [pred], result)
        assert result.overall.speaker_accuracy(0.3, "span") == span_ok
        assert result.overall.speaker_accuracy(0.3, "resolved") == resolved_ok


def test_cli_runs_onrecord_on_the_fixture(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "score.json"
    errors = tmp_path / "errors.jsonl"
    assert main([str(corpus), "--json", str(out), "--errors", str(errors)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["articles"] == 2 and data["overall"]["gold"] == 7
    assert all(0.0 <= x <= 1.0 for x in _all_figures(data))
    # onrecord finds the mayor's reported speech; the headline is never a statement.
    assert data["overall"]["0.3"]["matched"] >= 1
    assert "speech+writing" in capsys.readouterr().out
    assert main([str(tmp_path / "nowhere")]) == 2


@pytest.mark.shared
def test_real_dev_split_scores_in_range() -> None:
    result = evaluate(shared_path("data", "polnear", "dev"), limit=20)
    data = result.to_dict()
    assert data["articles"] == 20 and data["overall"]["gold"] > 100
    figures = _all_figures(data)
    assert figures and all(0.0 <= x <= 1.0 for x in figures)
    assert data["overall"]["0.3"]["matched"] > 0


@pytest.mark.parametrize(
    ("text", "title", "span"),
    [
        # the text files end each paragraph with a full stop, inside a closing mark
        ("Ruiz: Toll Is ‘A Fair Price.’\n\nThe mayor spoke.\n", "Ruiz: Toll Is ‘A Fair Price’", (0, 29)),
        # a headline and its second half on the next line, as one title in the metadata
        (
            "Toll vote set; \nCouncil meets Friday.\n\nThe mayor spoke.\n",
            "Toll vote set; Council meets Friday",
            (0, 37),
        ),
        ("Toll Vote Set\n\nThe mayor spoke.\n", "Bridge Opens", None),
    ],
)
def test_the_headline_is_found_from_the_metadata_title(
    text: str, title: str, span: tuple[int, int] | None
) -> None:
    from onrecord.evaluation.polnear import _title_span

    assert _title_span(text, title) == span
