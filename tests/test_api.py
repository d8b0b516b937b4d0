"""The JSON API over the ledger (``onrecord.web``), with FastAPI's test client: the schema documents every
route, lists page, filters filter, writing needs the token, bodies are capped and URL ingestion keeps the
private-address guard."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from onrecord.ledger import Ledger
from onrecord.web import create_app
from onrecord.web.queries import MAX_LIMIT
from test_ledger_support import ledger_url_fixture  # noqa: F401  (the PostgreSQL database per test)
from test_web_support import EXAMPLE, HOSTILE_HTML, TOKEN, build_ledger, loopback_server


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_ledger(tmp_path_factory.mktemp("api") / "ledger.sqlite3")


@pytest.fixture(scope="module")
def client(db: str) -> TestClient:
    """A read-only server (no token) over the example ledger."""
    return TestClient(create_app(db, token=""))


@pytest.fixture
def writer(tmp_path: Path) -> TestClient:
    """A writable server over an empty ledger of its own."""
    return TestClient(create_app(str(tmp_path / "w.sqlite3"), token=TOKEN))


def auth(token: str = TOKEN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def person_id(client: TestClient, name: str) -> str:
    found = client.get("/api/people", params={"q": name}).json()["items"]
    match = [p for p in found if p["name"] == name]
    assert match, f"{name} not in {found}"
    return str(match[0]["id"])


# ------------------------------------------------------------------------------------------ schema


def test_openapi_documents_every_route_and_every_list_pages(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    paths = schema["paths"]
    for path in (
        "/api/documents",
        "/api/documents/{document_id}",
        "/api/people",
        "/api/people/{person_id}",
        "/api/people/{person_id}/timeline",
        "/api/people/{person_id}/contradictions",
        "/api/statements",
        "/api/statements/{statement_id}",
        "/api/contradictions",
        "/api/people/corrections",
    ):
        assert path in paths, path
        assert paths[path]["get"].get("summary"), path
    lists = ["/api/documents", "/api/people", "/api/people/{person_id}/timeline", "/api/statements"]
    for path in [
        *lists,
        "/api/contradictions",
        "/api/people/{person_id}/contradictions",
        "/api/people/corrections",
    ]:
        params = {p["name"]: p for p in paths[path]["get"]["parameters"]}
        assert params["limit"]["schema"]["maximum"] == MAX_LIMIT, path
        assert params["offset"]["schema"]["minimum"] == 0, path
    statement_params = {p["name"] for p in paths["/api/statements"]["get"]["parameters"]}
    assert {"q", "speaker", "since", "until", "kind", "named"} <= statement_params
    post = paths["/api/documents"]["post"]
    assert set(post["requestBody"]["content"]) == {"application/json", "text/plain", "text/html"}
    assert {"401", "403", "413", "422"} <= set(post["responses"])
    body = post["requestBody"]["content"]["application/json"]["schema"]
    assert {"text", "html", "url", "published"} <= set(body["properties"])
    # Pages are not part of the API.
    assert not any(not p.startswith("/api") for p in paths)


# ------------------------------------------------------------------------------------------- reads


def test_stats_say_what_the_ledger_holds_and_that_it_is_read_only(client: TestClient) -> None:
    stats = client.get("/api/stats").json()
    assert stats["documents"] == 1 and stats["statements"] >= 10 and stats["contradictions"] >= 1
    assert stats["writable"] is False


def test_timeline_is_in_date_order_with_the_2019_statement_first(client: TestClient) -> None:
    pid = person_id(client, "Ines Tavernier")
    page = client.get(f"/api/people/{pid}/timeline").json()
    items = page["items"]
    assert page["total"] == len(items) >= 5
    dates = [s["date"] for s in items]
    assert dates == sorted(dates)
    assert dates[0].startswith("2019")
    assert "never support a toll" in items[0]["content"]["text"]
    assert all(s["speaker"]["person"] == pid and s["person_name"] == "Ines Tavernier" for s in items)
    late = client.get(f"/api/people/{pid}/timeline", params={"since": "2024-01-01"}).json()
    assert late["total"] == page["total"] - 1
    person = client.get(f"/api/people/{pid}").json()
    assert person["name"] == "Ines Tavernier" and person["statements"] == page["total"]


def test_every_list_pages_with_limit_and_offset(client: TestClient) -> None:
    whole = client.get("/api/statements", params={"limit": MAX_LIMIT}).json()
    total = whole["total"]
    assert total == len(whole["items"]) >= 10
    seen: list[str] = []
    offset = 0
    while offset < total:
        page = client.get("/api/statements", params={"limit": 4, "offset": offset}).json()
        assert page["total"] == total and page["limit"] == 4 and page["offset"] == offset
        seen += [s["id"] for s in page["items"]]
        offset += 4
    assert seen == [s["id"] for s in whole["items"]]
    past = client.get("/api/statements", params={"limit": 4, "offset": total + 10}).json()
    assert past["items"] == [] and past["total"] == total
    for path in ("/api/documents", "/api/people", "/api/contradictions"):
        first = client.get(path, params={"limit": 1}).json()
        assert len(first["items"]) == 1 and first["total"] >= 1, path
        rest = client.get(path, params={"limit": 1, "offset": 1}).json()
        assert rest["total"] == first["total"], path
        if first["total"] > 1:
            assert rest["items"][0] != first["items"][0], path


@pytest.mark.parametrize("params", [{"limit": MAX_LIMIT + 1}, {"limit": 0}, {"offset": -1}, {"limit": "ten"}])
def test_paging_beyond_the_caps_is_refused(client: TestClient, params: dict[str, Any]) -> None:
    for path in ("/api/statements", "/api/people", "/api/documents", "/api/contradictions"):
        response = client.get(path, params=params)
        assert response.status_code == 422, (path, params)
        assert isinstance(response.json()["detail"], list)


def test_statement_filters_combine(client: TestClient) -> None:
    def items(**params: Any) -> list[dict[str, Any]]:
        return client.get("/api/statements", params={"limit": MAX_LIMIT, **params}).json()["items"]

    everything = items()
    direct = items(kind="direct")
    assert direct and all(s["kind"] == "direct" for s in direct)
    anonymous = items(named="false")
    assert len(anonymous) >= 3 and all(not s["speaker"]["named"] for s in anonymous)
    assert any("familiar with the negotiations" in (s["speaker"]["description"] or "") for s in anonymous)
    named = items(named="true")
    assert len(named) + len(anonymous) == len(everything)
    by_speaker = items(speaker="Tavernier")
    assert by_speaker and all(s["person_name"] == "Ines Tavernier" for s in by_speaker)
    old = items(until="2020-12-31")
    # the shipped boundary model keeps the complementizer after "told the Harbor Gazette"
    assert [s["content"]["text"] for s in old] == ["that she would never support a toll on the bridge"]
    assert items(speaker="Nobody Atall") == []
    assert items(kind="direct", speaker="Otis Brandvold") == [
        s for s in direct if s["person_name"] == "Otis Brandvold"
    ]
    assert client.get("/api/statements", params={"kind": "rumour"}).status_code == 422
    assert client.get("/api/statements", params={"since": "March"}).status_code == 422


def test_search_finds_words_and_phrases_most_relevant_first(client: TestClient) -> None:
    found = client.get("/api/statements", params={"q": "toll"}).json()
    assert found["total"] >= 3
    assert all("toll" in s["content"]["text"].lower() for s in found["items"])
    phrase = client.get("/api/statements", params={"q": '"never support"'}).json()
    assert [s["content"]["text"] for s in phrase["items"]] == [
        "that she would never support a toll on the bridge"
    ]
    by_date = client.get("/api/statements", params={"q": "toll", "order": "date"}).json()
    dates = [s["date"] for s in by_date["items"]]
    assert dates == sorted(dates) and by_date["total"] == found["total"]
    # FTS syntax is never passed on: operators and quotes are words or nothing.
    for hostile in ('toll" OR *', "NEAR(", "-", '"'):
        assert client.get("/api/statements", params={"q": hostile}).status_code == 200


def test_contradictions_carry_both_statements_with_dates_and_documents(client: TestClient) -> None:
    listed = client.get("/api/contradictions", params={"speaker": "Ines Tavernier"}).json()
    assert listed["total"] == 2  # the article's own "a reversal for Tavernier", then the pair
    reported, pair = listed["items"]
    assert reported["kind"] == "reported" and pair["kind"] != "reported"
    assert pair["wording"] == "possible contradiction" and pair["speaker_name"] == "Ines Tavernier"
    dates = sorted([pair["a"]["date"][:4], pair["b"]["date"][:4]])
    assert dates == ["2019", "2024"]
    assert pair["a"]["document"]["id"] and pair["b"]["document"]["id"]
    assert pair["evidence"] is None and pair["reported"] is None
    pid = person_id(client, "Ines Tavernier")
    assert client.get(f"/api/people/{pid}/contradictions").json()["items"] == [reported, pair]


def test_a_reported_reversal_comes_first_with_the_articles_own_words(client: TestClient) -> None:
    """Issue 15: the reversal the article reports ("The vote was a reversal for Tavernier") is listed
    before any pair, worded as reported, with its sentence, cue and holder pointing into the text."""
    first = client.get("/api/contradictions", params={"limit": 1}).json()["items"][0]
    assert first["kind"] == "reported" and first["wording"] == "reported reversal"
    assert first["a"] is None and first["b"] is None and first["speaker_name"] == "Ines Tavernier"
    assert first["evidence"]["text"].startswith("The vote was a reversal for Tavernier")
    text = client.get(f"/api/documents/{first['document']['id']}").json()["text"]
    for part in (first["evidence"], first["reported"]["cue"], first["reported"]["holder"]):
        start, end = part["span"]
        assert text[start:end] == part["text"]
    assert first["reported"]["cue"]["text"] == "reversal"
    assert first["document"]["published"] == "2024-03-14" and first["score"] == pytest.approx(0.75, abs=0.1)


def test_contradictions_filter_by_person_kind_and_date_and_page(client: TestClient) -> None:
    def get(**params: Any) -> dict[str, Any]:
        response = client.get("/api/contradictions", params=params)
        assert response.status_code == 200, response.text
        return response.json()  # type: ignore[no-any-return]

    everything = get()
    # two reported reversals (Tavernier's, then the lede's "one councilwoman's change of heart", whose
    # holder is named only later and stays unresolved, so it comes after the resolved one), one pair
    assert [c["kind"] == "reported" for c in everything["items"]] == [True, True, False]
    assert [c["speaker_name"] for c in everything["items"][:2]] == ["Ines Tavernier", None]
    pid = person_id(client, "Ines Tavernier")
    assert get(person=pid)["items"] == [everything["items"][0], everything["items"][2]]
    assert get(person=99999)["total"] == 0
    assert [c["kind"] for c in get(kind="reported")["items"]] == ["reported", "reported"]
    pairs = get(kind="pair")["items"]
    assert len(pairs) == 1 and pairs[0]["kind"] != "reported"
    assert get(kind=pairs[0]["kind"])["items"] == pairs
    assert get(kind="no-such-kind")["total"] == 0
    # a reversal is dated by its article (Thursday's paper), a pair by its later statement (Tuesday's vote)
    assert get(since="2024-03-12", until="2024-03-14")["total"] == 3
    assert [c["kind"] for c in get(since="2024-03-13")["items"]] == ["reported", "reported"]
    assert get(until="2024-03-11")["total"] == 0 and get(since="2024-03-15")["total"] == 0
    # Paging runs across the two kinds: the last reversal ends one page, the pair starts the next.
    second = get(limit=1, offset=1)
    assert second["total"] == 3 and second["items"] == everything["items"][1:2]
    assert get(limit=1, offset=2)["items"] == everything["items"][2:]
    assert get(limit=1, offset=3)["items"] == []
    assert get(min_score=0.99)["total"] <= 1
    assert client.get("/api/contradictions", params={"since": "March"}).status_code == 422


def test_contradictions_page_and_its_csv_with_the_same_filters(client: TestClient) -> None:
    html = {"Accept": "text/html"}
    page = client.get("/contradictions", headers=html)
    assert page.status_code == 200 and 'href="/contradictions"' in page.text  # in the nav
    text = page.text
    assert text.index("reported reversal") < text.index("possible contradiction")
    assert '<mark class="hl hl-cue">reversal</mark>' in text and "hl-speaker" in text
    assert "hl-clash" in text, "the pair's clashing words are marked"
    assert 'href="/contradictions.csv"' in text
    filtered = client.get(
        "/contradictions",
        params={"person": "Tavernier", "kind": "reported", "since": "2024-01-01"},
        headers=html,
    ).text
    assert "possible contradiction</span>" not in filtered
    assert 'href="/contradictions.csv?person=Tavernier&amp;kind=reported&amp;since=2024-01-01"' in filtered
    bad = client.get("/contradictions", params={"since": "March"}, headers=html)
    assert bad.status_code == 200 and "not a date" in bad.text

    import csv
    import io

    download = client.get("/contradictions.csv", params={"kind": "reported"})
    assert download.headers["content-type"].startswith("text/csv")
    assert "attachment" in download.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(download.text)))
    assert [r["kind"] for r in rows] == ["reported", "reported"] and rows[0]["wording"] == "reported reversal"
    assert (
        rows[0]["evidence"].startswith("The vote was a reversal") and rows[0]["speaker"] == "Ines Tavernier"
    )
    assert rows[1]["speaker"] == "one councilwoman"  # unresolved: the holder's words stand in
    both = list(csv.DictReader(io.StringIO(client.get("/contradictions.csv").text)))
    assert [r["wording"] for r in both] == ["reported reversal"] * 2 + ["possible contradiction"]
    assert both[2]["a_text"] and both[2]["b_text"] and both[2]["a_document_id"]
    empty = client.get("/contradictions.csv", params={"until": "2000-01-01"}).text
    assert empty.startswith("kind,id,wording,score")


def test_a_reversal_two_articles_carry_is_one_entry_naming_both(tmp_path: Path) -> None:
    first = tmp_path / "in" / "park.txt"
    second = tmp_path / "in2" / "roundup.txt"
    sentence = "Despite saying in May that she would never sell the park, Ines Carvalho announced its sale."
    first.parent.mkdir()
    second.parent.mkdir()
    first.write_text(
        "Harbor Mayor Sells The Park\n\nMayor Ines Carvalho said on Monday that the park must be sold.\n\n"
        f"{sentence}\n\nGovernor Lena Okafor said the ferry will keep running through the winter.\n",
        encoding="utf-8",
    )
    second.write_text(
        "The Latest: Harbor Budget\n\nThe council will vote on the bridge budget, clerk Tomas Ibsen said.\n\n"
        f"{sentence}\n\nResidents gathered outside city hall on Friday, and the protest stayed calm.\n",
        encoding="utf-8",
    )
    db = str(tmp_path / "l.sqlite3")
    with Ledger(db) as ledger:
        ledger.ingest([first], workers=0, published="2024-03-14")
        ledger.ingest([second], workers=0, published="2024-03-15")
    client = TestClient(create_app(db, token=""))
    listed = client.get("/api/contradictions", params={"kind": "reported"}).json()
    assert listed["total"] == len(listed["items"]) == 1
    (item,) = listed["items"]
    assert [x["title"] for x in item["sources"]] == [
        "Harbor Mayor Sells The Park",
        "The Latest: Harbor Budget",
    ]
    page = client.get("/contradictions", headers={"Accept": "text/html"}).text
    assert "The same sentence in 1 other article:" in page and "The Latest: Harbor Budget</a>" in page
    import csv
    import io

    from typer.testing import CliRunner

    from onrecord.cli import app

    out = CliRunner().invoke(app, ["contradictions", "--db", db, "--kind", "reported", "-f", "csv"]).stdout
    (row,) = csv.DictReader(io.StringIO(out))
    assert json.loads(row["a_sources"]) == [x["document_id"] for x in item["sources"]]
    assert row["b_sources"] == ""


def test_document_spans_index_into_its_text(client: TestClient) -> None:
    doc_id = client.get("/api/documents").json()["items"][0]["id"]
    doc = client.get(f"/api/documents/{doc_id}").json()
    assert doc["document"]["title"].startswith("Harbor City Council Approves")
    assert doc["document"]["published"] == "2024-03-14"
    text = doc["text"]
    for s in doc["statements"]:
        pieces = [text[a:b] for a, b in s["content"]["spans"]]
        assert all(p and p in s["content"]["text"] for p in pieces)
        if s["speaker"] and s["speaker"]["span"]:
            a, b = s["speaker"]["span"]
            assert text[a:b]
    assert {"text": "Share this article", "kind": "site-chrome"} in doc["removed"]
    assert "Ines Tavernier" in {p["name"] for p in doc["people"]}
    assert len(doc["contradictions"]) == 1
    one = doc["statements"][0]
    assert client.get(f"/api/statements/{one['id']}").json() == one
    assert client.get("/api/statements", params={"document": doc_id}).json()["total"] == len(
        doc["statements"]
    )


@pytest.mark.parametrize(
    "path",
    ["/api/people/99999", "/api/documents/nope", "/api/statements/99999", "/api/people/99999/timeline"],
)
def test_unknown_ids_are_404_in_json(client: TestClient, path: str) -> None:
    response = client.get(path, headers={"Accept": "text/html"})
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/json")
    assert "no " in response.json()["detail"]


BIG = "99999999999999999999"  # past 2^63: no row can have it, and the database driver cannot take it


@pytest.mark.parametrize(
    "path",
    [
        f"/api/people/{BIG}",
        f"/api/people/{BIG}/timeline",
        f"/api/people/{BIG}/contradictions",
        f"/api/statements/{BIG}",
        "/api/people/9223372036854775808",
        f"/api/people/-{BIG}",
        f"/people/{BIG}",
        f"/statements/{BIG}",
    ],
)
def test_ids_past_64_bits_are_404_not_500(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404, response.text
    assert "no " in response.json()["detail"]


@pytest.mark.parametrize("path", ["/api/statements", "/api/contradictions"])
def test_a_speaker_id_past_64_bits_matches_nothing(client: TestClient, path: str) -> None:
    for speaker in (f"#{BIG}", BIG, f"#-{BIG}"):
        response = client.get(path, params={"speaker": speaker})
        assert response.status_code == 200, response.text
        assert response.json()["total"] == 0


# ------------------------------------------------------------------------------------------ writing


def test_without_a_token_the_server_is_read_only(client: TestClient) -> None:
    response = client.post("/api/documents", json={"text": "Mayor Ana Ruiz said the bridge will reopen."})
    assert response.status_code == 403
    assert "read-only" in response.json()["detail"] and "ONRECORD_TOKEN" in response.json()["detail"]
    assert client.get("/api/stats").json()["documents"] == 1


def test_the_token_comes_from_the_environment(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ONRECORD_TOKEN", "from-env")
    app = create_app(db)
    assert app.state.settings.writable
    response = TestClient(app).post(
        "/api/documents", json={"url": "file:///etc/passwd"}, headers=auth("from-env")
    )
    assert response.status_code == 422
    monkeypatch.setenv("ONRECORD_TOKEN", "")
    assert not create_app(db).state.settings.writable


@pytest.mark.parametrize(
    ("headers", "status"),
    [({}, 401), ({"Authorization": "Bearer wrong"}, 401), ({"Authorization": f"Basic {TOKEN}"}, 401)],
)
def test_writing_needs_this_servers_bearer_token(
    writer: TestClient, headers: dict[str, str], status: int
) -> None:
    response = writer.post(
        "/api/documents", json={"text": "Mayor Ana Ruiz said the bridge will reopen."}, headers=headers
    )
    assert response.status_code == status
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert writer.get("/api/stats").json()["documents"] == 0


def test_post_text_html_and_raw_bodies_store_once(writer: TestClient) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    first = writer.post("/api/documents", json={"text": text, "published": "2024-03-14"}, headers=auth())
    assert first.status_code == 201, first.text
    body = first.json()
    assert body["stored"] is True and body["statements"] >= 10
    assert body["document"]["published"] == "2024-03-14"
    again = writer.post("/api/documents", json={"text": text, "published": "2024-03-14"}, headers=auth())
    assert again.status_code == 200 and again.json()["stored"] is False
    assert again.json()["document"]["id"] == body["document"]["id"]
    html = writer.post(
        "/api/documents",
        content=HOSTILE_HTML.encode(),
        params={"published": "2024-03-14", "source": "hostile.html"},
        headers={**auth(), "Content-Type": "text/html; charset=utf-8"},
    )
    assert html.status_code == 201, html.text
    assert html.json()["document"]["source"] == "hostile.html"
    raw = writer.post(
        "/api/documents",
        content=b"Mayor Ana Ruiz said on Monday that the ferry will run again in May.",
        headers={**auth(), "Content-Type": "text/plain"},
    )
    assert raw.status_code == 201 and raw.json()["statements"] == 1
    assert writer.get("/api/stats").json()["documents"] == 3
    # The stored text keeps the markup as text, for the pages to escape.
    doc = writer.get(f"/api/documents/{html.json()['document']['id']}").json()
    assert "<script>document.title='pwned'</script>" in doc["text"]
    assert doc["document"]["title"] == 'Council <script>alert("title")</script> Votes on Bridge'


@pytest.mark.parametrize(
    ("kwargs", "status", "words"),
    [
        ({"json": {"text": "a", "url": "http://example.org/"}}, 422, "exactly one"),
        ({"json": {}}, 422, "exactly one"),
        ({"json": ["text"]}, 422, "object"),
        ({"content": b"{not json", "headers": {"Content-Type": "application/json"}}, 422, "not JSON"),
        ({"content": b"x", "headers": {"Content-Type": "application/pdf"}}, 415, "application/json"),
        ({"json": {"text": "Ana Ruiz said it.", "published": "14/03/2024"}}, 422, "YYYY-MM-DD"),
        ({"json": {"text": "   "}}, 422, "empty"),
        ({"json": {"url": "/etc/passwd"}}, 422, "only http"),
        ({"json": {"url": "file:///etc/passwd"}}, 422, "only http"),
        ({"content": b"[" * 5_000 + b"]" * 5_000}, 422, "nested too deeply"),
        ({"content": b'{"text": ' + b"[" * 5_000 + b"]" * 5_000 + b"}"}, 422, "nested too deeply"),
        ({"content": b'{"text": "\\ud800"}'}, 422, "lone UTF-16 surrogate"),
        ({"content": b'{"text": "Ana Ruiz said \\udc00 it."}'}, 422, "lone UTF-16 surrogate"),
        ({"content": b'{"html": "<p>\\ud83d</p>"}'}, 422, "lone UTF-16 surrogate"),
        ({"content": b'{"url": "http://example.org/\\ud800"}'}, 422, "lone UTF-16 surrogate"),
        ({"json": {"text": "Ana Ruiz said it.", "source": "s" * 501}}, 422, "at most 500 characters"),
    ],
)
def test_bad_bodies_are_refused_plainly(
    writer: TestClient, kwargs: dict[str, Any], status: int, words: str
) -> None:
    headers = {**auth(), "Content-Type": "application/json", **kwargs.pop("headers", {})}
    response = writer.post("/api/documents", headers=headers, **kwargs)
    assert response.status_code == status, response.text
    assert words in str(response.json()["detail"])
    assert writer.get("/api/stats").json()["documents"] == 0


def test_a_source_name_up_to_the_limit_is_kept(writer: TestClient) -> None:
    body = {"text": "Mayor Ana Ruiz said the ferry will run in May.", "source": "s" * 500}
    response = writer.post("/api/documents", json=body, headers=auth())
    assert response.status_code == 201, response.text
    assert response.json()["document"]["source"] == "s" * 500


def test_url_ingestion_keeps_the_private_address_guard(writer: TestClient) -> None:
    with loopback_server(HOSTILE_HTML.encode()) as base:
        response = writer.post("/api/documents", json={"url": f"{base}/story.html"}, headers=auth())
    assert response.status_code == 422
    assert "loopback" in response.json()["detail"]
    for url in ("http://10.0.0.1/x", "http://169.254.169.254/latest/meta-data/", "http://[::1]/"):
        response = writer.post("/api/documents", json={"url": url}, headers=auth())
        assert response.status_code == 422, url
    assert writer.get("/api/stats").json()["documents"] == 0


def test_url_ingestion_reads_a_page_where_private_addresses_are_allowed(tmp_path: Path) -> None:
    app = create_app(str(tmp_path / "p.sqlite3"), token=TOKEN, allow_private_urls=True)
    with loopback_server(HOSTILE_HTML.encode()) as base:
        response = TestClient(app).post(
            "/api/documents", json={"url": f"{base}/story.html", "published": "2024-03-14"}, headers=auth()
        )
    assert response.status_code == 201, response.text
    assert response.json()["document"]["source"].startswith(base)


@pytest.mark.parametrize("location", ["http:127.0.0.1/", "http:\\\\127.0.0.1\\"])
def test_a_malformed_redirect_is_422_not_500(tmp_path: Path, location: str) -> None:
    app = create_app(str(tmp_path / "r.sqlite3"), token=TOKEN, allow_private_urls=True)
    with loopback_server(b"", status=302, location=location) as base:
        response = TestClient(app).post("/api/documents", json={"url": f"{base}/story"}, headers=auth())
    assert response.status_code == 422, response.text
    assert "redirected to a malformed URL" in response.json()["detail"]
    assert f"{base}/story" in response.json()["detail"]


def test_bodies_over_the_limit_get_413_before_they_are_read(tmp_path: Path) -> None:
    app = create_app(str(tmp_path / "l.sqlite3"), token=TOKEN, max_body=1000)
    client = TestClient(app)
    big = b"x" * 1001
    declared = client.post("/api/documents", content=big, headers={**auth(), "Content-Type": "text/plain"})
    assert declared.status_code == 413 and "limit" in declared.json()["detail"]

    def chunks() -> Any:
        for _ in range(20):
            yield b"y" * 100

    streamed = client.post(
        "/api/documents", content=chunks(), headers={**auth(), "Content-Type": "text/plain"}
    )
    assert streamed.status_code == 413
    # Without a token the size is still checked first: nobody gets to send the server 5 MB.
    assert (
        TestClient(create_app(str(tmp_path / "l.sqlite3"), token="", max_body=1000))
        .post("/api/documents", content=big)
        .status_code
        == 413
    )
    assert client.get("/api/stats").json()["documents"] == 0


def test_default_body_limit_is_five_megabytes(writer: TestClient) -> None:
    response = writer.post(
        "/api/documents", content=b"a" * 5_000_001, headers={**auth(), "Content-Type": "text/plain"}
    )
    assert response.status_code == 413


def test_every_response_carries_the_security_headers(client: TestClient) -> None:
    for path in ("/api/stats", "/", "/static/style.css"):
        headers = client.get(path).headers
        assert headers["x-content-type-options"] == "nosniff", path
        assert "script-src 'self'" in headers["content-security-policy"], path
        assert headers["x-frame-options"] == "DENY"


# ------------------------------------------------------------------------------------------ PostgreSQL


@pytest.mark.parametrize("ledger_url", ["postgresql"], indirect=True)
def test_the_api_and_pages_read_a_postgresql_ledger(ledger_url: str) -> None:
    """The web layer's own SQL (paging, counts, tsvector search, NULLS LAST) on the other back end."""
    with Ledger(ledger_url) as ledger:
        assert ledger.ingest([str(EXAMPLE)], published="2024-03-14", workers=0).stored == 1
    client = TestClient(create_app(ledger_url, token=""))
    pid = person_id(client, "Ines Tavernier")
    timeline = client.get(f"/api/people/{pid}/timeline", params={"limit": 2}).json()
    assert timeline["total"] == 6 and timeline["items"][0]["date"].startswith("2019")
    found = client.get("/api/statements", params={"q": "toll"}).json()
    assert found["total"] >= 3 and all("toll" in s["content"]["text"].lower() for s in found["items"])
    by_date = client.get(
        "/api/statements", params={"q": "toll", "order": "date", "limit": 1, "offset": 1}
    ).json()
    assert by_date["total"] == found["total"] and len(by_date["items"]) == 1
    anonymous = client.get("/api/statements", params={"named": "false", "kind": "indirect"}).json()
    assert anonymous["total"] >= 3
    assert client.get("/api/contradictions", params={"speaker": "Tavernier"}).json()["total"] == 2
    assert client.get("/api/contradictions", params={"kind": "reported", "limit": 1}).json()["total"] == 2
    docs = client.get("/api/documents", params={"limit": 1}).json()
    assert docs["total"] == 1 and docs["items"][0]["statements"] >= 10
    assert client.get("/api/people", params={"q": "taver", "limit": 1}).json()["total"] == 1
    html = {"Accept": "text/html"}
    assert "contradiction" in client.get(f"/people/{pid}", headers=html).text
    assert "hl-content" in client.get(f"/documents/{docs['items'][0]['id']}", headers=html).text


