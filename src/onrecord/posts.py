"""The layout of a social-media post embedded in a story, as page scrapes keep it: its text, then
"— Name (@handle) March 3, 2024".

Two layers match it: the cleaner keeps such a line as the story's however short it looks
(``ingest/text.py``), and the rule "signed" reads the name as the post's speaker
(``attribution/rules/signed.py``). The ingest layer never imports attribution, so the pattern's
parts live here, where both can take them and neither depends on the other.
"""

from __future__ import annotations

#: The poster's name after the dash: a capital, then at most 59 characters with no bracket, "@",
#: angle bracket or line break ("Ivo Brandt", "Harbor Gazette Newsroom").
POSTER = r"[A-Z][^\n()<>@]{0,59}?"
#: The poster's handle, in brackets: "(@ivobrandt)".
HANDLE = r"\(@\w{1,30}\)"
#: The day a post carries after its handle: "March 3, 2024", "Jan. 9, 2023".
POST_DATE = r"[A-Z][a-z]+\.? \d{1,2}, \d{4}"
