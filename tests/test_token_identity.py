"""spaCy tokens are compared by value, never by identity.

A ``Token`` is a new Python object at every access (``doc[2] is doc[2]`` is false), so ``tok.head is
tok`` is never true and ``verb.head is not verb`` always is: the test reads as a check and does
nothing, and a loop that waits for a token to reach its own head never stops (the reversal finder
hung on a sentence whose root is a noun). ``==`` compares the document and the index. This test
reads the source of every module and fails on an ``is`` between two things that name tokens.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "onrecord"

#: Names the modules give tokens; an attribute of these names on anything is a token too.
_TOKEN_NAMES = frozenset(
    {
        *("tok", "token", "t", "c", "w", "verb", "noun", "root", "head", "subj", "pred", "child", "word"),
        *("obj", "owner", "first", "main", "target", "maker", "governor", "clause", "left", "right"),
    }
)
_TOKEN_ATTRIBUTES = frozenset({"head", "root", "left_edge", "right_edge"})


def _token_like(node: ast.expr) -> bool:
    if isinstance(node, ast.Name):
        return node.id in _TOKEN_NAMES
    return isinstance(node, ast.Attribute) and node.attr in _TOKEN_ATTRIBUTES


def _identity_comparisons(source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Compare):
            continue
        sides = [node.left, *node.comparators]
        for op, left, right in zip(node.ops, sides[:-1], sides[1:], strict=True):
            if isinstance(op, ast.Is | ast.IsNot) and _token_like(left) and _token_like(right):
                found.append(f"line {node.lineno}: {ast.unparse(node)}")
    return found


def test_no_module_compares_tokens_by_identity() -> None:
    found = [
        f"{path.relative_to(SRC.parent)} {line}"
        for path in sorted(SRC.rglob("*.py"))
        for line in _identity_comparisons(path.read_text(encoding="utf-8"))
    ]
    assert found == [], "compare spaCy tokens with == / !=:\n" + "\n".join(found)


@pytest.mark.parametrize(
    ("source", "flagged"),
    [
        ("ok = verb.head is not verb", True),
        ("ok = t.head is t", True),
        ("ok = subj.head is tok", True),
        ("ok = c is not root", True),
        ("ok = tok.head == tok", False),
        ("ok = found is None", False),
        ("ok = table is t.people", False),
        ("ok = fmt is Format.table", False),
    ],
)
def test_the_check_sees_token_identity(source: str, flagged: bool) -> None:
    assert bool(_identity_comparisons(source)) is flagged
