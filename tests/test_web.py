"""The HTML pages (``onrecord.web``) with FastAPI's test client: the person page's chart and contradiction
cards, the article page's marked attributions, escaping of hostile text, and the pieces built in Python
(``highlight``, ``chart``). The same pages in a real browser are in ``tests/e2e``."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from conftest import shared_path
from onrecord.ledger import DocumentRef, StoredStatement
from onrecord.model import SaidOn
from onrecord.web import create_app
from onrecord.web.chart import buckets, timeline_svg
from onrecord.web.highlight import highlight
from test_web_support import HOSTILE_HTML, TOKEN, build_ledger

HTML = {"Accept": "text/html"}


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    """A writable server over the example, with the hostile article posted through the API."""
    db = build_ledger(tmp_path_factory.mktemp("web") / "ledger.sqlite3")
    client = TestClient(create_app(db, token=TOKEN))
    response = client.post(
        "/api/documents",
        json={"html": HOSTILE_HTML, "published": "2024-03-14", "source": "hostile.html"},
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert response.status_code == 201, response.text
    return client


def person_url(client: TestClient, name: str) -> str:
    found = client.get("/api/people", params={"q": name}).json()["items"]
    return f"/people/{next(p['id'] for p in found if p['name'] == name)}"


def document_url(client: TestClient, title_part: str) -> str:
    found = client.get("/api/documents", params={"q": title_part}).json()["items"]
    return f"/documents/{found[0]['id']}"


def text_of(fragment: str) -> str:
    """What a reader sees: tags dropped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


# -------------------------------------------------------------------------------------------- pages


def test_person_page_has_chart_contradiction_card_and_timeline(client: TestClient) -> None:
    page = client.get(person_url(client, "Ines Tavernier"), headers=HTML)
    assert page.status_code == 200
    body = page.text
    assert "<h1>Ines Tavernier</h1>" in body
    svg = re.search(r"<svg class=\"chart\".*?</svg>", body, re.S)
    assert svg and 'role="img"' in svg.group(0)
    assert ">2019<" in svg.group(0) and ">2024<" in svg.group(0)  # a bar per year, gaps kept
    assert svg.group(0).count('class="bar"') == 2
    card = re.search(r'<section class="contradiction".*?</section>', body, re.S)
    assert card is not None
    sides = re.findall(r'<article class="side".*?</article>', card.group(0), re.S)
    assert len(sides) == 2
    assert "2019" in sides[0] and "never support a toll" in text_of(sides[0])  # earlier first
    assert "14 Mar 2024" in sides[1] and "now supports the toll" in text_of(sides[1])
    links = re.findall(r'href="(/documents/[0-9a-f]{64}#s\d+)"', card.group(0))
    assert len(set(links)) == 2
    assert 'id="timeline"' in body and body.count('class="statement"') == 6
    assert body.count(">contradicted</a>") == 2


def test_chart_bars_list_their_period(client: TestClient) -> None:
    url = person_url(client, "Ines Tavernier")
    page = client.get(url, params={"since": "2019-01-01", "until": "2019-12-31"}, headers=HTML).text
    timeline = page[page.index('id="timeline"') :]
    assert timeline.count('class="statement"') == 1
    assert "Show all" in timeline
    bad = client.get(url, params={"since": "soon"}, headers=HTML)
    assert bad.status_code == 200 and "is not a date" in bad.text


def test_article_page_marks_speaker_cue_content_and_anonymous_sources(client: TestClient) -> None:
    page = client.get(document_url(client, "Gullwing"), headers=HTML)
    assert page.status_code == 200
    body = page.text
    for role in ("speaker", "cue", "content", "anonymous"):
        assert f'class="hl hl-{role}' in body, role
    legend = body[body.index('class="legend"') :][:1500]
    assert all(f"hl-{r}" in legend for r in ("speaker", "anonymous", "cue", "content"))
    quote = re.search(r'<mark class="hl hl-content"[^>]*>We cannot keep patching[^<]*</mark>', body)
    assert quote is not None
    assert re.search(
        r'<mark class="hl hl-anonymous"[^>]*>A person familiar with the negotiations</mark>', body
    )
    assert "(anonymous source)" in body
    assert re.search(r'<mark class="hl hl-cue"[^>]*>according to</mark>', body)
    removed = re.search(r"<details class=\"removed\">.*?</details>", body, re.S)
    assert removed and "Share this article" in removed.group(0) and "Advertisement" in removed.group(0)
    assert "<h1>Harbor City Council Approves Gullwing Bridge Toll in 5-4 Vote</h1>" in body
    # The title is the heading, not repeated as the first line of the text.
    text = re.search(r'<div class="article-text">(.*?)</div>', body, re.S)
    assert text and text_of(text.group(1)).startswith("Drivers will pay $2")
    anchors = re.findall(r'<span class="anchor" id="s(\d+)"></span>', body)
    assert len(anchors) == len(set(anchors)) >= 15


