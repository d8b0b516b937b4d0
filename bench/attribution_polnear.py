"""onrecord against textacy's direct-quotation extractor on PolNeAR, scored alike, in one run.

    .venv/bin/python bench/attribution_polnear.py [--split-dir ../shared/data/polnear/dev] [--limit N]
                                                   [--json OUT] [--model MODEL.json]

The "onrecord" row is the default configuration, the learned rule with the model shipped in the package
(``--model`` picks another, trained on train by ``onrecord train attribution``); the "no model" row is
the hand rules alone, in the same run.

Both systems read the same texts, byte for byte, with the same spaCy model (onrecord adds its
components to it; textacy parses with the bare model), and are scored by
``onrecord.evaluation.polnear``. textacy finds direct quotations only, so its figures are a floor
for the quote rules, not a rival for indirect speech; the speech+writing column is the fairer one.
A textacy that is not installed is reported and skipped (``pip install "textacy==0.13.*"``).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from onrecord import nlp as nlp_module
from onrecord.attribution.lexicon import CUE_VERBS
from onrecord.evaluation.polnear import (
    PolnearArticle,
    PolnearScore,
    Prediction,
    evaluate_articles,
    read_split,
    score_article,
)
from onrecord.model import ALL_CUE_CLASSES
from onrecord.nlp import DEFAULT_MODEL

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SPLIT = ROOT.parent / "shared" / "data" / "polnear" / "dev"


def run_onrecord(articles: list[PolnearArticle], model: str | Path | None) -> tuple[PolnearScore, float]:
    nlp = nlp_module.load(ALL_CUE_CLASSES, model)
    t0 = time.perf_counter()
    result = evaluate_articles(articles, nlp)
    return result, time.perf_counter() - t0


def _triples(doc: Doc) -> tuple[list[Any], bool]:
    """textacy's triples for a Doc; where it bails out on an unclosed quote, per paragraph instead.

    ``direct_quotations`` refuses a whole article with an odd number of quotation marks; running it on
    each paragraph keeps the rest of the article, which is the fairer reading of what it can do.
    Returns the triples (token offsets into ``doc``) and whether the fallback was needed.
    """
    from textacy.extract.triples import direct_quotations

    try:
        return [_as_spans(t, doc, 0) for t in direct_quotations(doc)], False
    except ValueError:
        pass
    out: list[Any] = []
    start = 0
    for i, tok in enumerate(doc):
        if "\n" in tok.text_with_ws or i == len(doc) - 1:
            para = doc[start : i + 1]
            start = i + 1
            if not any(t.is_quote for t in para):
                continue
            sub = para.as_doc()
            try:
                out.extend(_as_spans(t, sub, para.start_char) for t in direct_quotations(sub))
            except ValueError:
                continue
    return out, True


def _as_spans(triple: Any, doc: Doc, offset: int) -> Prediction:
    """One textacy triple as a prediction: speaker from its first to last token, content = the quote."""
    speaker = (
        (offset + min(t.idx for t in triple.speaker), offset + max(t.idx + len(t) for t in triple.speaker))
        if triple.speaker
        else None
    )
    # textacy's cue list is speech verbs by design: a cue outside onrecord's lexicon is speech.
    cls = next((CUE_VERBS[t.lemma_.lower()] for t in triple.cue if t.lemma_.lower() in CUE_VERBS), "speech")
    content = triple.content
    return Prediction(
        content=((offset + content.start_char, offset + content.end_char),),
        speaker=speaker,
        kind="direct",
        cue_class=cls,
        cue=tuple((offset + t.idx, offset + t.idx + len(t)) for t in triple.cue),
        rule="textacy",
    )


def run_textacy(articles: list[PolnearArticle], base: Language) -> tuple[PolnearScore, float, int]:
    """textacy's direct quotations on the bare model's parse, scored like onrecord's statements."""
    import textacy.extract.triples  # noqa: F401 - fail early, before any parsing, when it is absent

    result = PolnearScore()
    fallbacks = 0
    t0 = time.perf_counter()
    for article, doc in zip(articles, base.pipe((a.text for a in articles), batch_size=16), strict=True):
        preds, fell_back = _triples(doc)
        fallbacks += fell_back
        score_article(article, preds, result)
    return result, time.perf_counter() - t0, fallbacks


def _row(name: str, score: PolnearScore | None, seconds: float | None) -> dict[str, Any]:
    if score is None:
        return {"system": name, "available": False}
    return {
        "system": name,
        "available": True,
        "f1_03_all": round(score.overall.f1(0.3), 4),
        "f1_03_speech_writing": round(score.speech_writing.f1(0.3), 4),
        "f1_08_all": round(score.overall.f1(0.8), 4),
        "speaker_accuracy": round(score.overall.speaker_accuracy(0.3, "span"), 4),
        "speaker_accuracy_resolved": round(score.overall.speaker_accuracy(0.3, "resolved"), 4),
        "char_f1": round(score.overall.char_f1, 4),
        "seconds": round(seconds or 0.0, 2),
        "figures": score.to_dict(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--split-dir", type=Path, default=DEFAULT_SPLIT)
    parser.add_argument("--limit", type=int, default=None, help="articles, spread over the split")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument(
        "--model", default=DEFAULT_MODEL, help="another learned attribution model than the shipped one"
    )
    args = parser.parse_args()

    base = nlp_module.load_base()
    articles = read_split(args.split_dir, limit=args.limit, base=base)
    gold = sum(len(a.attributions) for a in articles)
    print(f"PolNeAR {args.split_dir.name}: {len(articles)} articles, {gold} gold attributions")

    ours, ours_s = run_onrecord(articles, args.model)
    rules, rules_s = run_onrecord(articles, None)
    for crash in ours.crashed + rules.crashed:
        print(f"onrecord crashed on {crash[:150]} (scored with no predictions)")
    note = None
    try:
        theirs: PolnearScore | None
        theirs, theirs_s, fallbacks = run_textacy(articles, base)
        note = f"textacy bailed out on {fallbacks} articles (unclosed quotes); those were read per paragraph"
        print(note)
    except ImportError as err:
        theirs, theirs_s = None, None
        note = f"textacy not installed ({err}); skipped"
        print(note)

    rows = [
        _row("onrecord", ours, ours_s),
        _row("no model", rules, rules_s),
        _row("textacy-dq", theirs, theirs_s),
    ]
    print(
        f"{'system':<12}{'F1@.3 all':>11}{'F1@.3 sp+wr':>13}{'F1@.8 all':>11}"
        f"{'spk acc':>9}{'spk+res':>9}{'char F1':>9}"
    )
    for r in rows:
        if not r["available"]:
            print(f"{r['system']:<12}{'(not installed)':>24}")
            continue
        print(
            f"{r['system']:<12}{r['f1_03_all']:>11.3f}{r['f1_03_speech_writing']:>13.3f}{r['f1_08_all']:>11.3f}"
            f"{r['speaker_accuracy']:>9.3f}{r['speaker_accuracy_resolved']:>9.3f}{r['char_f1']:>9.3f}"
        )
    print(
        "speaker accuracy is over pairs matched at 0.3; spk+res also accepts a mention of the resolved person"
    )
    if args.json:
        payload = {
            "split": str(args.split_dir),
            "articles": len(articles),
            "gold": gold,
            "note": note,
            "model": str(args.model),
            "systems": rows,
        }
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
