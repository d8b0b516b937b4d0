"""The word lists the rules read, loaded from JSON files in ``onrecord/data/``: one loader for all.

Which words mark attribution, which lines are page chrome, which words pull a statement along a
political axis: these are judgements about English news prose, not code, so they live in data files a
reader can review and extend without reading the rules (``attribution_words.json``,
``organization_words.json``, ``page_chrome.json``, ``judge_words.json``, ``pairing_words.json``,
``proposition_words.json``). Each file has an ``_about`` key that says what each list is for.

To try other words without editing the package, point the environment variable ``ONRECORD_WORDS``
at a folder: a file there replaces the packaged file of the same name, whole. The modules build their
constants at import, so the variable must be set before onrecord is imported (a new process).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

#: The environment variable naming a folder whose files replace the packaged ones of the same name.
ENV = "ONRECORD_WORDS"


@lru_cache(maxsize=16)
def load(name: str, path: str | None = None) -> dict[str, Any]:
    """The JSON object of the data file ``name``.

    Read from ``path`` when given, else from the ``ONRECORD_WORDS`` folder when it holds a file of
    that name, else from the copy shipped in ``onrecord/data/``. Cached: every module that reads a
    file gets the same words, and a file is parsed once per process.
    """
    if path is not None:
        raw = Path(path).read_text(encoding="utf-8")
    else:
        override = Path(os.environ[ENV], name) if os.environ.get(ENV) else None
        if override is not None and override.is_file():
            raw = override.read_text(encoding="utf-8")
        else:
            raw = resources.files("onrecord").joinpath("data", name).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(raw)
    return data


def alternation(words: Iterable[str]) -> str:
    """A regex group matching any of ``words`` literally, tried in the order given.

    Order matters where one entry starts another ("Getty Images" before "Getty"): the regex takes the
    first that lets the whole pattern match, as a hand-written alternation does.
    """
    return "(?:" + "|".join(re.escape(w) for w in words) + ")"


def word_sets(groups: dict[str, list[str]]) -> dict[str, frozenset[str]]:
    """Each group's words as a set, keeping the groups' order."""
    return {name: frozenset(words) for name, words in groups.items()}


def by_group(groups: dict[str, list[str]]) -> dict[str, str]:
    """Each word with the name of its group: ``{"speech": ["say"]}`` gives ``{"say": "speech"}``.

    A word listed in two groups takes the later one, as a dict written out by hand would.
    """
    return {word: name for name, words in groups.items() for word in words}
