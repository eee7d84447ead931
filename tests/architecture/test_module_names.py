"""No two modules of the package share a file name.

Three modules were once called kinds.py (document kinds, their template fields and
reference kinds): a reader opened the wrong one, and a traceback or a search by file
name could not tell them apart. Packages' __init__.py files are the exception. A
command's module says so in its name (cli/check_command.py runs check.py).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "parlbrief"


def shared_names(paths: Iterable[Path]) -> dict[str, list[str]]:
    """Each file name (not __init__.py) that more than one of `paths` has, with them."""
    by_name: defaultdict[str, list[str]] = defaultdict(list)
    for path in paths:
        if path.name != "__init__.py":
            by_name[path.name].append(path.as_posix())
    return {name: sorted(found) for name, found in by_name.items() if len(found) > 1}


def test_no_two_modules_share_a_file_name() -> None:
    modules = [p.relative_to(PACKAGE) for p in PACKAGE.rglob("*.py")]
    shared = shared_names(modules)
    assert shared == {}, "give each module a name of its own (see the module's docstring)"


def test_the_check_finds_a_shared_name_and_ignores_init() -> None:
    paths = [Path(p) for p in ("kinds.py", "render/kinds.py", "a/__init__.py", "__init__.py")]
    assert shared_names(paths) == {"kinds.py": ["kinds.py", "render/kinds.py"]}