def test_hostile_text_is_escaped_everywhere(client: TestClient) -> None:
    url = document_url(client, "hostile")
    pages = [
        client.get(url, headers=HTML).text,
        client.get("/", params={"q": "reopen bridge"}, headers=HTML).text,
        client.get(person_url(client, "Ana Ruiz"), headers=HTML).text,
        client.get("/documents", headers=HTML).text,
    ]
    for body in pages:
        assert "<script>alert" not in body and "<script>document" not in body
        assert "<img src=x" not in body
        # The only scripts are the server's own.
        assert re.findall(r"<script[^>]*>", body) == ['<script src="/static/htmx.min.js" defer>']
    article = pages[0]
    assert "&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;" in article
    escaped_title = "Council &lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt; Votes on Bridge"
    assert f"<title>{escaped_title} · onrecord</title>" in article
    assert f"<h1>{escaped_title}</h1>" in article
    assert "&lt;script&gt;document.title" in pages[1]


def test_search_page_filters_and_serves_a_fragment_to_htmx(client: TestClient) -> None:
    page = client.get("/", params={"q": "toll", "named": "named", "kind": "direct"}, headers=HTML)
    assert page.status_code == 200 and "<form" in page.text
    found = re.search(r"(\d+) statements? found", page.text)
    assert found and int(found.group(1)) >= 1
    assert all("direct" in item for item in re.findall(r'<li class="statement".*?</li>', page.text, re.S))
    fragment = client.get("/", params={"q": "toll"}, headers={"HX-Request": "true", "HX-Target": "results"})
    assert fragment.text.lstrip().startswith('<section id="results"') and "<html" not in fragment.text
    assert "HX-Request" in fragment.headers["vary"]
    home = client.get("/", headers=HTML).text
    assert "Who says most" in home and "Strongest contradictions" in home
    bad = client.get("/", params={"kind": "rumour", "q": "toll"}, headers=HTML)
    assert bad.status_code == 200 and "is not one of" in bad.text


def test_lists_and_redirects(client: TestClient) -> None:
    people = client.get("/people", params={"q": "taver"}, headers=HTML).text
    assert "Ines Tavernier" in people and "Otis Brandvold" not in people
    docs = client.get("/documents", headers=HTML).text
    assert "Gullwing" in docs and "hostile.html" in docs
    sid = client.get("/api/statements", params={"limit": 1}).json()["items"][0]
    moved = client.get(f"/statements/{sid['id']}", follow_redirects=False)
    assert moved.status_code == 303 and moved.headers["location"].endswith(f"#s{sid['id']}")


def test_unknown_pages_are_html_404s_with_a_way_back(client: TestClient) -> None:
    for path in ("/people/99999", "/documents/nothing", "/statements/99999"):
        response = client.get(path, headers=HTML)
        assert response.status_code == 404, path
        assert response.headers["content-type"].startswith("text/html")
        assert 'href="/"' in response.text and "Skip to content" in response.text


def test_every_page_has_a_skip_link_landmarks_and_the_stylesheet(client: TestClient) -> None:
    for path in ("/", "/people", "/documents", person_url(client, "Ines Tavernier")):
        body = client.get(path, headers=HTML).text
        assert body.index('class="skip-link" href="#content"') < body.index("<header")
        assert '<main id="content" tabindex="-1">' in body
        assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in body
        assert '<html lang="en">' in body
    css = client.get("/static/style.css").text
    assert ":focus-visible" in css and "@media (max-width: 40rem)" in css
    assert client.get("/static/htmx.min.js").status_code == 200


def test_trump_page_shows_2013_and_2016_side_by_side(tmp_path: Path) -> None:
    seed = shared_path("corpus", "seed", "nbc-2016-trump-putin-moscow.txt")
    client = TestClient(create_app(build_ledger(tmp_path / "seed.sqlite3", seed=seed), token=""))
    page = client.get(person_url(client, "Donald Trump"), headers=HTML).text
    cards = re.findall(r'<section class="contradiction".*?</section>', page, re.S)
    found = False
    for card in cards:
        sides = re.findall(r'<article class="side".*?</article>', card, re.S)
        first, second = text_of(sides[0]), text_of(sides[1])
        if "2013" in first and "2016" in second and "relationship" in first and "never met" in second:
            found = True
    assert found, "no card with the 2013 relationship claim beside the 2016 denial"


# ------------------------------------------------------------------------------- pieces in Python


