"""The manifest: what each output was made from, and why it must be rebuilt.

Each kind of change (an input added, removed or changed; data; a figure's printed
value; a brand file; a new day) is one case, and so is each shape of damaged manifest.
Nothing here builds: these are the fast tests for parlbrief.pipeline.manifest (see
tests/mutation/run.py), which must never start a render.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.metadata
import json
import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from parlbrief.check import Checked, check
from parlbrief.errors import Origin, Problem
from parlbrief.load.data import DataRow
from parlbrief.pipeline import manifest as m
from parlbrief.pipeline.editions import edition_items
from parlbrief.pipeline.manifest import (
    CONTENT_KINDS,
    FORMAT,
    Entry,
    Manifest,
    Tree,
    changed_items,
    content_inputs,
    digest,
    figure_values,
    files_inputs,
    hash_value,
    read_manifest,
    reasons,
    template_inputs,
    tree_now,
    versions,
    write_manifest,
)
from parlbrief.project import MANIFEST_NAME, Project
from parlbrief.resolve import ResolvedBriefing
from tests.conftest import PROJECTS


@pytest.fixture(scope="module")
def figures() -> Checked:
    """tests/projects/figures checked (never built): statistics from data and formulas."""
    return check(Project.at(PROJECTS / "figures", PROJECTS / "figures" / "no-build"))


@pytest.fixture(scope="module")
def staffing(figures: Checked) -> ResolvedBriefing:
    return figures.resolved["staffing"]


# ------------------------------------------------------------------- changes, in words

CHANGES = [
    # (old inputs, new inputs, what changed)
    ({"a": "1"}, {"a": "1"}, []),
    ({"a": "1"}, {"a": "2"}, ["a changed"]),
    ({}, {"statistic x": "1"}, ["statistic x added"]),
    ({"statistic x": "1"}, {}, ["statistic x removed"]),
    ({"b": "1", "c": "1"}, {"a": "1", "b": "2"}, ["a added", "b changed", "c removed"]),
]


@pytest.mark.parametrize(("old", "new", "said"), CHANGES)
def test_changed_items(old: dict[str, str], new: dict[str, str], said: list[str]) -> None:
    assert changed_items(old, new) == said


REASONS = [
    # (old inputs, or None when never built; new inputs; the reasons)
    (None, {"a": "1"}, ["k: not built before"]),
    ({"a": "1"}, {"a": "1"}, []),
    ({"a": "1"}, {"a": "1", "data f.csv:2": "1"}, ["k: data f.csv:2 added"]),
    # the edition and the Draft mark echo a content change: the change is named alone
    ({"a": "1", "edition": "1"}, {"a": "2", "edition": "2"}, ["k: a changed"]),
    ({"a": "1", "draft mark": "x"}, {"a": "2", "draft mark": "y"}, ["k: a changed"]),
    # but on their own (a publish, --no-draft) they are the reason
    ({"edition": "1"}, {"edition": "2"}, ["k: edition changed"]),
    (
        {"edition": "1", "draft mark": "x"},
        {"edition": "2", "draft mark": "y"},
        ["k: draft mark changed", "k: edition changed"],
    ),
]


@pytest.mark.parametrize(("old", "new", "said"), REASONS)
def test_reasons(old: dict[str, str] | None, new: dict[str, str], said: list[str]) -> None:
    entry = None if old is None else Entry(old)
    assert reasons("k", entry, new) == said


# ---------------------------------------------------------------- what is content


def test_content_kinds_are_what_a_briefing_says() -> None:
    assert {
        "briefing", "argument", "question", "statistic", "reference", "settings",
        "variant", "data",
    } == CONTENT_KINDS  # fmt: skip


def test_a_data_row_is_content_so_a_data_change_is_a_new_edition(
    staffing: ResolvedBriefing,
) -> None:
    items = edition_items(staffing)
    rows = sorted(k for k in items if k.startswith("data "))
    assert rows == [f"data sources/data/probation-officers.csv:{n}" for n in (2, 3, 4, 5)]
    changed = dataclasses.replace(
        staffing.data_rows[0], cells=(*staffing.data_rows[0].cells, ("note", "revised"))
    )
    other = dataclasses.replace(staffing, data_rows=[changed, *staffing.data_rows[1:]])
    assert changed_items(items, edition_items(other)) == [
        "data sources/data/probation-officers.csv:2 changed"
    ]


def test_every_input_a_briefing_draws_on_is_named(figures: Checked) -> None:
    names = set(content_inputs(figures.resolved["regional/wales"]))
    assert names == {
        "briefing regional", "citation style", "reference regions-illustrative",
        "reference workforce-2022",
        "statistic area-in-post", "statistic area-required", "statistic area-vacancies",
        "statistic in-post-jun-2022", "statistic required-jun-2022",
        "statistic shortfall-jun-2022", "data sources/data/probation-officers.csv:5",
        "data sources/data/regions.csv:4", "variant",
    }  # fmt: skip


def test_a_figure_s_printed_value_is_part_of_its_hash(staffing: ResolvedBriefing) -> None:
    printed = figure_values(staffing)
    assert printed == {
        "in-post-jun-2022": "up 1,005 since March 2021",
        "required-jun-2022": "6,239",
        "shortfall-jun-2022": "1,697",
    }
    before = content_inputs(staffing)
    item = staffing.figures["required-jun-2022"]
    assert before["statistic required-jun-2022"] == hash_value([item, "6,239"])
    assert before["statistic in-post-mar-2021"] == hash_value(
        staffing.figures["in-post-mar-2021"]
    )  # not printed: the item alone
    workforce = next(r for r in staffing.sources if r.id == "workforce-2022")
    assert before["reference workforce-2022"] == hash_value(workforce)
    assert content_inputs(staffing, lean=True)["briefing staffing"] == hash_value(
        staffing.briefing, lean=True
    )


def test_only_a_statistic_carries_its_printed_value(staffing: ResolvedBriefing) -> None:
    # a reference that happens to share a printed statistic's id is hashed alone
    twin = staffing.sources[0].model_copy(update={"id": "required-jun-2022"})
    inputs = content_inputs(dataclasses.replace(staffing, sources=[twin]))
    assert inputs["reference required-jun-2022"] == hash_value(twin)


def test_a_new_printed_value_changes_only_that_statistic(
    staffing: ResolvedBriefing, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = content_inputs(staffing)
    printed = figure_values(staffing) | {"required-jun-2022": "6,240"}
    monkeypatch.setattr(m, "figure_values", lambda resolved: printed)
    assert changed_items(before, content_inputs(staffing)) == [
        "statistic required-jun-2022 changed"
    ]


def test_lean_hashes_leave_out_defaults_and_presentation() -> None:
    class Item(BaseModel):
        id: str
        note: str = ""
        show_changes: bool = False

    plain = Item(id="x")
    shown = Item(id="x", show_changes=True)
    noted = Item(id="x", note="n")
    assert hash_value(plain, lean=True) == hash_value({"id": "x"})
    assert hash_value(shown, lean=True) == hash_value(plain, lean=True)
    assert hash_value(shown) != hash_value(plain)
    assert hash_value(noted, lean=True) != hash_value(plain, lean=True)
    assert hash_value([plain], lean=True) == hash_value([{"id": "x"}])
    assert hash_value({"k": plain}, lean=True) == hash_value({"k": {"id": "x"}})
    assert hash_value(Row("r", shown), lean=True) == hash_value(Row("r", {"id": "x"}))


@dataclasses.dataclass
class Row:
    id: str
    value: Any


PLAIN = [
    # (value, the same value as canonical JSON)
    (Decimal("1.50"), "1.50"),
    (date(2022, 6, 30), "2022-06-30"),
    (Path("a/b.csv"), "a/b.csv"),
    ({"b": 1, 2: [True, None, 1.5]}, {"2": [True, None, 1.5], "b": 1}),
    ((1, "x"), [1, "x"]),
    (frozenset({"b", "a"}), ["a", "b"]),
    (frozenset({2, "a"}), ["a", 2]),  # ordered by their JSON: '"a"' before '2'
    (Row("r", {3, 1}), {"id": "r", "value": [1, 3]}),
    (object, repr(object)),
]


@pytest.mark.parametrize(("value", "plain"), PLAIN)
def test_hashes_are_of_canonical_json(value: Any, plain: Any) -> None:
    text = json.dumps(plain, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert hash_value(value) == hashlib.sha256(text.encode()).hexdigest()[:32]


def test_digest_is_sha256_shortened() -> None:
    assert digest(b"x") == hashlib.sha256(b"x").hexdigest()[:32]
    assert hash_value("é") == digest('"é"'.encode())


ITEMS = [
    # (field, value, the names its inputs get)
    ("figures", {"b": 1, "a": 2}, ["statistic a", "statistic b"]),
    ("data_rows", [DataRow("d.csv", 3, ())], ["data d.csv:3"]),
    ("data_rows", [object()], ["data ?:?"]),
    ("question_items", [Row("q1", 1)], ["question q1"]),
    ("sources", [Row("r1", 1)], ["reference r1"]),
    ("arguments", [Row("a1", 1)], ["row a1"]),
    ("settings_map", {"y": 1, 2: 3}, ["settings_map 2", "settings_map y"]),
    ("arguments", [], []),
    ("extra_value", 5, ["extra value"]),
    ("extra_value", {}, ["extra value"]),
    ("extra_value", 0, ["extra value"]),
    ("things", {"a": 1}, ["thing a"]),
]


@pytest.mark.parametrize(("name", "value", "names"), ITEMS)
def test_each_item_is_named_as_a_user_knows_it(name: str, value: Any, names: list[str]) -> None:
    assert [n for n, _ in m._items(name, value)] == names


def test_a_resolved_item_is_named_without_resolved() -> None:
    class ResolvedQuestion(BaseModel):
        id: str

    class Question(BaseModel):
        id: str | None = None

    assert list(m._items("x", ResolvedQuestion(id="q"))) == [
        ("question q", ResolvedQuestion(id="q"))
    ]
    assert [n for n, _ in m._items("the_thing", Question())] == ["the thing"]

    class Settings(BaseModel):
        colour: str = "red"

    assert [n for n, _ in m._items("the_settings", Settings())] == ["the settings"]
    assert [n for n, _ in m._items("sources", Question(id="r"))] == ["reference r"]


# ------------------------------------------------------------------ files as inputs


def test_files_inputs(tmp_path: Path) -> None:
    (tmp_path / "brands" / "x").mkdir(parents=True)
    (tmp_path / "brands" / "x" / "logo.svg").write_bytes(b"<svg/>")
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "a.pyc").write_bytes(b"x")
    (tmp_path / "page.html").write_bytes(b"<p>")
    assert files_inputs("template", tmp_path) == {
        "template brands/x/logo.svg": digest(b"<svg/>"),
        "template page.html": digest(b"<p>"),
    }
    assert files_inputs("t", tmp_path, skip=("brands/",)) == {"t page.html": digest(b"<p>")}
    assert files_inputs("t", tmp_path / "missing") == {}


def test_brand_files_are_not_templates_and_a_project_file_shadows_the_built_in(
    tmp_path: Path,
) -> None:
    project, built_in = tmp_path / "project", tmp_path / "built-in"
    for folder, css in ((project, b"p{}"), (built_in, b"q{}")):
        (folder / "brands" / "b").mkdir(parents=True)
        (folder / "brands" / "b" / "logo.svg").write_bytes(b"<svg/>")
        (folder / "briefing.css").write_bytes(css)
    (built_in / "page.html").write_bytes(b"<p>")
    assert template_inputs([project, built_in]) == {
        "template briefing.css": digest(b"p{}"),
        "template page.html": digest(b"<p>"),
    }


def test_versions_names_parlbrief_weasyprint_and_matplotlib() -> None:
    found = versions()
    assert set(found) == {"version parlbrief", "version weasyprint", "version matplotlib"}
    assert found["version weasyprint"] == importlib.metadata.version("weasyprint")
    assert found["version matplotlib"] == importlib.metadata.version("matplotlib")


# -------------------------------------------------------------------- the quick check


@pytest.fixture
def tree_project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    for rel in ("sources/a.yaml", "briefings/b.yaml", "parlbrief.yaml", "editions/b.json"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text("x: 1\n")
    (root / "sources" / "statistics").mkdir()
    (root / "sources" / "statistics" / "s.yaml").write_text("x: 1\n")
    (root / "templates").mkdir()
    return root


DAY = date(2026, 11, 23)


def test_the_quick_check_is_the_same_for_the_same_files_on_the_same_day(tree_project: Path) -> None:
    templates = [tree_project / "templates"]
    first = tree_now(tree_project, templates, DAY)
    assert first == tree_now(tree_project, templates, DAY)
    assert len(first.sources) == len(first.editions) == 32
    assert first.same_files(Tree(first.sources, first.editions, ("pdf",)))


def test_the_next_day_staleness_is_checked_again(tree_project: Path) -> None:
    templates = [tree_project / "templates"]
    today, tomorrow = (tree_now(tree_project, templates, d) for d in (DAY, date(2026, 11, 24)))
    assert today.sources != tomorrow.sources
    assert today.editions == tomorrow.editions
    assert not today.same_files(tomorrow)


CHANGED_FILES = [
    # (what is changed under the project, which fingerprint it shows in)
    ("sources/a.yaml", "sources"),
    ("sources/new.yaml", "sources"),
    ("sources/deep/new.yaml", "sources"),
    ("briefings/b.yaml", "sources"),
    ("parlbrief.yaml", "sources"),
    ("templates/page.html", "sources"),
    ("editions/b.json", "editions"),
]


@pytest.mark.parametrize(("rel", "kind"), CHANGED_FILES)
def test_the_quick_check_sees_a_file_added_or_changed(
    tree_project: Path, rel: str, kind: str
) -> None:
    templates = [tree_project / "templates"]
    before = tree_now(tree_project, templates, DAY)
    path = tree_project / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("x: 22\n")
    after = tree_now(tree_project, templates, DAY)
    other = "editions" if kind == "sources" else "sources"
    assert getattr(before, kind) != getattr(after, kind)
    assert getattr(before, other) == getattr(after, other)
    assert not before.same_files(after)


def test_the_quick_check_ignores_python_caches(tree_project: Path) -> None:
    templates = [tree_project / "templates"]
    before = tree_now(tree_project, templates, DAY)
    (tree_project / "sources" / "__pycache__").mkdir()  # a new folder, not a file: unseen
    (tree_project / "sources" / "__pycache__" / "x.pyc").write_bytes(b"x")
    assert tree_now(tree_project, templates, DAY) == before


def test_no_editions_folder_is_the_empty_fingerprint(tree_project: Path) -> None:
    shutil.rmtree(tree_project / "editions")
    tree = tree_now(tree_project, [], DAY)
    assert tree.editions == hashlib.sha256(b"").hexdigest()[:32]


# --------------------------------------------------------------------- the file itself

TREE = Tree(
    "s" * 32,
    "e" * 32,
    ("pdf", "html"),
    (Problem(Origin("sources/a.yaml", 3, 5), "stale - update it", "warning"),),
)


def test_a_manifest_reads_back_as_written(tmp_path: Path) -> None:
    entries = {"b": Entry({"z": "1", "a": "2"}, {"pdf": "b.pdf"}), "a": Entry({"x": "3"})}
    write_manifest(tmp_path, entries, TREE)
    read = read_manifest(tmp_path)
    assert read == Manifest(entries, None, True, dataclasses.replace(TREE, formats=("html", "pdf")))
    data = json.loads((tmp_path / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert list(data["outputs"]) == ["a", "b"]
    assert list(data["outputs"]["b"]["inputs"]) == ["a", "z"]
    assert data["format"] == FORMAT
    write_manifest(tmp_path, entries)
    assert read_manifest(tmp_path).tree is None


def test_the_manifest_file_word_for_word(tmp_path: Path) -> None:
    write_manifest(tmp_path, {"é": Entry({"statistic ü": "1"}, {"pdf": "é.pdf"})})
    assert (tmp_path / MANIFEST_NAME).read_text(encoding="utf-8") == (
        '{\n "format": 1,\n "about": "What each output in this folder was made from; '
        "parlbrief build rebuilds an output when any of these hashes changes. Safe to "
        'delete.",\n "tree": null,\n "outputs": {\n  "é": {\n   "files": {\n    "pdf": '
        '"é.pdf"\n   },\n   "inputs": {\n    "statistic ü": "1"\n   }\n  }\n }\n}\n'
    )


def test_a_manifest_that_cannot_be_written_says_where_and_why(tmp_path: Path) -> None:
    from parlbrief.errors import UsageError

    out = tmp_path / "out"
    out.write_text("a file where the output folder should be")
    with pytest.raises(UsageError) as caught:
        write_manifest(out, {})
    assert str(caught.value) == (
        f"{out / MANIFEST_NAME} could not be written (File exists) - a file stands where a "
        "folder should be: move the file away"
    )


def test_a_manifest_from_another_version_is_unreadable(tmp_path: Path) -> None:
    (tmp_path / MANIFEST_NAME).write_text(json.dumps(GOOD | {"format": 0}), encoding="utf-8")
    assert read_manifest(tmp_path).problem == (
        f"{MANIFEST_NAME} unreadable (made by another version of parlbrief)"
    )


def test_no_manifest_means_a_first_build(tmp_path: Path) -> None:
    assert read_manifest(tmp_path) == Manifest()


GOOD: dict[str, Any] = {
    "format": FORMAT,
    "tree": None,
    "outputs": {"a": {"files": {"pdf": "a.pdf"}, "inputs": {"x": "1"}}},
}
TREE_DATA = {"sources": "s", "editions": "e", "formats": ["pdf"], "warnings": []}

DAMAGED = [
    # (the manifest's text, a fragment of why it is unreadable)
    ("{not json", "Expecting property name"),
    ("[]", "object has no attribute 'get'"),
    ('"text"', "object has no attribute 'get'"),
    (json.dumps(GOOD | {"format": 0}), "made by another version of parlbrief"),
    (json.dumps({"format": FORMAT}), "'outputs'"),
    (json.dumps(GOOD | {"outputs": []}), "no attribute 'items'"),
    (json.dumps(GOOD | {"outputs": {"a": []}}), "list indices"),
    (json.dumps(GOOD | {"outputs": {"a": {"inputs": {}}}}), "'files'"),
    (json.dumps(GOOD | {"outputs": {"a": {"files": {}, "inputs": 5}}}), "no attribute 'items'"),
    (json.dumps(GOOD | {"tree": {"sources": "s"}}), "'editions'"),
    (json.dumps(GOOD | {"tree": TREE_DATA | {"formats": 5}}), "not iterable"),
    (json.dumps(GOOD | {"tree": TREE_DATA | {"warnings": [{}]}}), "'path'"),
    (json.dumps(GOOD | {"tree": TREE_DATA | {"warnings": [5]}}), "has no attribute 'get'"),
]


@pytest.mark.parametrize(("text", "why"), DAMAGED)
def test_a_damaged_manifest_is_unreadable_never_a_crash(
    tmp_path: Path, text: str, why: str
) -> None:
    (tmp_path / MANIFEST_NAME).write_text(text, encoding="utf-8")
    read = read_manifest(tmp_path)
    assert read.entries == {} and read.tree is None and read.existed
    assert read.problem is not None
    assert read.problem.startswith(f"{MANIFEST_NAME} unreadable (")
    assert why in read.problem


def test_a_folder_in_place_of_the_manifest_is_no_manifest(tmp_path: Path) -> None:
    (tmp_path / MANIFEST_NAME).mkdir()
    assert read_manifest(tmp_path) == Manifest()


def test_a_tree_that_is_not_an_object_makes_the_manifest_unreadable(tmp_path: Path) -> None:
    (tmp_path / MANIFEST_NAME).write_text(json.dumps(GOOD | {"tree": 5}), encoding="utf-8")
    read = read_manifest(tmp_path)
    assert read.problem == "manifest.json unreadable (its 'tree' is not a table)"
    assert read.entries == {} and read.existed


def test_a_manifest_without_a_tree_has_no_quick_check(tmp_path: Path) -> None:
    # Recorded by a build of some briefings only: every input is compared, item by item.
    (tmp_path / MANIFEST_NAME).write_text(json.dumps(GOOD | {"tree": None}), encoding="utf-8")
    read = read_manifest(tmp_path)
    assert read.problem is None and read.tree is None
    assert read.entries == {"a": Entry({"x": "1"}, {"pdf": "a.pdf"})}
