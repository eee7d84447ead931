"""What each output was made from, so that a build renders only what changed.

`build/manifest.json` records, for each output (a briefing or a variant), a content
hash of every input it used, one entry per input: the briefing, each argument,
question, statistic and reference it draws on (item by item, so an edit to one
statistic in a shared file touches only the briefings that use it), its brand and the
brand's files, the templates and CSS, the published edition the page shows and whether
it is marked Draft, and the versions of parlbrief and WeasyPrint. Comparing entries
tells us not only *that* an output is stale but *why* ("briefing-5: statistic
po-vacancies changed").

The manifest is a cache: a missing or damaged one means "build everything", never a
crash. It is written with the atomic writer, so a killed build leaves the old one.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.metadata
import json
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from parlbrief import __version__
from parlbrief.atomic import cannot_write, write_bytes
from parlbrief.errors import Origin, Problem
from parlbrief.pipeline.json_files import Unreadable, integer, read_json, reading
from parlbrief.project import MANIFEST_NAME
from parlbrief.resolve import ResolvedBriefing
from parlbrief.resolve.prose import figure_meta

FORMAT = 1

#: ResolvedBriefing fields made from the others (parsed prose, numbered notes): hashing
#: the fragments they come from is enough, and names the fragment that changed.
_DERIVED_FIELDS = frozenset({"summary", "sections", "questions", "notes", "panels", "parts"})

#: Input kinds that are a briefing's *content*; a change to any of them is a new edition.
#: Everything else (brand, templates, versions, options) changes how it looks only.
CONTENT_KINDS = frozenset(
    {"briefing", "argument", "question", "statistic", "reference", "settings", "variant", "data"}
)


def digest(data: bytes) -> str:
    """A short, stable content hash (sha256, 16 bytes is plenty for change detection)."""
    return hashlib.sha256(data).hexdigest()[:32]


#: Fields that change how a briefing looks, not what it says: left out of `lean` hashes.
PRESENTATION_FIELDS = frozenset({"show_changes", "draft_mark"})


def _plain(value: Any, lean: bool = False) -> Any:
    """A JSON-ready form of anything resolve may hand us, for canonical hashing.

    `lean` leaves out fields at their default value and PRESENTATION_FIELDS, so that a
    parlbrief that adds an optional field does not change what an item is said to say.
    """
    if isinstance(value, BaseModel):
        if lean:
            skip = PRESENTATION_FIELDS & set(type(value).model_fields)
            return value.model_dump(mode="json", exclude_defaults=True, exclude=set(skip))
        return value.model_dump(mode="json")
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name), lean) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(k): _plain(v, lean) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [_plain(v, lean) for v in value]
        return sorted(items, key=json.dumps) if isinstance(value, set | frozenset) else items
    if isinstance(value, Decimal | date | Path):
        return str(value)
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return repr(value)


def content_hash(items: Mapping[str, str]) -> str:
    """The hash of a briefing's content, from its items' hashes (as editions record)."""
    return digest(json.dumps(dict(sorted(items.items()))).encode("utf-8"))


def hash_value(value: Any, *, lean: bool = False) -> str:
    """The hash of a value's canonical JSON (sorted keys, no whitespace); see _plain."""
    plain = _plain(value, lean)
    text = json.dumps(plain, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return digest(text.encode("utf-8"))


def _kind_of(item: Any, field_name: str) -> str:
    """'statistic', 'reference'... the word a user knows for an item."""
    name = type(item).__name__
    if name.startswith("Resolved"):
        name = name.removeprefix("Resolved")
    return {"question_items": "question", "sources": "reference"}.get(field_name, name.lower())


def figure_values(resolved: ResolvedBriefing) -> dict[str, str]:
    """Each figure's value as printed in the briefing, by statistic id."""
    values: dict[str, str] = {}
    proses = [*resolved.body_prose(), *(q.prose for q in resolved.questions)]
    for prose in proses:
        for block in prose.tokens:
            for token in block.children or ():
                if token.type == "figure" and "display" in (meta := figure_meta(token)):
                    values[meta["id"]] = meta["display"]
    return values


def content_inputs(resolved: ResolvedBriefing, *, lean: bool = False) -> dict[str, str]:
    """One hash per item the briefing's content was made from, named 'kind id'.

    Goes through every field of ResolvedBriefing that holds source items, so inputs
    added later (data rows, derived figures) are hashed without a change here. A
    statistic's entry also covers the value as printed, which catches figures computed
    from data or formulas. `lean` hashes as editions do (see _plain).
    """
    printed = figure_values(resolved)
    inputs: dict[str, str] = {}
    for name, item in items_of(resolved):
        extra = printed.get(getattr(item, "id", ""), "") if "statistic" in name else ""
        inputs[name] = hash_value([item, extra] if extra else item, lean=lean)
    return inputs


def items_of(resolved: ResolvedBriefing) -> Iterator[tuple[str, Any]]:
    """(name, item) for each source item the briefing was made from ('statistic x')."""
    for f in dataclasses.fields(resolved):
        if f.name in _DERIVED_FIELDS or f.name == "brand":
            continue
        value = getattr(resolved, f.name)
        if value is not None:
            yield from _items(f.name, value)


def _items(field_name: str, value: Any) -> Iterator[tuple[str, Any]]:
    """(name, item) pairs for one field: one per item when items have ids."""
    if field_name == "figures" and isinstance(value, Mapping):
        # Statistics with their worked-out values, including the inputs of derived
        # ones: named as the statistic, so a reason reads "statistic x changed".
        for key in sorted(value):
            yield f"statistic {key}", value[key]
    elif field_name == "data_rows" and isinstance(value, list | tuple):
        for row in value:
            yield f"data {getattr(row, 'file', '?')}:{getattr(row, 'line', '?')}", row
    elif isinstance(value, list | tuple) and value and all(hasattr(v, "id") for v in value):
        for item in value:
            yield f"{_kind_of(item, field_name)} {item.id}", item
    elif isinstance(value, Mapping) and value:
        for key in sorted(value, key=str):
            yield f"{field_name.removesuffix('s')} {key}", value[key]
    elif isinstance(value, list | tuple) and not value:
        return
    elif isinstance(value, BaseModel) and getattr(value, "id", None) is not None:
        yield f"{_kind_of(value, field_name)} {getattr(value, 'id', '')}", value
    else:
        yield field_name.replace("_", " "), value


def files_inputs(prefix: str, folder: Path, *, skip: Iterable[str] = ()) -> dict[str, str]:
    """One hash per file under `folder`, named '<prefix> <relative path>'."""
    skipped = tuple(skip)
    inputs: dict[str, str] = {}
    if not folder.is_dir():
        return inputs
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if not path.is_file() or rel.startswith(skipped) or "__pycache__" in rel:
            continue
        inputs[f"{prefix} {rel}"] = digest(path.read_bytes())
    return inputs


def template_inputs(template_dirs: Iterable[Path]) -> dict[str, str]:
    """Templates and CSS on the search path; a project's file shadows the built-in one.

    Brands are hashed per briefing (only the brand it uses), so brands/ is left out.
    """
    found: dict[str, str] = {}
    for folder in template_dirs:
        for name, value in files_inputs("template", folder, skip=("brands/",)).items():
            found.setdefault(name, value)
    return found


def versions() -> dict[str, str]:
    """parlbrief's, WeasyPrint's and matplotlib's versions (a new matplotlib draws
    charts differently), read without importing either."""
    found = {"version parlbrief": __version__}
    for name in ("weasyprint", "matplotlib"):
        try:
            found[f"version {name}"] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:  # pragma: no cover - a broken install
            found[f"version {name}"] = "unknown"
    return found


@dataclass
class Entry:
    """What the manifest knows about one output: its inputs and the files made."""

    inputs: dict[str, str]
    files: dict[str, str] = field(default_factory=dict)
    """Format -> file path relative to the output folder."""


@dataclass(frozen=True)
class Tree:
    """A quick fingerprint of every file a build reads, to skip even reading them.

    Parsing a large project takes longer than a whole no-op build should, so a build
    that changed nothing records the size, times and inode of each file it read. If the
    next build finds them all the same, on the same day (staleness warnings depend on
    the date), with the same versions, nothing can have changed and nothing is read.
    Any difference falls back to the full, item-by-item comparison, so this can only
    make a build slower, never wrong. The change time (ctime) cannot be set back by
    tools that preserve modification times, so a rewritten file always shows.
    """

    sources: str
    """Fingerprint of sources/, briefings/, parlbrief.yaml, templates, versions, day."""
    editions: str
    """Fingerprint of editions/ (which publish writes, so it is compared separately)."""
    formats: tuple[str, ...] = ()
    """Formats that every output had, up to date, when this was recorded."""
    warnings: tuple[Problem, ...] = ()
    """The warnings the project had then, to show again."""

    def same_files(self, other: Tree) -> bool:
        return (self.sources, self.editions) == (other.sources, other.editions)


def _fingerprint(paths: Iterable[Path], extra: str = "") -> str:
    """A hash of each file's path, size, times and inode under `paths`, in order."""
    h = hashlib.sha256(extra.encode("utf-8"))
    for base in paths:
        files = [base] if base.is_file() else []
        if base.is_dir():
            for folder, dirs, names in os.walk(base):
                dirs[:] = sorted(d for d in dirs if d != "__pycache__")
                files += [Path(folder, n) for n in sorted(names)]
        for path in files:
            st = path.stat()
            h.update(
                f"{path}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ctime_ns}\0{st.st_ino}\n".encode()
            )
    return h.hexdigest()[:32]


def tree_now(root: Path, template_dirs: Iterable[Path], day: date) -> Tree:
    """The current fingerprint of a project's files (see Tree)."""
    reads = [root / "sources", root / "briefings", root / "parlbrief.yaml", *template_dirs]
    stamp = json.dumps([versions(), day.isoformat(), FORMAT])
    return Tree(_fingerprint(reads, stamp), _fingerprint([root / "editions"]))


@dataclass
class Manifest:
    """The manifest as read; `problem` says why it could not be used, if so."""

    entries: dict[str, Entry] = field(default_factory=dict)
    problem: str | None = None
    existed: bool = False
    tree: Tree | None = None


def manifest_path(out: Path) -> Path:
    return out / MANIFEST_NAME


def read_manifest(out: Path) -> Manifest:
    """The manifest in `out`, or an empty one saying why (never raises)."""
    path = manifest_path(out)
    if not path.is_file():
        return Manifest()
    try:
        data = read_json(path)
        with reading():
            if data.get("format") != FORMAT:
                raise Unreadable("made by another version of parlbrief")
            entries = {
                str(key): Entry(
                    inputs={str(k): str(v) for k, v in value["inputs"].items()},
                    files={str(k): str(v) for k, v in value["files"].items()},
                )
                for key, value in data["outputs"].items()
            }
            tree = _read_tree(data.get("tree"))
    except OSError as exc:
        return Manifest(problem=f"{path.name} unreadable ({exc.strerror or exc})", existed=True)
    except Unreadable as exc:
        return Manifest(problem=f"{path.name} unreadable ({exc.why})", existed=True)
    return Manifest(entries, existed=True, tree=tree)


def _read_tree(data: Any) -> Tree | None:
    if data is None:
        return None  # recorded by a build that was not complete
    if not isinstance(data, dict):
        raise Unreadable("its 'tree' is not a table")
    return Tree(
        sources=str(data["sources"]),
        editions=str(data["editions"]),
        formats=tuple(str(f) for f in data["formats"]),
        warnings=tuple(_warning(w) for w in data["warnings"]),
    )


def _warning(data: Mapping[str, Any]) -> Problem:
    """A warning the last build had, to show again (its place checked: it is sorted)."""
    line, column = data.get("line"), data.get("column")
    where = Origin(
        str(data["path"]),
        None if line is None else integer(line, "line", 0, 10**9),
        None if column is None else integer(column, "column", 0, 10**9),
    )
    return Problem(where, str(data["message"]), "warning")


def write_manifest(out: Path, entries: Mapping[str, Entry], tree: Tree | None = None) -> None:
    """Write the manifest atomically, keys and inputs sorted so diffs read well."""
    data: dict[str, Any] = {
        "format": FORMAT,
        "about": "What each output in this folder was made from; parlbrief build "
        "rebuilds an output when any of these hashes changes. Safe to delete.",
        "tree": None
        if tree is None
        else {
            "sources": tree.sources,
            "editions": tree.editions,
            "formats": sorted(tree.formats),
            "warnings": [w.as_dict() for w in tree.warnings],
        },
        "outputs": {
            key: {"files": dict(sorted(e.files.items())), "inputs": dict(sorted(e.inputs.items()))}
            for key, e in sorted(entries.items())
        },
    }
    text = json.dumps(data, indent=1, ensure_ascii=False) + "\n"
    path = manifest_path(out)
    try:
        write_bytes(path, text.encode("utf-8"))
    except OSError as exc:
        raise cannot_write(path, exc) from None


def changed_items(old: Mapping[str, str], new: Mapping[str, str]) -> list[str]:
    """Each input whose hash differs, in words: 'statistic po-vacancies changed'."""
    said = []
    for name in sorted(set(old) | set(new)):
        if old.get(name) != new.get(name):
            verb = "added" if name not in old else "removed" if name not in new else "changed"
            said.append(f"{name} {verb}")
    return said


def reasons(key: str, old: Entry | None, new: Mapping[str, str]) -> list[str]:
    """Why `key` must be rebuilt, in words; empty when it is up to date."""
    if old is None:
        return [f"{key}: not built before"]
    said = changed_items(old.inputs, new)
    # The edition shown and the Draft mark follow from a content change (or a publish);
    # name the change, not its echo.
    echoes = {"edition changed", "draft mark changed"}
    if any(s not in echoes for s in said):
        said = [s for s in said if s not in echoes]
    return [f"{key}: {s}" for s in said]
