"""Starting a project (`parlbrief init`) and adding to one (`parlbrief new`).

The files written are parlbrief's own samples under starter/ (project/ for a new
project, new/ for one item), filled in by plain `string.Template` substitution: each
is sample content that builds and checks clean, with every field explained in
comments. Nothing that exists is ever overwritten: a file in the way is a UsageError
naming it, and then nothing at all is written.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from string import Template
from xml.sax.saxutils import escape as xml_escape

from parlbrief.errors import UsageError
from parlbrief.model import ID_PATTERN
from parlbrief.project import BUILTIN_TEMPLATES

STARTER = Path(__file__).parent / "starter"
#: What `parlbrief new` makes: the sample, and where its file goes (`{id}` is the id).
KINDS = {
    "reference": ("reference.yaml", "sources/references/{id}.yaml"),
    "statistic": ("statistic.yaml", "sources/statistics/{id}.yaml"),
    "argument": ("argument.md", "sources/arguments/{id}.md"),
    "question": ("question.yaml", "sources/questions/{id}.yaml"),
    "briefing": ("briefing.yaml", "briefings/{id}.yaml"),
}
#: A placeholder folder name in starter/project/, replaced by the brand's id.
_BRAND_DIR = "__brand__"
#: Names that cannot be package data as they are (hidden files), and what they become.
_RENAMED = {"gitignore": ".gitignore"}
_MAX_NAME = 100
#: The longest id `new` gives a file: ids name files, and a file's name has a limit
#: (255 bytes on most systems) that a long id would pass with a raw OSError.
MAX_ID = 80


@dataclass(frozen=True)
class Written:
    """What `init` or `new` wrote: the project's folder and each file, in order."""

    root: Path
    files: tuple[Path, ...]


def init_project(root: Path, organisation: str, today: date) -> Written:
    """A new project at `root` for `organisation` that checks clean and builds at once."""
    name = _organisation(organisation)
    brand = _slug(name)
    values = {
        "organisation": name,
        "organisation_yaml": json.dumps(name, ensure_ascii=False),
        "organisation_xml": xml_escape(name),
        "initials": xml_escape(_initials(name)),
        "brand": brand,
        "today": today.isoformat(),
    }
    if root.exists() and not root.is_dir():
        raise UsageError(f"{root} is a file, not a folder - give a new folder's name")
    plan = {
        root / _target(sample.relative_to(STARTER / "project"), brand): sample
        for sample in sorted((STARTER / "project").rglob("*"))
        if sample.is_file()
    }
    return Written(root, _write_all(root, plan, values))


def new_item(
    root: Path, kind: str, item_id: str, today: date, template: str | None = None
) -> Written:
    """One new reference, statistic, argument, question or briefing in the project;
    a briefing of the kind of document `template` (parlbrief.document_kinds) when given."""
    if kind not in KINDS:
        raise UsageError(f"'{kind}' is not something `new` makes - give one of {', '.join(KINDS)}")
    if template is not None and kind != "briefing":
        raise UsageError(
            "--template is for a briefing: `parlbrief new briefing ID --template KIND`"
        )
    if len(item_id) > MAX_ID:
        raise UsageError(
            f"the id is {len(item_id):,} characters long, over the limit of {MAX_ID} - "
            "give a shorter one, such as staff-in-post-2024"
        )
    if not re.fullmatch(ID_PATTERN, item_id):
        raise UsageError(
            f"{item_id!r} is not an id - use lower-case letters, digits and hyphens, "
            "such as staff-in-post-2024"
        )
    if not (root / "sources").is_dir() and not (root / "briefings").is_dir():
        raise UsageError(
            f"{root} is not a parlbrief project (it has no sources/ or briefings/ folder) - "
            "run `parlbrief init` first, or give the project with --project"
        )
    sample, target = KINDS[kind]
    values = {
        "id": item_id,
        "today": today.isoformat(),
        "brand": _only_brand(root),
        "source": _first_reference(root),
        "template": template or "briefing",
    }
    plan = {root / target.format(id=item_id): _sample(root, sample, template)}
    return Written(root, _write_all(root, plan, values))


