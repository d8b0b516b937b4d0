"""WARC archives and JSONL dumps: built here from pages written here, read back page by page."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from onrecord.errors import InputError
from onrecord.ingest import RawInput, iter_inputs, load_document


def page(title: str, sentence: str, date: str | None = None) -> str:
    """A small news page: a title, a date when given, navigation and a four-paragraph article."""
    meta = f'<meta property="article:published_time" content="{date}T09:00:00Z">' if date else ""
    body = "".join(
        f"<p>{sentence} This is paragraph {n} of the story, and it says enough to count as article text "
        f"for any extractor that reads it.</p>"
        for n in range(1, 5)
    )
    return (
        f"<!DOCTYPE html><html><head><title>{title} - Test Gazette</title>{meta}</head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>{title}</h1>{body}</article>"
        "<footer>Copyright Test Gazette</footer></body></html>"
    )


NAV_ONLY = (
    "<html><body><nav><a href='/'>Home</a> <a href='/about'>About</a></nav>"
    "<ul><li><a href='/1'>Story one</a></li></ul></body></html>"
)


def write_warc(path: Path, gzipped: bool) -> None:
    """An archive as a crawler writes it: requests, responses of several types, a redirect."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    def response(
        writer: WARCWriter,
        uri: str,
        body: bytes,
        ctype: str,
        date: str,
        status: str = "200 OK",
        extra: list[tuple[str, str]] | None = None,
    ) -> None:
        headers = StatusAndHeaders(status, [("Content-Type", ctype), *(extra or [])], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            uri,
            "response",
            payload=io.BytesIO(body),
            http_headers=headers,
            warc_headers_dict={"WARC-Date": date},
        )
        writer.write_record(record)

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gzipped)
        request = writer.create_warc_record(
            "https://news.example/a",
            "request",
            payload=io.BytesIO(b"GET /a HTTP/1.1\r\nHost: news.example\r\n\r\n"),
        )
        writer.write_record(request)
        a = page("Council Passes Budget", "The council passed the budget on Tuesday, the mayor said.")
        response(
            writer, "https://news.example/a", a.encode(), "text/html; charset=utf-8", "2021-03-04T10:00:00Z"
        )
        response(
            writer,
            "https://news.example/logo.png",
            b"\x89PNG\r\n\x1a\nxx",
            "image/png",
            "2021-03-04T10:00:01Z",
        )
        response(
            writer,
            "https://news.example/old",
            b"",
            "text/html",
            "2021-03-04T10:00:02Z",
            status="301 Moved Permanently",
            extra=[("Location", "https://news.example/a")],
        )
        b = page("Bridge Reopens", "The bridge reopened on Friday, officials said.", date="2020-01-02")
        response(
            writer,
            "https://news.example/b",
            gzip.compress(b.encode()),
            "text/html",
            "2021-03-05T08:00:00Z",
            extra=[("Content-Encoding", "gzip")],
        )
        response(writer, "https://news.example/index", NAV_ONLY.encode(), "text/html", "2021-03-05T08:00:01Z")


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_gives_one_document_per_html_response(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    write_warc(path, gzipped=name.endswith(".gz"))
    items = list(iter_inputs([str(path)]))
    assert [i.source for i in items] == [
        "https://news.example/a",
        "https://news.example/b",
        "https://news.example/index",
    ]  # the request, the image and the redirect are not pages
    assert all(isinstance(i, RawInput) for i in items)

    a, b, index = items
    doc_a = load_document(a)
    assert doc_a.source == "https://news.example/a"
    assert doc_a.title == "Council Passes Budget"
    assert "The council passed the budget on Tuesday" in doc_a.text
    assert doc_a.published == "2021-03-04"  # no date in the page: the WARC-Date's day
    doc_b = load_document(b)  # the body was gzip-encoded on the wire
    assert "The bridge reopened on Friday" in doc_b.text
    assert doc_b.published == "2020-01-02"  # the page's own date wins over the crawl date
    assert load_document(b, published="2019-05-05").published == "2019-05-05"  # the caller's wins over both
    with pytest.raises(InputError) as info:
        load_document(index)
    assert str(info.value).startswith("https://news.example/index: no article text found")


def test_warc_in_a_folder_and_damaged_archives(tmp_path: Path) -> None:
    write_warc(tmp_path / "crawl.warc.gz", gzipped=True)
    (tmp_path / "broken.warc").write_bytes(b"this is not a web archive at all\r\n\r\n")
    (tmp_path / "story.txt").write_text("A story.\n\nThe mayor said the bridge was safe on Monday.\n")
    good = tmp_path / "crawl.warc.gz"
    truncated = tmp_path / "truncated.warc.gz"
    truncated.write_bytes(good.read_bytes()[: len(good.read_bytes()) // 2])

    items = list(iter_inputs([str(tmp_path)]))
    errors = [i for i in items if isinstance(i, InputError)]
    pages = [i for i in items if isinstance(i, RawInput)]
    assert [e.source for e in errors] == [str(tmp_path / "broken.warc"), str(truncated)]
    assert "not a readable WARC archive" in errors[0].reason
    assert "damaged" in errors[1].reason or "not a readable WARC" in errors[1].reason
    assert all("\n" not in str(e) for e in errors)
    sources = [p.source for p in pages]
    assert sources[:3] == ["https://news.example/a", "https://news.example/b", "https://news.example/index"]
    assert str(tmp_path / "story.txt") in sources  # the batch went on past the broken archives


def test_warc_without_html_records_says_so(tmp_path: Path) -> None:
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "meta.warc"
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=False)
        writer.write_record(
            writer.create_warc_record("urn:x", "warcinfo", payload=io.BytesIO(b"software: x"))
        )
    [err] = list(iter_inputs([str(path)]))
    assert isinstance(err, InputError) and err.reason == "the WARC archive holds no HTML response records"


def _raw_record(headers: list[tuple[str, str]], payload: bytes, length: int | None = None) -> bytes:
    """A WARC record written by hand, so its headers can be wrong in ways warcio's writer refuses."""
    lines = ["WARC/1.0", *(f"{k}: {v}" for k, v in headers)]
    lines.append(f"Content-Length: {len(payload) if length is None else length}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + payload + b"\r\n\r\n"


def test_a_malformed_warc_record_gives_a_plain_reason_and_nothing_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """warcio fails on a request or response without WARC-Target-URI with "'NoneType' object has no
    attribute 'startswith'", and writes its own warning for a wrong Content-Length to stderr."""
    body = page("Ferry Back", "The ferry returned on Monday, the port said.").encode()
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body
    http_type = ("Content-Type", "application/http; msgtype=response")
    good = _raw_record(
        [("WARC-Type", "response"), ("WARC-Target-URI", "https://news.example/ferry"), http_type], http
    )
    no_uri = _raw_record([("WARC-Type", "request"), http_type], b"GET / HTTP/1.1\r\n\r\n")
    (tmp_path / "a-no-uri.warc").write_bytes(no_uri)
    (tmp_path / "b-page-then-no-uri.warc").write_bytes(good + no_uri)
    short = _raw_record([("WARC-Type", "response"), ("WARC-Target-URI", "https://news.example/x")], http, 3)
    (tmp_path / "c-short-length.warc").write_bytes(short)
    items = list(iter_inputs([str(tmp_path)]))
    errors = {Path(i.source).name: i.reason for i in items if isinstance(i, InputError)}
    assert [i.source for i in items if isinstance(i, RawInput)] == ["https://news.example/ferry"]
    plain = "a record's headers are missing or malformed, e.g. a response without WARC-Target-URI"
    assert errors["a-no-uri.warc"] == f"not a readable WARC archive ({plain})"
    assert errors["b-page-then-no-uri.warc"] == f"the WARC archive is damaged after 1 pages ({plain})"
    assert errors["c-short-length.warc"].startswith("not a readable WARC archive (Invalid WARC record")
    assert not any("NoneType" in reason or "object has no attribute" in reason for reason in errors.values())
    assert capsys.readouterr().err == ""


def test_warc_record_over_the_size_limit_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc"
    write_warc(path, gzipped=False)
    items = list(iter_inputs([str(path)], max_bytes=500))
    assert all(isinstance(i, InputError) for i in items[:2])
    assert "over the 500 bytes limit" in items[0].reason
    assert isinstance(items[2], RawInput)  # the small index page still comes through


def _jsonl_lines() -> list[str]:
    html = page("Mayor Wins Vote", "The mayor won the vote on Monday, her office said.")
    return [
        json.dumps({"url": "https://news.example/vote", "html": html, "published": "2022-06-01"}),
        json.dumps({"text": "Storm Hits Coast\n\nThe storm hit the coast on Sunday, officials said.\n"}),
        "",
        "{not json",
        json.dumps({"url": "https://news.example/empty"}),
        json.dumps({"url": "https://news.example/when", "text": "Some text.", "published": "last week"}),
        json.dumps(["a", "list"]),
        json.dumps({"url": "https://news.example/both", "html": html, "text": "ignored"}),
    ]


@pytest.mark.parametrize("name", ["dump.jsonl", "dump.jsonl.gz"])
def test_jsonl_dump_reads_good_lines_and_names_bad_ones(tmp_path: Path, name: str) -> None:
    data = ("\n".join(_jsonl_lines()) + "\n").encode()
    path = tmp_path / name
    path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)

    items = list(iter_inputs([str(path)]))
    assert [i.source for i in items] == [
        "https://news.example/vote",
        f"{path}:2",  # no url: the line names it
        f"{path}:4",
        f"{path}:5",
        f"{path}:6",
        f"{path}:7",
        "https://news.example/both",
    ]
    errors = {i.source: i.reason for i in items if isinstance(i, InputError)}
    assert errors[f"{path}:4"].startswith("not valid JSON")
    assert errors[f"{path}:5"] == "the object has no 'html' or 'text' to read"
    assert errors[f"{path}:6"] == "'published' must be a date YYYY-MM-DD, not 'last week'"
    assert errors[f"{path}:7"] == "each line must be a JSON object, not list"

    vote = load_document(items[0])
    assert vote.title == "Mayor Wins Vote" and vote.published == "2022-06-01"
    assert "The mayor won the vote on Monday" in vote.text
    storm = load_document(items[1])
    assert storm.title == "Storm Hits Coast"  # a text item goes through the text cleaner
    assert storm.text.endswith("officials said.")
    both = load_document(items[6])
    assert "ignored" not in both.text  # html wins over text


def test_jsonl_line_over_the_limit_is_skipped_and_the_rest_read(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    long_line = json.dumps({"text": "word " * 5_000})
    short = json.dumps({"text": "Short Title\n\nThe mayor said the bridge was safe on Monday."})
    path.write_text(f"{short}\n{long_line}\n{short}\n")
    items = list(iter_inputs([str(path)], max_bytes=2_000))
    assert [type(i).__name__ for i in items] == ["RawInput", "InputError", "RawInput"]
    assert items[1].source == f"{path}:2" and "over the 2.0 kB limit" in items[1].reason
    assert items[2].source == f"{path}:3"
