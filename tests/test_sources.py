"""Reading inputs: folders, stdin, sizes, archives, encodings, and one clear error per bad input."""

from __future__ import annotations

import gzip
import io
import os
import socket
import threading
from pathlib import Path

import pytest

from onrecord.errors import InputError
from onrecord.ingest import RawInput, iter_inputs, load_document
from onrecord.ingest.sources import decode, looks_like_html

ARTICLE = (
    "Council Approves Budget\n\n"
    "The city council approved the budget on Tuesday, the mayor said.\n\n"
    "“It fixes the streets,” Mayor Tom Hill told reporters.\n"
)


def _errors(items: list[RawInput | InputError]) -> list[InputError]:
    return [i for i in items if isinstance(i, InputError)]


def _good(items: list[RawInput | InputError]) -> list[RawInput]:
    return [i for i in items if isinstance(i, RawInput)]


def test_input_error_is_one_line_naming_source_and_reason() -> None:
    err = InputError("a/b.txt", "file is 23.4 MB,\nover the 20 MB limit")
    assert str(err) == "a/b.txt: file is 23.4 MB, over the 20 MB limit"
    assert err.source == "a/b.txt"
    assert "\n" not in err.reason


def test_folder_is_read_recursively_sorted_and_only_known_extensions(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "deep").mkdir(parents=True)
    (tmp_path / "b" / "two.txt").write_text("second story text")
    (tmp_path / "a" / "deep" / "one.html").write_text("<html><body><p>first</p></body></html>")
    (tmp_path / "a" / "three.htm.gz").write_bytes(gzip.compress(b"<p>third</p>"))
    (tmp_path / "a" / "four.txt.gz").write_bytes(gzip.compress(b"fourth story"))
    (tmp_path / "notes.md").write_text("not an article")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / ".hidden.txt").write_text("hidden")

    items = list(iter_inputs([str(tmp_path)]))
    assert _errors(items) == []
    names = [Path(i.source).relative_to(tmp_path).as_posix() for i in _good(items)]
    assert names == ["a/deep/one.html", "a/four.txt.gz", "a/three.htm.gz", "b/two.txt"]
    by_name = {Path(i.source).name: i.data for i in _good(items)}
    assert by_name["three.htm.gz"] == b"<p>third</p>"  # unpacked
    assert by_name["four.txt.gz"] == b"fourth story"


def test_bad_inputs_each_give_an_error_and_good_ones_still_come_through(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    missing = tmp_path / "missing.txt"
    big_gz = tmp_path / "big.txt.gz"
    big_gz.write_bytes(gzip.compress(b"word " * 10_000))  # 50 kB unpacked, tiny packed
    corrupt = tmp_path / "corrupt.html.gz"
    corrupt.write_bytes(b"\x1f\x8b\x08\x00garbage that is not deflate data")
    big_txt = tmp_path / "big.txt"
    big_txt.write_bytes(b"x" * 5_000)

    items = list(
        iter_inputs([str(missing), str(good), str(big_gz), str(corrupt), str(big_txt)], max_bytes=4_000)
    )
    errors = {e.source: str(e) for e in _errors(items)}
    assert set(errors) == {str(missing), str(big_gz), str(corrupt), str(big_txt)}
    assert errors[str(missing)].startswith(f"{missing}: no such file")
    assert "unpacks to more than" in errors[str(big_gz)] and "limit" in errors[str(big_gz)]
    assert "not a valid gzip file" in errors[str(corrupt)]
    assert (
        errors[str(big_txt)]
        == f"{big_txt}: file is 5.0 kB, over the 4.0 kB limit (split it into smaller files)"
    )
    assert [i.source for i in _good(items)] == [str(good)]
    # Order is kept: the error for the missing file comes before the good file.
    assert isinstance(items[0], InputError) and isinstance(items[1], RawInput)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_fifos_devices_and_sockets_are_refused_without_being_opened(tmp_path: Path) -> None:
    """Opening a FIFO waits for a writer that may never come: it is refused by its stat, never opened."""
    fifo = tmp_path / "story.txt"
    os.mkfifo(fifo)
    warc_fifo = tmp_path / "crawl.warc"
    os.mkfifo(warc_fifo)
    sock_path = tmp_path / "s.html"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(sock_path))
    good = tmp_path / "good.txt"
    good.write_text("The harbor master said the pier would reopen.\n")
    given = [str(fifo), str(warc_fifo), str(sock_path), "/dev/null", str(good)]
    try:
        done: list[list[RawInput | InputError]] = []
        reader = threading.Thread(target=lambda: done.append(list(iter_inputs(given))), daemon=True)
        reader.start()
        reader.join(10)
    finally:
        server.close()
    assert done, "iter_inputs blocked on a non-regular file"
    items = done[0]
    assert [i.source for i in items] == given
    reasons = [i.reason for i in items[:-1] if isinstance(i, InputError)]
    assert len(reasons) == 4
    assert reasons[0].startswith("a named pipe (FIFO), not a regular file: not opened")
    assert reasons[1].startswith("a named pipe (FIFO)")
    assert reasons[2].startswith("a socket") and reasons[3].startswith("a device")
    assert isinstance(items[-1], RawInput)