def _statement(sid: int, content: list[tuple[int, int]], text: str, **kw: object) -> StoredStatement:
    base: dict[str, object] = dict(
        id=sid,
        local_id=f"s{sid}",
        document=DocumentRef(id="d", title="t", source="s", published="2024-03-14"),
        kind="direct",
        cue_class="speech",
        content_text=" ".join(text[a:b] for a, b in content),
        content_spans=content,
        cue_text=None,
        cue_span=None,
        speaker_text=None,
        speaker_span=None,
        person_id=1,
        person_name="Ana Ruiz",
        named=True,
        description=None,
        question=False,
        said_on=SaidOn("2024-03-11", "2024-03-11", "day", "Monday"),
        confidence=0.9,
        rule="r",
    )
    base.update(kw)
    return StoredStatement(**base)  # type: ignore[arg-type]


def test_highlight_escapes_every_piece_and_keeps_the_text() -> None:
    text = '"<b>Bold</b> & <script>x()</script>," Ana Ruiz said. A source said it was "fine".'
    s1 = _statement(1, [(1, 35)], text, speaker_span=(38, 46), speaker_text="Ana Ruiz", cue_span=(47, 51))
    s2 = _statement(
        2,
        [(67, 79)],
        text,
        speaker_span=(53, 61),
        speaker_text="A source",
        named=False,
        description="A source",
    )
    out = str(highlight(text, [s1, s2]))
    assert "<script>" not in out and "<b>" not in out
    assert "&lt;script&gt;x()&lt;/script&gt;" in out
    visible = text_of(out).replace(" (anonymous source)", "")
    assert visible == text
    assert '<span class="anchor" id="s1"></span>' in out and '<span class="anchor" id="s2"></span>' in out
    assert re.search(r'class="hl hl-anonymous"[^>]*>A source</mark>', out)
    assert re.search(r'class="hl hl-cue"[^>]*>said</mark>', out)


def test_highlight_overlapping_spans_take_the_stronger_role() -> None:
    text = "Ruiz said that Novak said the bridge would close."
    outer = _statement(1, [(15, 48)], text, speaker_span=(0, 4), cue_span=(5, 9))
    inner = _statement(2, [(26, 48)], text, speaker_span=(15, 20), cue_span=(21, 25))
    out = str(highlight(text, [outer, inner]))
    assert re.search(r'class="hl hl-speaker in-content" data-statements="1 2"[^>]*>Novak</mark>', out)
    assert re.search(r'class="hl hl-cue in-content"[^>]*>said</mark>', out)
    assert text_of(out) == text
    # A window of the text keeps offsets right.
    assert text_of(str(highlight(text, [outer, inner], start=15))) == text[15:]


def test_chart_buckets_by_month_or_year_and_escapes_the_name() -> None:
    short = buckets([(dt.date(2024, 1, 5), 2), (dt.date(2024, 3, 1), 1)])
    assert [b.label for b in short] == ["Jan 2024", "Feb 2024", "Mar 2024"]
    assert [b.count for b in short] == [2, 0, 1]
    long = buckets([(dt.date(2013, 6, 1), 1), (dt.date(2016, 7, 27), 2)])
    assert [b.label for b in long] == ["2013", "2014–2015", "2016"]  # the empty years are one break
    assert [b.gap for b in long] == [False, True, False]
    paused = buckets([(dt.date(2013, 6, 1), 1), (dt.date(2015, 7, 27), 2), (dt.date(2019, 1, 1), 1)])
    assert [b.label for b in paused] == ["2013", "2014", "2015", "2016–2018", "2019"]  # one year kept
    svg = str(timeline_svg([(dt.date(2013, 6, 1), 1)], lambda b: f"/x?a=1&b={b.label}", "<i>Evil</i>"))
    assert "<i>" not in svg and "&lt;i&gt;Evil&lt;/i&gt;" in svg and "/x?a=1&amp;b=Jun 2013" in svg
    assert "No dated statements" in str(timeline_svg([], lambda b: "", "x"))


def _bars(svg: str) -> list[tuple[float, float]]:
    return [
        (float(x), float(w))
        for x, w in re.findall(r'<rect class="bar" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"', svg)
    ]


def test_chart_range_fits_the_dated_statements() -> None:
    """The axis spans only the record: a lone statement is one ordinary bar in the middle, and years
    without a statement between two clusters take half a slot, not a slot each."""
    one = str(timeline_svg([(dt.date(2024, 3, 14), 1)], lambda b: "/x", "Halima Osei"))
    ((x, w),) = _bars(one)
    assert w <= 44 and abs((x + w / 2) - (40 + (720 - 40 - 12) / 2)) < 1  # narrow and centred
    assert "1 dated statement by Halima Osei, Mar 2024" in one
    sparse = str(timeline_svg([(dt.date(1990, 5, 1), 1), (dt.date(2024, 3, 14), 3)], lambda b: "/x", "A"))
    ticks = re.findall(r'<text class="tick"[^>]*>([^<]+)</text>', sparse)
    assert ticks == ["3", "0", "1990", "2024"] and "1991–2023: no statements" in sparse
    (x1, w1), (x2, _) = _bars(sparse)
    assert x2 - (x1 + w1) < 60  # 33 empty years are one break, not most of the chart


