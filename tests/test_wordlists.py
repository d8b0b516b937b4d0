"""The word lists are data: each packaged file says what its lists are for, and ``ONRECORD_WORDS``
replaces a file (the constants load at import, so the replacement is shown in a fresh process)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from onrecord import wordlists

#: The files of issue 17 (item 4); the older two keep their own layout.
FILES = (
    "attribution_words.json",
    "organization_words.json",
    "page_chrome.json",
    "judge_words.json",
    "pairing_words.json",
)

#: Classifies one caption line in a fresh process and prints the kind the cleaner gives it.
PROBE = (
    "from onrecord.ingest.text import classify_line; "
    "print(classify_line('Protesters gathered outside the court. Acme Pictures'))"
)


@pytest.mark.parametrize("name", FILES)
def test_every_list_says_what_it_is_for(name: str) -> None:
    data = wordlists.load(name)
    about = data["_about"]
    assert about["file"]
    assert set(about) - {"file"} == set(data) - {"_about"}


def test_alternation_matches_the_words_literally_in_order() -> None:
    import re

    rx = re.compile(wordlists.alternation(["Getty Images", "Getty", "A.P."]) + "$")
    assert rx.match("Getty Images")
    assert rx.match("A.P.")
    assert not rx.match("AxPx")


def _classify_in_fresh_process(words_dir: Path | None) -> str:
    env = {k: v for k, v in os.environ.items() if k != wordlists.ENV}
    if words_dir is not None:
        env[wordlists.ENV] = str(words_dir)
    src = Path(wordlists.__file__).resolve().parents[1]
    env["PYTHONPATH"] = os.pathsep.join([str(src), env.get("PYTHONPATH", "")])
    done = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True, timeout=120
    )
    return done.stdout.strip()


def test_a_replaced_file_changes_what_the_cleaner_removes(tmp_path: Path) -> None:
    packaged = resources.files("onrecord").joinpath("data", "page_chrome.json").read_text(encoding="utf-8")
    data = json.loads(packaged)
    data["agencies"].append("Acme Pictures")
    (tmp_path / "page_chrome.json").write_text(json.dumps(data), encoding="utf-8")

    assert _classify_in_fresh_process(None) == "None"
    assert _classify_in_fresh_process(tmp_path) == "caption"


def test_a_folder_without_the_file_keeps_the_packaged_one(tmp_path: Path) -> None:
    (tmp_path / "judge_words.json").write_text("{}", encoding="utf-8")
    assert _classify_in_fresh_process(tmp_path) == "None"
