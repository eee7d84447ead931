"""Stage 1: read every file of the project into typed, located items.

Problems are collected, not raised one by one: `load_project` returns a Corpus and the
Problems it found so that `check` can show them all at once.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, get_args

from pydantic import BaseModel, ValidationError

from parlbrief.errors import ContentError, Origin, Problems
from parlbrief.load.csl_references import read_csl_references
from parlbrief.load.data import DataTable, load_data_tables
from parlbrief.load.documents import StoredCopy, load_copies
from parlbrief.load.files import list_files, read_text, split_front_matter
from parlbrief.load.joins import join_tables
from parlbrief.load.reproduced import check_reproductions
from parlbrief.load.yamlfile import YamlDoc, parse_yaml
from parlbrief.model import (
    Argument,
    Brand,
    Briefing,
    Question,
    Reference,
    Settings,
    Statistic,
)
from parlbrief.project import BUILTIN_TEMPLATES, Project

M = TypeVar("M", bound=BaseModel)


@dataclass
class Corpus:
    """Everything the project holds, by id."""

    settings: Settings = field(default_factory=Settings)
    references: dict[str, Reference] = field(default_factory=dict)
    statistics: dict[str, Statistic] = field(default_factory=dict)
    arguments: dict[str, Argument] = field(default_factory=dict)
    questions: dict[str, Question] = field(default_factory=dict)
    briefings: dict[str, Briefing] = field(default_factory=dict)
    brands: dict[str, Brand] = field(default_factory=dict)
    brand_dirs: dict[str, Path] = field(default_factory=dict)
    data: dict[str, DataTable] = field(default_factory=dict)
    """CSV tables under sources/data/, by file name relative to that folder."""
    copies: dict[str, StoredCopy] = field(default_factory=dict)
    """Stored copies of references under sources/documents/, by reference id."""
    assets: Path | None = None
    """sources/assets/: the only folder images in prose may come from."""
    root: Path | None = None
    """The project's folder (a project's own citation style is a file in it)."""
    broken: set[str] = field(default_factory=set)
    """Ids of items that failed validation (their errors are already reported)."""
    broken_brands: set[str] = field(default_factory=set)
    """Brands whose brand.yaml failed to load (its errors are already reported)."""
    unreadable: set[str] = field(default_factory=set)
    """Kinds ('questions', 'arguments'...) with a file that could not be read at all, so
    that an id missing from them may well be in it (its own error says why)."""

    def missing(self, table: Mapping[str, object], wanted: str) -> str | None:
        """How to report an id absent from `table`: None when its own entry (or a file
        of its kind) failed to load, already reported; else a hint naming the closest
        id, if any."""
        if wanted in self.broken or any(table is getattr(self, k) for k in self.unreadable):
            return None
        close = difflib.get_close_matches(wanted, list(table), n=1, cutoff=0.75)
        return f" (did you mean '{close[0]}'?)" if close else ""

    def all_ids(self) -> Iterator[tuple[str, Origin]]:
        for table in (self.references, self.statistics, self.arguments, self.questions):
            for item in table.values():
                yield item.id, item.origin


def load_project(project: Project) -> tuple[Corpus, Problems]:
    """Read settings, sources, briefings and brands; collect every problem."""
    corpus, problems = Corpus(assets=project.sources / "assets", root=project.root), Problems()
    refuse_outside_links(project, problems)
    loader = _ProjectReader(project, corpus, problems)
    loader.settings()
    loader.lists("references", Reference, corpus.references)
    read_csl_references(project.sources / "references", project.root, corpus.references, problems)
    # With a references file unreadable, a reference named may well be in it.
    complete = "references" not in corpus.unreadable
    check_reproductions(corpus.references, problems, corpus.broken, complete=complete)
    loader.lists("statistics", Statistic, corpus.statistics)
    loader.lists("questions", Question, corpus.questions)
    loader.arguments()
    loader.briefings()
    loader.brands()
    corpus.data = load_data_tables(project.root, project.data, problems)
    join_tables(corpus.briefings, corpus.data, problems)
    documents = project.sources / "documents"
    corpus.copies = load_copies(
        project.root, documents, corpus.references, problems, corpus.broken, complete=complete
    )
    return corpus, problems


def format_validation_error(
    exc: ValidationError, doc: YamlDoc, base: tuple[Any, ...], model: type[BaseModel] | None = None
) -> Iterator[tuple[Origin, str]]:
    """Turn pydantic's errors into (origin, sentence) pairs a press officer can act on.

    With the `model` that refused the item, a misspelt field gets "did you mean ...?".
    """
    known = field_names(model) if model is not None else frozenset()
    for error in exc.errors():
        loc = tuple(part for part in error["loc"] if part != "origin")
        field_name = ".".join(str(p) for p in loc) if loc else ""
        message = _explain(error)
        if error["type"] == "extra_forbidden" and loc:
            close = difflib.get_close_matches(str(loc[-1]), sorted(known), n=1, cutoff=0.75)
            if close:
                message = f"is not a field parlbrief knows - did you mean '{close[0]}'?"
        prefix = f"{field_name}: " if field_name else ""
        yield doc.origin((*base, *loc)), prefix + message


# pydantic's messages for the values press officers most often mistype, in plain words.
_NUMBER = "should be a number written in digits, such as 1697 or 12.5 (no commas, % or £)"
_PLAIN_WORDS = {
    "decimal_parsing": _NUMBER,
    "decimal_type": _NUMBER,
    "float_parsing": _NUMBER,
    "int_parsing": "should be a whole number written in digits, such as 90",
    "date_parsing": "should be a date written as 2022-06-30",
    "date_from_datetime_parsing": "should be a real date written as 2022-06-30",
    "date_from_datetime_inexact": "should be a date written as 2022-06-30, without a time",
    "bool_parsing": "should be true or false",
}


def field_names(model: type[BaseModel]) -> frozenset[str]:
    """Every field name of `model` and of the models inside it (for "did you mean")."""
    names: set[str] = set()
    pending: list[Any] = [model]
    seen: set[Any] = set()
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        seen.add(current)
        for name, info in current.model_fields.items():
            names.add(name)
            pending.extend(_models_in(info.annotation))
    return frozenset(names - _BOOKKEEPING)


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The pydantic models named in a type (`list[Section] | None` -> [Section])."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in get_args(annotation) for m in _models_in(arg)]


#: Fields that say where an item was written, never written by hand.
_BOOKKEEPING = frozenset({"origin", "lines"})


def _explain(error: Any) -> str:
    kind = error["type"]
    if kind == "missing":
        return "this field is required - add it"
    if kind == "extra_forbidden":
        return "is not a field parlbrief knows - check the spelling"
    if kind == "string_pattern_mismatch":
        return (
            f"an id may use only lower-case letters, digits and hyphens (found {error['input']!r})"
        )
    if kind in _PLAIN_WORDS:
        return f"{_PLAIN_WORDS[kind]} (found {error['input']!r})"
    if kind == "literal_error":
        return f"{error['msg'].replace('Input should be', 'should be')} (found {error['input']!r})"
    if kind == "string_type":
        return f"should be text, written after the colon (found {_shape(error.get('input'))})"
    message = str(error["msg"])
    message = message.removeprefix("Value error, ").removeprefix("Input should be ")
    found = error.get("input")
    if isinstance(found, str) and not message.startswith(found):
        return f"{message} (found {found!r})"
    return message


def _shape(value: object) -> str:
    """What a value that should have been text is, in words."""
    if isinstance(value, list):
        return "a list: lines starting '- '"
    if isinstance(value, dict):
        return "fields: indented lines such as 'name: ...'"
    return "nothing" if value is None else repr(value)


class _ProjectReader:
    """Reads each kind of file of a project into the corpus, collecting problems."""

    def __init__(self, project: Project, corpus: Corpus, problems: Problems) -> None:
        self.project, self.corpus, self.problems = project, corpus, problems

    def read_yaml(
        self, path: Path, *, first_line: int = 1, text: str | None = None
    ) -> YamlDoc | None:
        rel = self.project.relative(path)
        try:
            content = read_text(path, rel) if text is None else text
            return parse_yaml(content, rel, first_line=first_line, problems=self.problems)
        except ContentError as exc:
            self.problems.extend(exc.problems)
            return None

    def build(
        self, model: type[M], data: Any, doc: YamlDoc, base: tuple[Any, ...] = ()
    ) -> M | None:
        origin = doc.origin(base)
        if not isinstance(data, dict):
            self.problems.error(origin, "expected fields such as 'id: ...' here")
            return None
        try:
            return model.model_validate({**data, "origin": origin, "lines": _lines(doc, base)})
        except ValidationError as exc:
            for where, message in format_validation_error(exc, doc, base, model):
                self.problems.error(where, message)
            if isinstance(data.get("id"), str):
                # Its own error is reported; "there is no statistic X" would repeat it.
                self.corpus.broken.add(data["id"])
            return None

    def add(self, table: dict[str, Any], item: Any) -> None:
        earlier = table.get(item.id)
        if earlier is not None:
            self.problems.error(
                item.origin, f"the id '{item.id}' is already used at {earlier.origin} - rename one"
            )
            return
        table[item.id] = item

    def settings(self) -> None:
        path = self.project.root / "parlbrief.yaml"
        if not path.is_file():
            return
        doc = self.read_yaml(path)
        if doc is not None and doc.data is not None:
            settings = self.build(Settings, doc.data, doc)
            if settings is not None:
                self.corpus.settings = settings

    def lists(self, folder: str, model: type[M], table: dict[str, M]) -> None:
        for path in list_files(self.project.sources / folder, self.project.root, "*.yaml", "*.yml"):
            doc = self.read_yaml(path)
            if doc is None:
                self.corpus.unreadable.add(folder)
            if doc is None or doc.data is None:
                continue
            items = doc.data if isinstance(doc.data, list) else [doc.data]
            base: Callable[[int], tuple[Any, ...]] = (
                (lambda i: (i,)) if isinstance(doc.data, list) else (lambda i: ())
            )
            for index, data in enumerate(items):
                item = self.build(model, data, doc, base(index))
                if item is not None:
                    self.add(table, item)

    def arguments(self) -> None:
        for path in list_files(self.project.sources / "arguments", self.project.root, "*.md"):
            rel = self.project.relative(path)
            try:
                parts = split_front_matter(read_text(path, rel))
            except ContentError as exc:
                self.problems.extend(exc.problems)
                self.corpus.unreadable.add("arguments")
                continue
            doc = self.read_yaml(path, first_line=parts.header_line, text=parts.header)
            if doc is None:
                self.corpus.unreadable.add("arguments")
                continue
            header = doc.data if doc.data is not None else {}
            if isinstance(header, dict):
                header = {
                    "id": path.stem,
                    **header,
                    "body": parts.body,
                    "body_line": parts.body_line,
                }
            item = self.build(Argument, header, doc)
            if item is not None:
                self.add(self.corpus.arguments, item)

    def briefings(self) -> None:
        for path in list_files(self.project.briefings, self.project.root, "*.yaml", "*.yml"):
            doc = self.read_yaml(path)
            if doc is None:
                continue
            data = doc.data
            if isinstance(data, dict):
                data = {"id": path.stem, **data}
            item = self.build(Briefing, data, doc)
            if item is not None:
                self.add(self.corpus.briefings, item)

    def brands(self) -> None:
        for templates in reversed(self.project.template_dirs):
            # The built-in templates are parlbrief's own, outside any project.
            own = templates if templates == BUILTIN_TEMPLATES else self.project.root
            for path in list_files(templates / "brands", own, "*/brand.yaml"):
                doc = self.read_yaml(path)
                if doc is None or not isinstance(doc.data, dict):
                    self.corpus.broken_brands.add(path.parent.name)
                    continue
                brand = self.build(Brand, {"id": path.parent.name, **doc.data}, doc)
                if brand is None:
                    self.corpus.broken_brands.add(path.parent.name)
                else:
                    # A project's brand of the same name replaces the built-in one.
                    self.corpus.brands[brand.id] = brand
                    self.corpus.brand_dirs[brand.id] = path.parent


def _lines(doc: YamlDoc, base: tuple[Any, ...]) -> dict[str, int]:
    """The lines of the values inside the item at `base`, keyed 'sections.2.argument'."""
    depth = len(base)
    return {
        ".".join(str(part) for part in loc[depth:]): line
        for loc, line in doc.lines.items()
        if len(loc) > depth and loc[:depth] == base
    }


def refuse_outside_links(project: Project, problems: Problems) -> None:
    """Report every symbolic link in sources/, briefings/ or templates/ leading outside.

    A link would let a fragment pull any file on the machine (a key, a password file)
    into a briefing; a file that belongs in the project should be copied into it.
    """
    root = project.root
    for folder in (project.sources, project.briefings, project.templates):
        if not folder.exists() and not folder.is_symlink():
            continue
        for path in [folder, *_walk(folder)]:
            if path.is_symlink() and not path.resolve().is_relative_to(root):
                problems.error(
                    Origin(path.relative_to(root).as_posix()),
                    "this is a link to a file or folder outside the project - "
                    "copy what you need into the project instead",
                )


def _walk(folder: Path) -> Iterator[Path]:
    """Every path under `folder`, without following links to folders."""
    if folder.is_symlink() or not folder.is_dir():
        return
    for path in sorted(folder.iterdir()):
        yield path
        yield from _walk(path)
