"""No module uses another module's private names.

A leading underscore says "only this module relies on it": it may change or go without
notice. So no module of the package may import another module's private name, call or
read one (`pool._stop(...)`, `Pool._stop(self, ...)`, `super()._start()`, a private
method a class inherits from another module's class), or override one in a subclass. A
module's own private names are its business, and dunder names (`__init__`) are public.

Read with `ast`. A class's bases are followed through the package by `ast`; a base from
outside the package (the standard library, typer, WeasyPrint) is imported to see what
it defines, since its source may not be Python.
"""

from __future__ import annotations

import ast
import importlib
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.architecture.test_imports import PACKAGE, module_name

#: Underscored names that are public by the standard library's own documentation
#: (named tuples' methods).
DOCUMENTED_PUBLIC = frozenset({"_replace", "_asdict", "_fields", "_make", "_field_defaults"})
#: Other projects' underscored names used on purpose: (the module it is read from, or ""
#: for an attribute of an object of theirs, the name) -> why. Each is a debt to pay
#: when the project gives a public way; remove the entry with the last use.
ALLOWED = {
    ("lxml.etree", "_Element"): "lxml's element class, in its API reference; no public alias",
    ("lxml.etree", "_Entity"): "lxml's entity node class, in its API reference",
    ("lxml.etree", "_ProcessingInstruction"): "lxml's PI node class, in its API reference",
    ("", "_page_box"): "WeasyPrint's laid-out page boxes, read only by write/layout.py's "
    "page_box: its public Page has no layout, so pyproject.toml holds WeasyPrint to 70.x and "
    "tests/architecture/test_weasyprint_layout.py checks the installed version has them",
}


def is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


@dataclass
class ClassInfo:
    """A class as written: its bases (as dotted names) and the names its body defines."""

    module: str
    name: str
    bases: list[str]
    defines: set[str] = field(default_factory=set)


@dataclass
class Module:
    """One module's source: where names come from and what it defines itself."""

    name: str
    tree: ast.Module
    imported: dict[str, str] = field(default_factory=dict)
    """Local name -> the dotted name it was imported as."""
    defines: set[str] = field(default_factory=set)
    """Every name this module defines anywhere: functions, classes, variables,
    attributes it assigns (`self._x = ...`), parameters."""
    classes: dict[str, ClassInfo] = field(default_factory=dict)


def read_module(name: str, source: str) -> Module:
    tree = ast.parse(source)
    module = Module(name, tree)
    package = name if name.endswith("__init__") else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                local = alias.asname or alias.name.split(".")[0]
                module.imported[local] = alias.name if alias.asname else local
        elif isinstance(node, ast.ImportFrom):
            source_module = _absolute(node, package)
            for alias in node.names:
                module.imported[alias.asname or alias.name] = f"{source_module}.{alias.name}"
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            module.defines.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            module.defines.add(node.id)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            module.defines.add(node.attr)
        elif isinstance(node, ast.arg):
            module.defines.add(node.arg)
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            module.classes[node.name] = _class_info(name, node)
    return module


def _absolute(node: ast.ImportFrom, package: str) -> str:
    if node.level == 0:
        return node.module or ""
    parts = package.split(".")
    base = ".".join(parts[: len(parts) - node.level + 1])
    return f"{base}.{node.module}" if node.module else base


def _class_info(module: str, node: ast.ClassDef) -> ClassInfo:
    info = ClassInfo(module, node.name, [ast.unparse(b) for b in node.bases])
    for item in node.body:
        if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            info.defines.add(item.name)
        elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
            info.defines.add(item.target.id)
        elif isinstance(item, ast.Assign):
            info.defines |= {t.id for t in item.targets if isinstance(t, ast.Name)}
    for sub in ast.walk(node):
        if (
            isinstance(sub, ast.Attribute)
            and isinstance(sub.ctx, ast.Store)
            and isinstance(sub.value, ast.Name)
            and sub.value.id == "self"
        ):
            info.defines.add(sub.attr)
    return info


class Package:
    """Every module of the package, read once, and what their classes inherit."""

    def __init__(self, modules: dict[str, Module]) -> None:
        self.modules = modules

    def dotted(self, module: Module, written: str) -> str:
        """`written` (a base as written: `Pool`, `pool.Pool`) as a full dotted name."""
        head, _, rest = written.partition(".")
        if head in module.classes and not rest:
            return f"{module.name}.{head}"
        start = module.imported.get(head, f"{module.name}.{head}" if not rest else head)
        return f"{start}.{rest}" if rest else start

    def inherited(self, module: Module, info: ClassInfo, name: str) -> str | None:
        """The other module whose class `info` inherits `name` from, if any."""
        for base in info.bases:
            full = self.dotted(module, base)
            owner, _, cls = full.rpartition(".")
            if owner in self.modules and cls in self.modules[owner].classes:
                base_info = self.modules[owner].classes[cls]
                if name in base_info.defines and owner != module.name:
                    return owner
                found = self.inherited(self.modules[owner], base_info, name)
                if found is not None:
                    return found
            elif not owner.startswith("parlbrief") and name in dir(_outside_class(owner, cls)):
                return owner
        return None


def _outside_class(owner: str, name: str) -> object:
    try:
        return getattr(importlib.import_module(owner), name)
    except (ImportError, AttributeError):
        return object


