"""Contradictions across the ledger: pair every person's stored statements, judge, store the pairs.

``pairing`` does the work on plain ``Item`` objects; this module is the part that knows the ledger:
it reads each person's statements with the day they were made (``said_on``, else the article's
publication day), re-reads the articles a candidate pair comes from to apply the claim-clash rule of
``within`` across documents, and stores what it finds as ``scope = 'ledger'`` rows of the
``contradictions`` table, where ``onrecord contradictions`` and the web pages read them.

Everything goes through the ledger's SQLAlchemy engine and ``onrecord.ledger.schema``; the ledger
itself gains no methods, so the stored format stays the one ``Ledger.contradictions`` reads.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import sqlalchemy as sa

from onrecord.contradictions import pairing
from onrecord.contradictions.claims import Claim
from onrecord.ledger import schema as t
from onrecord.ledger.columns import as_date

if TYPE_CHECKING:
    from onrecord.contradictions.backends.registry import Backend
    from onrecord.ledger import Ledger
    from onrecord.model import Statement

SCOPE = "ledger"
#: Across articles, a claim clash about a thing (not a person) counts only between statements at
#: least this close (MiniLM cosine, or TF-IDF lemma cosine without embeddings).
CLAIM_CLOSE_EMBEDDING = 0.5
CLAIM_CLOSE_LEMMA = 0.3
#: A clash of polarity needs a negation in at least one of the two statements; only then is it worth
#: re-reading the two articles for the claim rule (the slow part: the whole pipeline runs again).
_NEGATION = re.compile(r"\b(?:not|never|no|neither|nor|cannot)\b|n['’]t\b", re.IGNORECASE)


@dataclass
class LedgerPairing:
    """The outcome of one pairing run over the ledger (or over one person's statements)."""

    found: list[pairing.Found]
    stats: pairing.PairingStats
    stored: int
    skipped: int
    people: list[int]
    embeddings: str
    seconds: float
    claim_documents: int = 0
    timings: dict[str, float] = field(default_factory=dict)


# -------------------------------------------------------------------------------------------- reading


def load_items(ledger: Ledger, person_ids: Sequence[int] | None = None) -> list[pairing.Item]:
    """Every statement with a person and a day, as pairing items keyed by the ledger's statement id.

    A statement without a said-on date is placed on its article's publication day; with neither it
    cannot be placed in time and is left out. A statement whose cue denies it ("she denied that ...")
    is marked ``denied``.
    """
    s, d = t.statements, t.documents
    query = (
        sa.select(
            s.c.id,
            s.c.person_id,
            s.c.content_text,
            s.c.question,
            s.c.said_on_start,
            s.c.said_on_end,
            d.c.published,
            s.c.cue_text,
            d.c.id,
            d.c.title,
        )
        .select_from(s.join(d, d.c.id == s.c.document_id))
        .where(s.c.person_id.is_not(None))
        .order_by(s.c.person_id, s.c.id)
    )
    if person_ids is not None:
        query = query.where(s.c.person_id.in_(list(person_ids)))
    items = []
    with ledger.engine.connect() as conn:
        for sid, pid, text, question, start, end, published, cue, doc_id, title in conn.execute(query):
            first = as_date(start) or as_date(published)
            if first is None:
                continue
            last = as_date(end) if start is not None else first
            denied = pairing.denial(cue)
            items.append(
                pairing.Item(sid, pid, text, first, last or first, bool(question), denied, doc_id, title)
            )
    return items


# ----------------------------------------------------------------------------------------- claim rule


class ClaimRule:
    """The claim-clash rule of ``within`` across articles: parse the articles again, compare claims.

    Claims name other people by the article's own person ids ("p2"); they are turned into ledger
    person ids so that "Putin" in one article is "Putin" in another.
    """

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.claims: dict[int, tuple[Statement, list[Claim]]] = {}
        self.documents = 0

    def prepare(self, cands: Iterable[pairing.Candidate]) -> None:
        """Parse the articles of every candidate whose pair holds a negation, and read their claims."""
        wanted: set[int] = set()
        for cand in cands:
            if _NEGATION.search(cand.a.text) or _NEGATION.search(cand.b.text):
                wanted.update((int(cand.a.key), int(cand.b.key)))  # type: ignore[call-overload]
        wanted -= set(self.claims)
        if not wanted:
            return
        from onrecord import nlp as nlp_module
        from onrecord.contradictions.claims import claims

        s, d = t.statements, t.documents
        ids = sorted(wanted)
        by_doc: dict[str, dict[str, int]] = {}
        with self.ledger.engine.connect() as conn:
            for lo in range(0, len(ids), 500):
                rows = conn.execute(
                    sa.select(s.c.id, s.c.document_id, s.c.local_id).where(s.c.id.in_(ids[lo : lo + 500]))
                )
                for sid, doc_id, local in rows:
                    by_doc.setdefault(doc_id, {})[local] = sid
            docs = []
            for lo in range(0, len(by_doc), 200):
                chunk = list(by_doc)[lo : lo + 200]
                docs.extend(
                    conn.execute(
                        sa.select(d.c.id, d.c.text, d.c.published, d.c.title_start, d.c.title_end).where(
                            d.c.id.in_(chunk)
                        )
                    ).all()
                )
            people = {
                (doc_id, local): pid
                for doc_id, local, pid in conn.execute(
                    sa.select(
                        t.document_people.c.document_id,
                        t.document_people.c.local_id,
                        t.document_people.c.person_id,
                    ).where(t.document_people.c.document_id.in_(list(by_doc)))
                )
            }
        pipeline = nlp_module.load()

        def spacy_docs():  # type: ignore[no-untyped-def]
            for _doc_id, text, published, t0, t1 in docs:
                title = (t0, t1) if t0 is not None and t1 is not None else None
                yield nlp_module.make_doc(pipeline, text, as_date(published), title)

        for (doc_id, *_), doc in zip(docs, pipeline.pipe(spacy_docs(), batch_size=16), strict=True):
            self.documents += 1
            local_ids = by_doc[doc_id]
            for stmt in doc._.statements or []:
                sid = local_ids.get(stmt.id)
                if sid is None:
                    continue
                found = [self._global(c, doc_id, people) for c in claims(doc, stmt)]
                self.claims[sid] = (stmt, found)

    @staticmethod
    def _global(claim: Claim, doc_id: str, people: dict[tuple[str, str], int]) -> Claim:
        found = frozenset(f"#{people[(doc_id, x)]}" if (doc_id, x) in people else x for x in claim.people)
        return replace(claim, people=found)

    def __call__(self, cand: pairing.Candidate) -> pairing.ClaimClash | None:
        """The strongest clash between the later and the earlier statement's claims, if any."""
        from onrecord.contradictions.within import claim_clash, quote

        later = self.claims.get(int(cand.a.key))  # type: ignore[call-overload]
        earlier = self.claims.get(int(cand.b.key))  # type: ignore[call-overload]
        if not later or not earlier or not later[1] or not earlier[1]:
            return None
        score, c_late, c_early = max(
            ((claim_clash(x, y), x, y) for x in later[1] for y in earlier[1]), key=lambda r: r[0]
        )
        if score <= 0:
            return None
        # Inside one article "about the same thing" is safe; across articles a shared object noun
        # ("debate", "use") often is not. The clash stands when it is about a person both name, or
        # when the two statements are close anyway.
        person = bool(c_late.people & c_early.people)
        close = (
            cand.embedding_similarity >= CLAIM_CLOSE_EMBEDDING
            if cand.embedding_similarity is not None
            else cand.similarity >= CLAIM_CLOSE_LEMMA
        )
        if not (person or close):
            return None
        same = c_late.predicate == c_early.predicate
        why = f"{quote(later[0], c_late)}; {quote(earlier[0], c_early)}"
        return pairing.ClaimClash(
            score, "negation" if same else "polarity", why, c_late.predicate if same else None
        )


# -------------------------------------------------------------------------------------------- sources


def sources(ledger: Ledger, pairs: Iterable[tuple[int, int, int]]) -> dict[tuple[int, int], dict]:
    """Every article that carried each side of these stored pairs, by (statement_a, statement_b).

    ``pairs`` are (person id, statement_a, statement_b). The ledger stores a pair once, between the
    copies pairing kept (``pairing.fold``); the other copies are found again the same way, so the
    stored rows need no column of their own and a later ingest of one more copy shows up at once.
    """
    pairs = list(pairs)
    copies: dict[int, tuple[pairing.Item, ...]] = {}
    for group in pairing.fold(load_items(ledger, sorted({p for p, _, _ in pairs}))):
        for item in group:
            copies[int(item.key)] = group  # type: ignore[call-overload]
    return {(a, b): pairing.sources(copies.get(a, ()), copies.get(b, ())) for _, a, b in pairs}


# -------------------------------------------------------------------------------------------- storing


def store(ledger: Ledger, found: Sequence[pairing.Found], people: Sequence[int] | None) -> tuple[int, int]:
    """Replace the ledger-scope pairs of these people (None: everyone) with ``found``, in one transaction.

    A pair the in-document rule already stored (scope 'document') stays as it is and is not stored
    again. Returns (stored, skipped).
    """
    c = t.contradictions
    with ledger.engine.begin() as conn:
        delete = c.delete().where(c.c.scope == SCOPE)
        if people is not None:
            delete = delete.where(c.c.person_id.in_(list(people)))
        conn.execute(delete)
        existing = conn.execute(sa.select(c.c.statement_a, c.c.statement_b))
        taken = {frozenset(row) for row in existing}
        rows = []
        for f in found:
            key = frozenset((f.a.key, f.b.key))
            if key in taken:
                continue
            taken.add(key)
            rows.append(
                {
                    "statement_a": f.a.key,
                    "statement_b": f.b.key,
                    "person_id": f.a.person,
                    "score": float(f.score),
                    "kind": f.kind,
                    "explanation": f.explanation,
                    "scope": SCOPE,
                    "created_at": t.now(),
                }
            )
        for lo in range(0, len(rows), 1000):
            conn.execute(c.insert(), rows[lo : lo + 1000])
    return len(rows), len(found) - len(rows)


def last_paired(ledger: Ledger, people: Sequence[int] | None = None) -> dt.datetime | None:
    """When ledger-scope pairs were last stored (for these people), or None when never."""
    c = t.contradictions
    query = sa.select(sa.func.max(c.c.created_at)).where(c.c.scope == SCOPE)
    if people is not None:
        query = query.where(c.c.person_id.in_(list(people)))
    with ledger.engine.connect() as conn:
        value = conn.execute(query).scalar_one_or_none()
    if value is None or isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(str(value))


def ingested_since(ledger: Ledger, when: dt.datetime) -> int:
    """How many documents were stored after ``when`` (pairs stored before them may be missing some)."""
    d = t.documents
    with ledger.engine.connect() as conn:
        return int(conn.execute(sa.select(sa.func.count()).where(d.c.ingested_at > when)).scalar_one())


# -------------------------------------------------------------------------------------------- running


def pair_ledger(
    ledger: Ledger,
    people: Sequence[int] | None = None,
    *,
    embeddings: bool = True,
    claims: bool = True,
    min_score: float = pairing.KEEP_SCORE,
    save: bool = True,
    log: Callable[[str], None] | None = None,
    backend: Backend | None = None,
) -> LedgerPairing:
    """Pair, judge and (``save``) store the contradictions of these people, or of everyone.

    ``embeddings`` uses the packaged MiniLM when its extra is installed, and the lemma vectors alone
    when it is not (said in ``LedgerPairing.embeddings``). ``backend`` is a judge of the registry
    (``backends.registry``): its embedder, if any, is used, and a model back-end gives its second
    opinion on the pairs the rules kept (the LLM only on the best ``top_n``).
    """
    began = time.perf_counter()
    timings: dict[str, float] = {}
    say = log or (lambda _msg: None)
    items = load_items(ledger, people)
    timings["load"] = time.perf_counter() - began
    embedder = backend.embedder if backend is not None else None
    used = "MiniLM + lemma vectors" if embedder is not None else "lemma vectors only (--no-embeddings)"
    if embeddings and embedder is None:
        from onrecord.contradictions.backends import BackendError

        try:
            from onrecord.contradictions.backends.embed import minilm

            embedder = minilm()
            used = "MiniLM + lemma vectors"
        except BackendError as err:
            used = f"lemma vectors only ({err})"
    say(f"pairing {len(items)} statements ({used})")
    stats = pairing.PairingStats()
    mark = time.perf_counter()
    cands = pairing.candidates(items, embedder=embedder, stats=stats)
    timings["candidates"] = time.perf_counter() - mark
    say(f"{len(cands)} candidate pairs among {stats.eligible} statements of {stats.people} people")
    rule: ClaimRule | None = None
    if claims:
        mark = time.perf_counter()
        rule = ClaimRule(ledger)
        rule.prepare(cands)
        timings["claims"] = time.perf_counter() - mark
    mark = time.perf_counter()
    found = pairing.judge(cands, embedded=embedder is not None, claim_check=rule, min_score=min_score)
    timings["judge"] = time.perf_counter() - mark
    if backend is not None and backend.model is not None:
        mark = time.perf_counter()
        found = backend.second_opinion(found, lambda f: (f.b.text, f.a.text))
        timings[backend.name] = time.perf_counter() - mark
    stored = skipped = 0
    if save:
        stored, skipped = store(ledger, found, people)
    return LedgerPairing(
        found=found,
        stats=stats,
        stored=stored,
        skipped=skipped,
        people=sorted({int(i.person) for i in items}),  # type: ignore[call-overload]
        embeddings=used,
        seconds=time.perf_counter() - began,
        claim_documents=rule.documents if rule else 0,
        timings=timings,
    )
