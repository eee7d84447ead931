"""Native libraries are reached through maintained bindings, never bound by hand.

A hand-typed ctypes signature is checked by nothing: a library that changes a type
crashes the process, and the system's copy differs between machines (HarfBuzz 6 on one,
8 on another, so the same page came out as different bytes). uharfbuzz and WeasyPrint
carry their own bindings, checked against the library they were built for. Read with
`ast`, so nothing is imported to check it.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "parlbrief"
HAND_BINDINGS = {"ctypes", "cffi", "_ctypes"}


def imported(path: Path) -> list[tuple[int, str]]:
    """(line, module) for every import in `path`, at the top or inside a function."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Call) and getattr(node.func, "id", "") == "__import__":
            named = [a.value for a in node.args[:1] if isinstance(a, ast.Constant)]
            found += [(node.lineno, str(name)) for name in named]
    return found


def test_no_module_binds_a_native_library_by_hand() -> None:
    found = [
        f"{path.relative_to(PACKAGE.parent)}:{line}: imports {name}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for line, name in imported(path)
        if name.partition(".")[0] in HAND_BINDINGS
    ]
    assert found == [], "use a maintained binding (uharfbuzz, WeasyPrint) instead:\n" + (
        "\n".join(found)
    )


def test_the_check_sees_an_import_of_ctypes(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text(
        "def f():\n    import ctypes.util\n\nfrom ctypes import CDLL\n__import__('ctypes')\n",
        encoding="utf-8",
    )
    assert sorted(imported(module)) == [(2, "ctypes.util"), (4, "ctypes"), (5, "ctypes")]
