"""Who wrote a story, read from its byline lines ("By Jane Doe and John Roe", "(Reporting by John Roe;
Editing by Ann Poe)").

Authors are kept apart from the people a story quotes: a reporter's name in a byline is never a source.
Editors are not authors: a wire credit names them for the record, but they did not report the story.
"""

from __future__ import annotations

import re

#: Prefixes that introduce the names of people who wrote or reported the story.
_WRITERS = re.compile(
    r"(?:^|[(;]\s*|\s[-–—|]\s*)(?:by|written by|words by|story by|text by|reporting by|reported by|"
    r"additional reporting by|with reporting by|compiled by|interview by|authors?:|posted by)\s+"
    r"(?P<names>[^;()\n]+)",
    re.I,
)
#: What follows the names in a byline: a date, a role, a source.
_STOP = re.compile(
    r"\s+(?:[-–—|•·/]\s|\bin\b|\bat\b|\bfor\b|\bon\b|\bupdated\b|\bpublished\b|\bposted\b)|,\s*(?=[a-z]|\w+\s+\d)|"
    r"\s*\d|,\s*(?:senior|staff|chief|special|political|national|white house|foreign|reporter|"
    r"correspondent|editor|writer|columnist|contributor|producer|journalist|associated press|reuters|"
    r"afp|ap|cnn|the\b)",
    re.I,
)
_SPLIT = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*", re.I)
_NAME = re.compile(r"^[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|de|van|von|der|da|del|la|le|bin|al)){1,3}$")
_EDITING = re.compile(r"\bedit(?:ed|ing) by\b", re.I)


def authors_in(line: str) -> list[str]:
    """The writers' names in one byline line, in order, without editors, roles or dates."""
    out: list[str] = []
    for m in _WRITERS.finditer(line):
        before = line[: m.start("names")]
        if _EDITING.search(before[-20:]):
            continue
        names = m["names"]
        stop = _STOP.search(names)
        if stop:
            names = names[: stop.start()]
        for name in _SPLIT.split(names.strip(" .,")):
            name = name.strip(" .,")
            if name.isupper():
                name = name.title()  # "By JANE DOE" is Jane Doe
            if _NAME.match(name) and name not in out:
                out.append(name)
    return out


def authors(lines: list[str]) -> list[str]:
    """Every writer named in ``lines`` (byline lines), each once, in order of appearance."""
    out: list[str] = []
    for line in lines:
        for name in authors_in(line):
            if name not in out:
                out.append(name)
    return out