def test_the_api_answers_while_a_long_document_is_analysed(tmp_path: Path) -> None:
    """Analysis runs off the event loop: reads are answered while a slow POST is being analysed."""
    import socket
    import threading
    import time

    import httpx
    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(str(tmp_path / "r.sqlite3"), token=TOKEN), port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    while not server.started:
        time.sleep(0.05)
    slow = 'Ana Ruiz said "the plan works and it will not fail" on Monday, ' * 250  # seconds of analysis
    posted: dict[str, Any] = {}

    def post() -> None:
        response = httpx.post(f"{base}/api/documents", json={"text": slow}, headers=auth(), timeout=120)
        posted["status"], posted["done"] = response.status_code, time.perf_counter()

    try:
        writer_thread = threading.Thread(target=post)
        writer_thread.start()
        time.sleep(0.5)
        waits = []
        for _ in range(5):
            started = time.perf_counter()
            assert httpx.get(f"{base}/api/stats", timeout=30).status_code == 200
            waits.append(time.perf_counter() - started)
        answered = time.perf_counter()
        writer_thread.join(120)
    finally:
        server.should_exit = True
        thread.join(10)
    assert posted["status"] == 201
    assert posted["done"] > answered, "the POST finished before the reads: nothing was shown"
    assert max(waits) < 1.0, waits


