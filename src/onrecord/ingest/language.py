"""Which writing system a text is in, so that a page onrecord cannot attribute is kept and said so.

Attribution reads English: its cue words, parser and names are English. A Japanese or Chinese page is
still a page a user hands over, so it is neither refused nor silently read as English (which would
find nothing or nonsense): its text is kept, with one note saying why it has no statements. Scripts
written without spaces between words also need their own word count, or every such page would look
empty to a rule that counts words by spaces.
"""

from __future__ import annotations

import re
import unicodedata

_SPACED_WORD = re.compile(r"[^\W\d_](?:[\w'’.&-]*[^\W_])?")
#: Scripts written without spaces: kana, CJK ideographs, Hangul syllables, Thai.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u0e00-\u0e7f\uf900-\ufaff]")
_BASIC_LATIN = re.compile(r"[A-Za-z]")
_LETTER = re.compile(r"[^\W\d_]")
#: Below this share of Latin letters a text is not read as English.
LATIN_SHARE = 0.5

_SCRIPT_NAMES = (
    ("HIRAGANA", "Japanese"),
    ("KATAKANA", "Japanese"),
    ("HANGUL", "Korean"),
    ("CJK", "Chinese"),
    ("CYRILLIC", "Cyrillic"),
    ("ARABIC", "Arabic"),
    ("HEBREW", "Hebrew"),
    ("GREEK", "Greek"),
    ("DEVANAGARI", "Devanagari"),
    ("THAI", "Thai"),
)


def word_count(text: str) -> int:
    """Words as a reader counts them: spaced words, and two characters of unspaced script per word."""
    unspaced = len(_UNSPACED.findall(text))
    spaced = (
        len(_SPACED_WORD.findall(_UNSPACED.sub(" ", text))) if unspaced else len(_SPACED_WORD.findall(text))
    )
    return spaced + unspaced // 2


def _script(ch: str) -> str:
    name = unicodedata.name(ch, "")
    if name.startswith("LATIN"):
        return "Latin"
    for prefix, script in _SCRIPT_NAMES:
        if name.startswith(prefix):
            return script
    return "other"


def english_only_note(text: str) -> str | None:
    """A one-line note when most letters are not Latin, naming the script; None for Latin text.

    Japanese is named when any kana occurs, since Japanese mixes kana with the ideographs Chinese uses.
    """
    sample = text[:20_000]
    latin = len(_BASIC_LATIN.findall(sample))
    letters = _LETTER.findall(sample)
    if not letters or latin >= LATIN_SHARE * len(letters):
        return None  # the common case, decided without naming each character
    scripts: dict[str, int] = {}
    for ch in letters:
        script = _script(ch)
        scripts[script] = scripts.get(script, 0) + 1
    if scripts.get("Latin", 0) >= LATIN_SHARE * len(letters):
        return None
    found = "Japanese" if scripts.get("Japanese") else max(scripts, key=lambda s: scripts[s])
    return (
        f"the text is in {found} script; onrecord reads attribution in English only, so the text is "
        "kept and no statements were looked for"
    )
