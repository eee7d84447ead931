"""OSCOLA 4th edition's own examples, each cited first and again after another note.

examples.yaml says where each example comes from. An example parlbrief writes
differently is marked with its reason (pytest lists them as xfail, and fails if one
starts to pass, so the list of deviations stays true).
"""

from __future__ import annotations

import html
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from parlbrief.resolve.csl.cite_notes import DEFAULT_STYLE, cite_notes
from parlbrief.resolve.csl.citeproc import Cite

EXAMPLES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "examples.yaml").read_text(encoding="utf-8")
)
FILLER = {"id": "filler", "type": "book", "title": "Filler", "author": [{"family": "Other"}]}


def plain(note: str) -> str:
    """A note as a reader reads it: without its HTML."""
    return html.unescape(re.sub(r"<[^>]+>", "", note))


@cache
def rendered() -> list[str]:
    """Every example as note 3i+1 (in full) and 3i+3 (again), in one run of Pandoc."""
    items = {"filler": FILLER}
    notes: list[list[Cite]] = []
    for index, example in enumerate(EXAMPLES):
        key = f"ex{index}"
        items[key] = {**example["item"], "id": key}
        cite = Cite(key, str(example.get("locator", "")))
        notes += [[cite], [Cite("filler")], [cite]]
    return [plain(note) for note in cite_notes(items, notes, DEFAULT_STYLE).notes]


def cases(*, first: bool) -> list[Any]:
    out = []
    for index, example in enumerate(EXAMPLES):
        marks = []
        reason = example.get("deviation") or (first and example.get("deviation_first"))
        if reason:
            marks.append(pytest.mark.xfail(strict=True, reason=reason))
        out.append(pytest.param(index, example, id=f"{index}-{example['first'][:40]}", marks=marks))
    return out


@pytest.mark.parametrize(("index", "example"), cases(first=True))
def test_first_note_is_the_guides(index: int, example: dict[str, Any]) -> None:
    assert rendered()[3 * index] == example["first"] + "."


@pytest.mark.parametrize(("index", "example"), cases(first=False))
def test_later_note_points_back_or_repeats(index: int, example: dict[str, Any]) -> None:
    later = example.get("later", example["first"]).replace("(n 1)", f"(n {3 * index + 1})")
    assert rendered()[3 * index + 2] == later + "."


def test_the_suite_holds_at_least_sixty_of_the_guides_examples() -> None:
    assert len(EXAMPLES) >= 60
    assert all(example["source"].startswith("http") for example in EXAMPLES)


def test_the_guides_own_examples_name_the_copy_and_the_section() -> None:
    own = [example["guide"] for example in EXAMPLES if "guide" in example]
    assert own, "no example is marked as the guide's own"
    assert all(re.match(r"^https?://\S+ (§\d|Quick Reference Guide)", text) for text in own)