def violations(package: Package, module: Module) -> list[str]:
    """Each use in `module` of another module's private name, as 'module:line: what'."""
    found: list[str] = []

    def say(node: ast.AST, what: str) -> None:
        found.append(f"{module.name}:{getattr(node, 'lineno', 0)}: {what}")

    for node in ast.walk(module.tree):
        if isinstance(node, ast.ImportFrom):
            for alias in node.names:
                if is_private(alias.name):
                    say(node, f"imports the private {alias.name} from {node.module}")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if any(is_private(part) for part in alias.name.split(".")):
                    say(node, f"imports the private module {alias.name}")
        elif isinstance(node, ast.ClassDef):
            info = module.classes[node.name]
            for name in sorted(n for n in info.defines if is_private(n)):
                owner = package.inherited(module, info, name)
                if owner is not None:
                    say(node, f"{node.name} overrides {owner}'s private {name}")
    for node, cls in _attributes(module.tree):
        found.extend(_attribute_use(package, module, node, cls))
    for call, name in _by_name(module.tree):
        if name not in module.defines and ("", name) not in ALLOWED:
            say(call, f"uses the private {name} by name ({ast.unparse(call.func)})")
    return found


def _by_name(tree: ast.Module) -> list[tuple[ast.Call, str]]:
    """Each `getattr(x, "_name")` (hasattr, setattr, delattr): a private read by name."""
    calls = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("getattr", "hasattr", "setattr", "delattr")
            and len(node.args) > 1
            and isinstance(node.args[1], ast.Constant)
            and isinstance(node.args[1].value, str)
            and is_private(node.args[1].value)
        ):
            calls.append((node, node.args[1].value))
    return calls


def _attributes(tree: ast.Module) -> list[tuple[ast.Attribute, ast.ClassDef | None]]:
    """Every private attribute read or call, with the class it is written in (if any)."""
    out: list[tuple[ast.Attribute, ast.ClassDef | None]] = []

    def visit(node: ast.AST, cls: ast.ClassDef | None) -> None:
        for child in ast.iter_child_nodes(node):
            inner = child if isinstance(child, ast.ClassDef) else cls
            if isinstance(child, ast.Attribute) and is_private(child.attr):
                out.append((child, cls))
            visit(child, inner)

    visit(tree, None)
    return out


def _attribute_use(
    package: Package, module: Module, node: ast.Attribute, cls: ast.ClassDef | None
) -> list[str]:
    name = node.attr
    if name in DOCUMENTED_PUBLIC:
        return []
    where = f"{module.name}:{node.lineno}"
    value = node.value
    on_self = isinstance(value, ast.Name) and value.id in ("self", "cls")
    via_super = (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Name)
        and value.func.id == "super"
    )
    if (on_self or via_super) and cls is not None:
        info = module.classes[cls.name]
        if via_super or name not in info.defines:
            owner = package.inherited(module, info, name)
            if owner is not None:
                return [f"{where}: uses {owner}'s private {name} (inherited by {cls.name})"]
        return []
    if name in module.defines:
        return []  # this module's own private name
    owner = module.imported.get(value.id, "") if isinstance(value, ast.Name) else ""
    if (owner, name) in ALLOWED or ("", name) in ALLOWED:
        return []
    return [f"{where}: uses the private {ast.unparse(node)} of another module"]


def read_package(root: Path = PACKAGE) -> Package:
    modules = {}
    for path in sorted(root.rglob("*.py")):
        name = module_name(path)
        modules[name] = read_module(name, path.read_text(encoding="utf-8"))
    return Package(modules)


def test_no_module_uses_another_modules_private_names() -> None:
    package = read_package()
    found = [v for m in package.modules.values() for v in violations(package, m)]
    assert found == []


def _check(sources: dict[str, str]) -> list[str]:
    modules = {name: read_module(name, source) for name, source in sources.items()}
    package = Package(modules)
    return [v for m in modules.values() for v in violations(package, m)]


POOL = """
class Pool:
    def _start(self): ...
    def _stop(self, slot): ...
    def run(self): self._start()
class _Slot: ...
def _helper(): ...
"""


@pytest.mark.parametrize(
    "user, expected",
    [
        ("from parlbrief.pool import _Slot", "imports the private _Slot"),
        ("import parlbrief.pool as p\np._helper()", "uses the private p._helper"),
        (
            "from parlbrief.pool import Pool\nclass Warm(Pool):\n    def _start(self): ...",
            "Warm overrides parlbrief.pool's private _start",
        ),
        (
            "from parlbrief.pool import Pool\nclass Warm(Pool):\n    def go(self): self._stop(1)",
            "uses parlbrief.pool's private _stop (inherited by Warm)",
        ),
        (
            "from parlbrief.pool import Pool\nclass Warm(Pool):\n"
            "    def go(self): super()._start()",
            "uses parlbrief.pool's private _start",
        ),
        ("from parlbrief.pool import Pool\ndef f(p): Pool._stop(p, 1)", "uses the private Pool"),
        ("def f(p): return getattr(p, '_start', None)", "uses the private _start by name"),
        (
            "import threading\nclass T(threading.Thread):\n    def _bootstrap(self): ...",
            "T overrides threading's private _bootstrap",
        ),
    ],
)
def test_the_reader_finds_each_use_of_another_modules_private(user: str, expected: str) -> None:
    found = _check({"parlbrief.pool": POOL, "parlbrief.user": user})
    assert len(found) == 1 and expected in found[0], found


@pytest.mark.parametrize(
    "user",
    [
        "class _Own:\n    def _go(self): ...\ndef f(x: _Own): x._go()",
        "from parlbrief.pool import Pool\nclass Warm(Pool):\n"
        "    def _mine(self): ...\n    def go(self): self._mine()",
        "from collections import namedtuple\nP = namedtuple('P', 'a')\nP(1)._replace(a=2)",
        "from parlbrief.pool import Pool\nclass Warm(Pool):\n    def __init__(self): ...",
    ],
)
def test_a_modules_own_privates_and_dunder_names_are_fine(user: str) -> None:
    assert _check({"parlbrief.pool": POOL, "parlbrief.user": user}) == []
