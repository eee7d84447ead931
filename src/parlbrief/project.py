"""Where a project's files live."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from parlbrief.errors import UsageError

#: Templates, CSS and the default brand that ship with parlbrief.
BUILTIN_TEMPLATES = Path(__file__).parent / "templates"
#: Files on the template path that Jinja compiles (CSS and SVG are read as text).
TEMPLATE_SUFFIXES = (".j2", ".html")
#: The build's record, in the output folder, of what each output was made from.
MANIFEST_NAME = "manifest.json"


@dataclass(frozen=True)
class Project:
    """A parlbrief project: a folder with sources/, briefings/ and (optionally) templates/."""

    root: Path
    out: Path

    @classmethod
    def at(cls, root: Path | str = ".", out: Path | str | None = None) -> Project:
        path = Path(root).resolve()
        if not (path / "briefings").is_dir():
            raise UsageError(
                f"{path} is not a parlbrief project: it has no briefings/ folder "
                "(use --project to point at one)"
            )
        out_path = Path(out).resolve() if out is not None else path / "build"
        return cls(path, out_path)

    @property
    def sources(self) -> Path:
        return self.root / "sources"

    @property
    def briefings(self) -> Path:
        return self.root / "briefings"

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def data(self) -> Path:
        return self.sources / "data"

    @property
    def template_dirs(self) -> list[Path]:
        """The project's own templates first, so they override the built-in ones."""
        return [p for p in (self.templates, BUILTIN_TEMPLATES) if p.is_dir()]

    def own_stylesheets(self) -> list[Path]:
        """The project's own CSS files (its look, its brands'), in path order."""
        return [
            path
            for folder in self.template_dirs
            if folder != BUILTIN_TEMPLATES
            for path in sorted(folder.rglob("*.css"))
            if path.is_file()
        ]

    def own_templates(self) -> list[tuple[Path, Path]]:
        """The project's own Jinja templates, as (folder, file) pairs in path order.

        The built-in ones are not listed: they are part of parlbrief, and its own tests
        compile and render every one of them.
        """
        return [
            (folder, path)
            for folder in self.template_dirs
            if folder != BUILTIN_TEMPLATES
            for path in sorted(folder.rglob("*"))
            if path.name.endswith(TEMPLATE_SUFFIXES) and path.is_file()
        ]

    def relative(self, path: Path) -> str:
        """A path as the user sees it: relative to the project, with forward slashes."""
        return shown_path(path, self.root)


def shown_path(path: Path, root: Path) -> str:
    """`path` relative to `root` with forward slashes; a path outside it in full."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
