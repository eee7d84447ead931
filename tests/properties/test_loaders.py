"""Properties of the loaders: whatever the file holds, parlbrief reads it or says why.

No input makes the YAML loader or the text reader raise anything but ContentError (a
message with a file and line); values come back exactly as typed, on the right line.
"""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from parlbrief.errors import ContentError, Problems
from parlbrief.load import yamlfile
from parlbrief.load.files import read_text, split_front_matter
from parlbrief.load.yamlfile import parse_yaml
from tests.conftest import REPO

KEYS = st.from_regex(r"[a-z][a-z0-9_]{0,10}", fullmatch=True)
#: Plain scalars YAML 1.1 would turn into something else: booleans, sexagesimal
#: numbers, octal, floats that lose a digit, infinities.
TRICKY = st.sampled_from(
    [
        "NO",
        "no",
        "Yes",
        "on",
        "OFF",
        "y",
        "1.10",
        "12:30",
        "0o17",
        "017",
        "0x1F",
        "1e3",
        ".inf",
        "-.Inf",
        ".NaN",
        "2022-06-30",
        "1_000",
        "+1",
        "0.0",
        "4,542",
        "1:20:30",
    ]
)


@given(st.text(max_size=300))
@example("a: \x00")
@example("[" * 2000)
@example("a: &x [1]\nb: *x")
@example("a: !!python/object/apply:os.system [ls]")
@settings(max_examples=300, deadline=None)
def test_any_text_is_read_or_refused_with_a_line(text: str) -> None:
    try:
        parse_yaml(text, "f.yaml")
    except ContentError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.origin.path == "f.yaml"
            assert " - " in problem.message  # what is wrong - what to do


#: Text a briefing can hold: anything but control characters (refused at their line,
#: see test_control_characters_are_refused_at_their_line) and half UTF-16 pairs.
PRINTABLE = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs"), whitelist_characters="\t\n"),
    max_size=40,
)


@given(st.dictionaries(KEYS, PRINTABLE, max_size=8))
@settings(max_examples=200, deadline=None)
def test_quoted_values_come_back_exactly_on_their_line(values: dict[str, str]) -> None:
    text = "".join(f"{key}: {json.dumps(value)}\n" for key, value in values.items())
    doc = parse_yaml(text, "f.yaml")
    assert (doc.data or {}) == values
    for number, key in enumerate(values, start=1):
        assert doc.origin((key,)).line == number


@given(st.dictionaries(KEYS, st.characters(categories=("Cc",)), min_size=1, max_size=3))
@settings(max_examples=100, deadline=None)
def test_control_characters_are_refused_at_their_line(values: dict[str, str]) -> None:
    text = "".join(f"{key}: {json.dumps('x' + value)}\n" for key, value in values.items())
    problems = Problems()
    parse_yaml(text, "f.yaml", problems=problems)
    refused = [v for v in values.values() if v not in "\t\n\r"]  # line breaks are text
    assert len(problems.errors) == len(refused)
    assert all("control character" in p.message for p in problems.errors)


@given(TRICKY, st.integers(min_value=1, max_value=50))
def test_plain_scalars_stay_the_string_that_was_typed(value: str, first_line: int) -> None:
    doc = parse_yaml(f"id: q-1\nvalue: {value}\n", "f.yaml", first_line=first_line)
    assert doc.data == {"id": "q-1", "value": value}
    assert doc.origin(("value",)).line == first_line + 1


@given(st.lists(KEYS, min_size=2, max_size=6))
def test_a_repeated_key_is_reported_with_both_lines(keys: list[str]) -> None:
    keys = [*keys, keys[0]]
    text = "".join(f"{key}: x\n" for key in keys)
    try:
        parse_yaml(text, "f.yaml")
    except ContentError as exc:
        first = keys.index(keys[0]) + 1
        messages = [str(p) for p in exc.problems]
        assert any(f"'{keys[0]}' is given twice" in m and f"line {first}" in m for m in messages), (
            messages
        )
    else:
        raise AssertionError("a repeated key was accepted")


@given(st.binary(max_size=300))
@settings(max_examples=200, deadline=None)
def test_any_bytes_are_text_or_a_clear_refusal(tmp_path_factory: object, data: bytes) -> None:
    path = Path(str(getattr(tmp_path_factory, "mktemp")("bytes"))) / "f.md"  # noqa: B009
    path.write_bytes(data)
    try:
        text = read_text(path, "f.md", limit=200)
    except ContentError as exc:
        (problem,) = exc.problems
        assert problem.origin.path == "f.md"
        assert "UTF-8" in problem.message or "limit" in problem.message
    else:
        assert "\r" not in text


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_front_matter_body_starts_on_the_line_it_says(text: str) -> None:
    parts = split_front_matter(text)
    lines = text.split("\n")
    assert "\n".join(lines[parts.body_line - 1 :]) == parts.body


def _read_both(text: str) -> tuple[object, object]:
    """What parse_yaml makes of `text` with libyaml, and with PyYAML's reader alone."""

    def attempt() -> object:
        try:
            doc = parse_yaml(text, "f.yaml")
        except ContentError as exc:
            return [str(p) for p in exc.problems]
        return doc.data, doc.lines

    fast = attempt()
    saved, yamlfile._FastLoader = yamlfile._FastLoader, None
    try:
        return fast, attempt()
    finally:
        yamlfile._FastLoader = saved


YAMLISH = st.text(alphabet=st.sampled_from(list("ab1:- \n\t'\"#|>[]{},&*!%\\é😀")), max_size=60)


@given(YAMLISH)
@settings(max_examples=400, deadline=None)
def test_libyaml_reads_every_text_as_pyyaml_would(text: str) -> None:
    # libyaml is only a faster reader: a text both read comes back the same, values
    # and lines. A text libyaml refuses is read again by PyYAML, so its message is
    # PyYAML's (the error-message tests check those). The two disagree about a few
    # odd texts (a tab after a value, '>#'), which one accepts and the other refuses.
    fast, pure = _read_both(text)
    if not isinstance(fast, list) and not isinstance(pure, list):
        assert fast == pure


def test_libyaml_reads_every_example_file_as_pyyaml_would() -> None:
    files = [*REPO.glob("sources/**/*.yaml"), *REPO.glob("briefings/*.yaml")]
    files += [*REPO.glob("tests/projects/**/*.yaml")]
    assert len(files) > 20
    for path in files:
        fast, pure = _read_both(path.read_text(encoding="utf-8"))
        assert fast == pure, path