def _sample(root: Path, sample: str, template: str | None) -> Path:
    """The starter file: the kind's own briefing sample (briefing-<kind>.yaml), or the
    plain briefing's with a `template:` line for a kind of the project's own."""
    from parlbrief.document_kinds import known_kinds

    if template is None or template == "briefing":
        return STARTER / "new" / sample
    known = known_kinds([root / "templates", BUILTIN_TEMPLATES])
    if template not in known:
        raise UsageError(
            f"there is no kind of document called '{template}' (known: {', '.join(known)}) "
            f"- give one of these, or add templates/{template}.html.j2"
        )
    own = STARTER / "new" / f"briefing-{template}.yaml"
    return own if own.is_file() else STARTER / "new" / "briefing-own-kind.yaml"


def _write_all(root: Path, plan: dict[Path, Path], values: dict[str, str]) -> tuple[Path, ...]:
    """Write every planned file, or none when any of them exists already or would be
    written through a link to a folder outside the project."""
    for target in plan:
        if target.exists() or target.is_symlink():
            raise UsageError(f"{target} already exists - parlbrief never writes over a file")
        _refuse_outside(root, target)
    for target, sample in plan.items():
        text = Template(sample.read_text(encoding="utf-8")).substitute(values)
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("x", encoding="utf-8") as handle:  # "x": never over a file
            handle.write(text)
    return tuple(plan)


def _refuse_outside(root: Path, target: Path) -> None:
    """A folder on the way to `target` that is a link leading out of the project would
    have `new` write a file somewhere else on the machine (`check` refuses such links)."""
    inside = root.resolve()
    folder = target.parent
    while folder != root and folder.is_relative_to(root):
        if folder.is_symlink() and not folder.resolve().is_relative_to(inside):
            raise UsageError(
                f"{folder} is a link to a folder outside the project, so nothing was written "
                "- replace the link with a folder of the project's own"
            )
        folder = folder.parent


def _target(relative: Path, brand: str) -> Path:
    parts = [brand if part == _BRAND_DIR else _RENAMED.get(part, part) for part in relative.parts]
    return Path(*parts)


def _organisation(name: str) -> str:
    name = " ".join(name.split())
    if not name or len(name) > _MAX_NAME or not any(c.isalnum() for c in name):
        raise UsageError(
            f"--organisation takes your organisation's name, up to {_MAX_NAME} characters, "
            'such as --organisation "Test Union"'
        )
    if any(ord(c) < 32 or 127 <= ord(c) < 160 for c in name):
        raise UsageError("--organisation: the name has control characters - type it again")
    return name


def _slug(name: str) -> str:
    """'Test Union' -> 'test-union': the brand's folder and id."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug[:40].strip("-") or "brand"


def _initials(name: str) -> str:
    """'Test Union' -> 'TU', for the placeholder logo (at most three letters)."""
    words = [w for w in re.split(r"[^\w]+", name) if w and w[0].isalnum()]
    capitals = [w[0].upper() for w in words if w[0].isupper() or len(words) == 1]
    return "".join(capitals or [w[0].upper() for w in words])[:3] or "?"


def _only_brand(root: Path) -> str:
    """The project's brand when it has exactly one, else parlbrief's own ('default')."""
    folders = sorted(p.parent.name for p in (root / "templates" / "brands").glob("*/brand.yaml"))
    return folders[0] if len(folders) == 1 else "default"


def _first_reference(root: Path) -> str:
    """The id of the first reference in sources/references/, for a new statistic."""
    # [ \t], not \s: a run of blank lines is read once, not once per line.
    pattern = re.compile(r"^[ \t]*-[ \t]+id:[ \t]*([a-z0-9-]+)[ \t]*(?:#.*)?$", re.MULTILINE)
    for path in sorted((root / "sources" / "references").glob("*.y*ml")):
        match = pattern.search(path.read_text(encoding="utf-8", errors="replace"))
        if match:
            return match.group(1)
    return "reference-id"
