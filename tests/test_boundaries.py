"""The rule "boundaries": candidate content spans, and a model choosing among them.

The rule's behaviour is tested with tiny boundary models written here by hand inside a learned model
file; what the shipped model chooses is measured on PolNeAR (tests/test_learned.py, docs/BENCHMARKS.md).
"""

from __future__ import annotations

import json
from pathlib import Path

from onrecord import ALL_CUE_CLASSES, read
from onrecord.attribution.rules.boundaries import BoundaryModel, spans, token_range
from onrecord.attribution.rules.learned import ClauseModel

PUB = "2024-03-14"
#: A reported clause whose subtree carries a trailing remark of the writer's.
REMARK = "Mayor Lena Ortiz said the bridge will open in May, a date that surprised the council."


def model_file(tmp_path: Path, boundary: BoundaryModel | None, name: str = "model") -> Path:
    """A learned model that never fires itself, with ``boundary`` as its boundary model (one file name
    per model: pipelines are cached by path)."""
    path = tmp_path / f"{name}.json"
    ClauseModel(weights={}, bias=-10.0, threshold=0.5, boundary=boundary).save(path)
    return path


def contents(text: str, model: Path | None) -> list[tuple[str, str]]:
    found = read(text, published=PUB, cue_classes=ALL_CUE_CLASSES, model=model).statements
    return [(s.rule, s.content_text) for s in found]


def test_the_candidates_differ_only_in_their_edges() -> None:
    from onrecord import nlp

    pipeline = nlp.load(ALL_CUE_CLASSES, None)
    doc = pipeline(nlp.make_doc(pipeline, REMARK, None, None))
    (stmt,) = doc._.statements
    found = token_range(doc, stmt)
    assert found is not None and stmt.cue_token is not None
    options = {(o.kind, doc[o.start : o.end].text) for o in spans(doc, stmt.cue_token, *found)}
    assert ("subtree", "the bridge will open in May, a date that surprised the council") in options
    assert ("cut_last_punct", "the bridge will open in May") in options


def test_the_model_moves_the_end_and_the_hand_rules_alone_keep_the_subtree(tmp_path: Path) -> None:
    whole = [("reported", "the bridge will open in May, a date that surprised the council")]
    assert contents(REMARK, None) == whole
    cut = model_file(tmp_path, BoundaryModel({"v=cut_last_punct": 2.0, "tail_verb": 1.0}), "cut")
    assert contents(REMARK, cut) == [("reported", "the bridge will open in May")]
    keep = model_file(tmp_path, BoundaryModel({"v=subtree": 2.0}), "keep")
    assert contents(REMARK, keep) == whole


def test_no_span_moved_by_the_model_swallows_another_statement_s_cue(tmp_path: Path) -> None:
    # a model that always runs a content to the end of its sentence: the first "describing" would
    # take the second one and its statement with it (the code before did, on a devset page)
    text = (
        "Rosa Tamm testified, describing her son as brave before describing for the jury the details "
        "of the fight for his life."
    )
    assert contents(text, None) == [
        ("object", "her son as brave"),
        ("object", "for the jury the details of the fight for his life"),
    ]
    to_end = model_file(tmp_path, BoundaryModel({"v=to_sent_end": 5.0}))
    assert contents(text, to_end) == contents(text, None)
    # someone else's words may stay: the doctor's is part of what he explained (a first version,
    # which stopped at anyone's cue, failed this)
    text = "Ivo Brandt kept explaining how he could not have been at the pier, "
    text += "because his doctor said he was ill."
    found = contents(text, to_end)
    assert ("object", "how he could not have been at the pier, because his doctor said he was ill") in found


def test_the_model_can_take_the_complementizer_after_the_listener(tmp_path: Path) -> None:
    text = "Mayor Lena Ortiz told reporters that the bridge will open in May."
    assert contents(text, None) == [("reported", "the bridge will open in May")]
    wide = model_file(tmp_path, BoundaryModel({"v=from_cue": 2.0}))
    # the listener is whom it was told to, never what was told (the span once began at the listener)
    assert contents(text, wide) == [("reported", "that the bridge will open in May")]
    board = "Peter Saar assured the harbor board that the bridge will open in May."
    assert contents(board, wide) == [("reported", "that the bridge will open in May")]


def test_no_span_past_the_subtree_takes_in_another_speaker_s_statement(tmp_path: Path) -> None:
    text = "Ivo Brandt said the toll would stay, but Rosa Tamm insisted it would go soon."
    to_end = model_file(tmp_path, BoundaryModel({"v=to_sent_end": 5.0}))
    assert contents(text, to_end) == [("reported", "the toll would stay"), ("reported", "it would go soon")]


def test_a_span_from_the_cue_never_takes_in_the_speaker_after_it(tmp_path: Path) -> None:
    # "by some analysts" is who suggested it (the passive's agent), never part of what was suggested
    text = "It has been suggested by some analysts that the bank will raise rates in May."
    assert contents(text, None) == [("reported", "the bank will raise rates in May")]
    wide = model_file(tmp_path, BoundaryModel({"v=from_cue": 2.0}))
    assert contents(text, wide) == [("reported", "that the bank will raise rates in May")]


def test_a_model_file_without_a_boundary_model_leaves_the_spans_alone(tmp_path: Path) -> None:
    path = model_file(tmp_path, None)
    assert "boundary" not in json.loads(path.read_text())
    assert ClauseModel.load(path).boundary is None
    assert contents(REMARK, path) == contents(REMARK, None)


def test_the_boundary_model_round_trips_rounded(tmp_path: Path) -> None:
    path = model_file(tmp_path, BoundaryModel({"v=subtree": 0.1234567891, "len": 1e-9}, 0.5))
    loaded = ClauseModel.load(path).boundary
    assert loaded == BoundaryModel({"v=subtree": 0.123457}, 0.5)


def _candidates(text: str) -> list[str]:
    """The candidate contents of the first statement the hand rules find in ``text``."""
    from onrecord import nlp

    pipeline = nlp.load(ALL_CUE_CLASSES, None)
    doc = pipeline(nlp.make_doc(pipeline, text, None, None))
    stmt = doc._.statements[0]
    found = token_range(doc, stmt)
    assert found is not None and stmt.cue_token is not None
    return [doc[o.start : o.end].text for o in spans(doc, stmt.cue_token, *found)]


def test_no_candidate_cuts_inside_a_quotation() -> None:
    options = _candidates(
        'Mayor Lena Ortiz said the bridge was "late, costly and badly built" and would open in May.'
    )
    assert not any(o.endswith(('"late', '"late,', "late")) for o in options), options


def test_no_candidate_runs_into_the_circumstances_of_the_saying() -> None:
    # "while closing out their concert" is when the band announced it, not what it announced
    options = _candidates(
        "The Harbor Band announced a 30-date tour while closing out their concert in Riverton."
    )
    assert options and not any("while" in o for o in options), options
    # a clause the parser took for the cue's adverbial one but opened by "that" may still be content
    options = _candidates("Ana Sol said the yard would close, but that the jobs would stay.")
    assert any(o.endswith("the jobs would stay") for o in options), options