def test_an_ambiguous_speaker_is_refused_with_the_candidates(tmp_path: Path) -> None:
    """The API decides who a name means as the CLI does (``Ledger.find_person``): never a guess."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(
        "Farm bill\n\nBill Clinton said on Monday that farmers need help. "
        "Hillary Clinton said on Tuesday that the bridge will open.\n"
    )
    path = str(tmp_path / "l.sqlite3")
    with Ledger(path) as ledger:
        ledger.ingest([str(tmp_path / "in")], workers=0, published="2024-06-14")
    client = TestClient(create_app(path, token=""))
    for route in ("/api/statements", "/api/contradictions"):
        response = client.get(route, params={"speaker": "Clinton"})
        assert response.status_code == 422, route
        body = response.json()
        assert "could be several people" in body["detail"]
        assert sorted(c["name"] for c in body["candidates"]) == ["Bill Clinton", "Hillary Clinton"]
    found = client.get("/api/statements", params={"speaker": "Hillary"}).json()["items"]
    assert [s["person_name"] for s in found] == ["Hillary Clinton"]


def test_merge_and_split_need_the_token_and_undo_each_other(tmp_path: Path, client: TestClient) -> None:
    writer = TestClient(create_app(build_ledger(tmp_path / "m.sqlite3"), token=TOKEN))
    halima, tomasz = person_id(writer, "Halima Osei"), person_id(writer, "Tomasz Wyrick")
    merge = f"/api/people/{halima}/merge"
    assert writer.post(merge, json={"other": f"#{tomasz}"}).status_code == 401
    assert writer.post(merge, json={"other": f"#{tomasz}"}, headers=auth("wrong")).status_code == 401
    assert (
        client.post(f"/api/people/{person_id(client, 'Halima Osei')}/merge", json={"other": "x"}).status_code
        == 403
    )
    assert writer.post(merge, json={"other": "Nobody At All"}, headers=auth()).status_code == 422
    assert writer.post("/api/people/999999/merge", json={"other": "x"}, headers=auth()).status_code == 404
    merged = writer.post(merge, json={"other": f"#{tomasz}"}, headers=auth())
    assert merged.status_code == 200 and merged.json()["statements"] == 3
    assert writer.get(f"/api/people/{tomasz}").status_code == 404
    split = writer.post(f"/api/people/{halima}/split", json={"aliases": ["Tomasz Wyrick"]}, headers=auth())
    assert split.status_code == 200, split.text
    assert split.json()["name"] == "Tomasz Wyrick" and split.json()["statements"] == 2
    assert writer.get(f"/api/people/{halima}").json()["statements"] == 1


def test_corrections_are_listed_and_undone_with_the_token(tmp_path: Path, client: TestClient) -> None:
    writer = TestClient(create_app(build_ledger(tmp_path / "u.sqlite3"), token=TOKEN))
    halima, tomasz = person_id(writer, "Halima Osei"), person_id(writer, "Tomasz Wyrick")
    before = writer.get("/api/people", params={"limit": 500}).json()
    assert writer.get("/api/people/corrections").json() == {"items": [], "total": 0, "limit": 50, "offset": 0}
    assert writer.post(f"/api/people/{halima}/merge", json={"other": f"#{tomasz}"}, headers=auth()).is_success
    split = writer.post(f"/api/people/{halima}/split", json={"aliases": ["Tomasz Wyrick"]}, headers=auth())
    log = writer.get("/api/people/corrections").json()
    assert log["total"] == 2 and [c["action"] for c in log["items"]] == ["split", "merge"]
    merge_id, split_id = log["items"][1]["id"], log["items"][0]["id"]
    assert log["items"][0]["other"] == split.json()["id"] and log["items"][1]["moved"]["statements"] == 2

    undo = f"/api/people/corrections/{merge_id}/undo"
    assert writer.post(undo).status_code == 401
    assert writer.post(undo, headers=auth("wrong")).status_code == 401
    assert client.post("/api/people/corrections/1/undo").status_code == 403
    assert writer.post("/api/people/corrections/999999/undo", headers=auth()).status_code == 404
    refused = writer.post(undo, headers=auth())
    assert refused.status_code == 422 and f"undo #{split_id} first" in refused.json()["detail"]
    for correction in (split_id, merge_id):
        done = writer.post(f"/api/people/corrections/{correction}/undo", headers=auth())
        assert done.status_code == 200, done.text
        assert done.json()["id"] == correction and done.json()["undone_at"]
    assert writer.get(f"/api/people/{tomasz}").json()["name"] == "Tomasz Wyrick"
    assert writer.get("/api/people", params={"limit": 500}).json() == before
    assert writer.post(undo, headers=auth()).status_code == 422


def test_the_person_page_offers_an_undo_form_that_needs_the_token(tmp_path: Path) -> None:
    writer = TestClient(create_app(build_ledger(tmp_path / "p.sqlite3"), token=TOKEN))
    halima, tomasz = person_id(writer, "Halima Osei"), person_id(writer, "Tomasz Wyrick")
    assert 'action="/people/corrections/undo"' not in writer.get(f"/people/{halima}").text
    assert writer.post(f"/api/people/{halima}/merge", json={"other": f"#{tomasz}"}, headers=auth()).is_success
    page = writer.get(f"/people/{halima}").text
    assert 'action="/people/corrections/undo"' in page and "Tomasz Wyrick" in page
    form = {"correction": "1", "token": "wrong"}
    assert writer.post("/people/corrections/undo", data=form, follow_redirects=False).status_code == 401
    done = writer.post("/people/corrections/undo", data={**form, "token": TOKEN}, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == f"/people/{halima}"
    assert writer.get(f"/api/people/{tomasz}").json()["name"] == "Tomasz Wyrick"
    assert 'action="/people/corrections/undo"' not in writer.get(f"/people/{halima}").text