def test_empty_and_binary_files_fail_at_decode_with_a_reason(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"  \n\n ")
    png = tmp_path / "photo.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    pdf = tmp_path / "paper.txt"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    raws = _good(list(iter_inputs([str(empty), str(png), str(pdf)])))
    assert len(raws) == 3
    reasons = []
    for raw in raws:
        with pytest.raises(InputError) as info:
            decode(raw)
        assert str(info.value).startswith(raw.source + ": ")
        reasons.append(info.value.reason)
    assert "empty" in reasons[0]
    assert "PNG" in reasons[1]
    assert "PDF" in reasons[2]


def test_nul_bytes_without_magic_are_binary() -> None:
    with pytest.raises(InputError, match="binary"):
        decode(RawInput("blob.txt", b"abc\x00\x01\x02\x03def" * 50))


def test_cp1252_curly_quotes_are_decoded() -> None:
    text = "“I do have a relationship,” Trump said — and that’s café talk.\r\nSecond line.\r\n"
    raw = RawInput("cp.txt", text.encode("cp1252"))
    assert decode(raw) == text.replace("\r\n", "\n")


def test_utf16_with_bom_and_utf8_with_bom() -> None:
    text = "Putin’s spokesman said “no” on Tuesday.\nSecond line."
    assert decode(RawInput("u16.txt", text.encode("utf-16"))) == text
    assert decode(RawInput("u8.txt", b"\xef\xbb\xbf" + text.encode("utf-8"))) == text


def test_decode_normalises_line_endings_and_nfc_but_keeps_characters() -> None:
    raw = RawInput("x.txt", "Cafe\u0301 “quoted” – dash\r\nold mac\rline".encode())
    assert decode(raw) == "Café “quoted” – dash\nold mac\nline"


def test_html_meta_charset_is_honoured() -> None:
    page = '<html><head><meta charset="windows-1252"></head><body><p>Caf\xe9 \x93quote\x94</p></body></html>'
    assert "Café “quote”" in decode(RawInput("p.html", page.encode("latin-1")))


def test_stdin_is_read_and_gzip_on_stdin_is_unpacked() -> None:
    items = list(iter_inputs(["-"], stdin=io.BytesIO(ARTICLE.encode())))
    assert items == [RawInput("<stdin>", ARTICLE.encode())]
    items = list(iter_inputs(["-"], stdin=io.BytesIO(gzip.compress(ARTICLE.encode()))))
    assert items == [RawInput("<stdin>", ARTICLE.encode())]
    items = list(iter_inputs(["-"], stdin=io.BytesIO(b"x" * 100), max_bytes=10))
    assert isinstance(items[0], InputError) and "limit" in str(items[0])


def test_explicit_file_of_another_extension_is_accepted_and_sniffed(tmp_path: Path) -> None:
    page = tmp_path / "saved.page"
    page.write_text("<!DOCTYPE html><html><head><title>T</title></head><body><p>x</p></body></html>")
    note = tmp_path / "story.md"
    note.write_text(ARTICLE)
    items = list(iter_inputs([str(page), str(note)]))
    assert _errors(items) == []
    assert looks_like_html(decode(_good(items)[0]))
    assert not looks_like_html(decode(_good(items)[1]))


def test_empty_folder_says_so(tmp_path: Path) -> None:
    (tmp_path / "readme.md").write_text("nothing")
    [err] = list(iter_inputs([str(tmp_path)]))
    assert isinstance(err, InputError) and "no .txt, .html, .htm, .warc or .jsonl files" in str(err)


def test_looks_like_html_is_strict_about_text_that_mentions_tags() -> None:
    assert looks_like_html("<html><body>hi</body></html>")
    assert looks_like_html("\n <!doctype html>\n<title>x</title>")
    assert looks_like_html("<div><p>One</p><p>Two</p></div>")
    assert not looks_like_html(ARTICLE)
    assert not looks_like_html(
        "The <p> tag marks a paragraph, he said, and <br> a line break." + " word" * 300
    )


def test_load_document_on_a_text_file(tmp_path: Path) -> None:
    f = tmp_path / "story.txt"
    f.write_bytes(ARTICLE.encode("cp1252"))
    [raw] = list(iter_inputs([str(f)]))
    assert isinstance(raw, RawInput)
    doc = load_document(raw, published="2016-07-28")
    assert doc.source == str(f)
    assert len(doc.id) == 64 and doc.id == load_document(raw).id
    assert doc.title == "Council Approves Budget"
    assert doc.title_span is not None and doc.text[slice(*doc.title_span)] == doc.title
    assert doc.published == "2016-07-28"
    assert doc.publisher is None
    assert "“It fixes the streets,”" in doc.text