def test_serve_command_is_registered_with_help() -> None:
    from onrecord.cli import app

    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    assert "--db" in result.output and "--host" in result.output and "--port" in result.output
    assert "ONRECORD_TOKEN" in result.output


# ------------------------------------------------------------------------------------ CSV downloads


def _csv_rows(client: TestClient, href: str) -> list[dict[str, str]]:
    import csv
    import io

    response = client.get(html.unescape(href))
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    return list(csv.DictReader(io.StringIO(response.text)))


def _download(body: str, nth: int = 0) -> str:
    return re.findall(r'<p class="download"><a href="([^"]+)" download>', body)[nth]


def test_every_list_downloads_as_csv_with_the_rows_it_shows(client: TestClient) -> None:
    from onrecord.ledger.columns import flat_names

    search = client.get("/", params={"q": "toll", "kind": "direct"}, headers=HTML).text
    rows = _csv_rows(client, _download(search))
    shown = re.findall(r'<li class="statement" id="st(\d+)">', search)
    assert [r["statement_id"] for r in rows] == shown and rows  # same rows, same order
    assert list(rows[0]) == flat_names() and {r["kind"] for r in rows} == {"direct"}  # export's columns
    person = client.get(
        person_url(client, "Ines Tavernier"), params={"since": "2024-01-01"}, headers=HTML
    ).text
    timeline = _csv_rows(client, _download(person, 1))
    assert [r["statement_id"] for r in timeline] == re.findall(
        r'<li class="statement" id="st(\d+)">', person[person.index('id="timeline"') :]
    )
    assert len(timeline) == 5 and {r["person_name"] for r in timeline} == {"Ines Tavernier"}
    pairs = _csv_rows(client, _download(person, 0))
    assert pairs and pairs[0]["speaker"] == "Ines Tavernier" and "a_text" in pairs[0]
    people = client.get("/people", params={"q": "an"}, headers=HTML).text
    assert [r["name"] for r in _csv_rows(client, _download(people))] == [
        html.unescape(n) for n in re.findall(r'<th scope="row"><a href="/people/\d+">([^<]+)</a>', people)
    ]
    documents = client.get("/documents", headers=HTML).text
    assert [r["id"] for r in _csv_rows(client, _download(documents))] == re.findall(
        r'<th scope="row"><a href="/documents/([0-9a-f]{64})">', documents
    )
    article = client.get(document_url(client, "Gullwing"), headers=HTML).text
    assert len(_csv_rows(client, _download(article))) == article.count('<li class="statement"')


def test_statement_lists_show_confidence_and_the_original_article(client: TestClient) -> None:
    search = client.get("/", params={"q": "toll"}, headers=HTML).text
    items = re.findall(r'<li class="statement".*?</li>', search, re.S)
    assert items and all(re.search(r"confidence \d\.\d\d \((high|medium|low)\)", i) for i in items)
    article = client.get(document_url(client, "Gullwing"), headers=HTML).text
    assert article.count("confidence ") >= article.count('<li class="statement"') > 0


def test_document_and_statement_views_link_the_original_article(client: TestClient) -> None:
    from test_document_url import CANONICAL, page

    posted = client.post(
        "/api/documents",
        json={"html": page(CANONICAL), "source": "saved/ferry.html", "published": "2024-03-15"},
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert posted.status_code == 201 and posted.json()["document"]["url"] == CANONICAL
    doc = client.get(f"/documents/{posted.json()['document']['id']}", headers=HTML).text
    assert f'Original article: <a class="original" href="{CANONICAL}"' in doc
    assert "Read from: <span" in doc and "saved/ferry.html" in doc
    found = client.get("/", params={"q": "ferry"}, headers=HTML).text
    items = re.findall(r'<li class="statement".*?</li>', found, re.S)
    assert items and all(f'<a class="original" href="{CANONICAL}"' in i for i in items)
    example = client.get(document_url(client, "Gullwing"), headers=HTML).text
    assert 'class="original"' not in example  # read from a file: no address to offer


def test_search_marks_the_words_it_matched_and_escapes_the_rest() -> None:
    from onrecord.web.highlight import search_matches

    html = str(search_matches('The <b>tolls</b> rose; "bridge tolls" again', '"bridge toll" OR rose'))
    assert html.count('<mark class="hl hl-match">') == 2
    assert '<mark class="hl hl-match">rose</mark>' in html and "&lt;b&gt;tolls&lt;/b&gt;" in html
    assert '<mark class="hl hl-match">bridge tolls</mark>' in html
    assert str(search_matches("a <i>b</i>", None)) == "a &lt;i&gt;b&lt;/i&gt;"
