"""Mutation testing: how many small deliberate bugs in a module its tests catch.

    .venv/bin/python tests/mutation/run.py                      # the default modules
    .venv/bin/python tests/mutation/run.py src/parlbrief/resolve/formula.py
    .venv/bin/python tests/mutation/run.py --fail-under 90 src/parlbrief/resolve/formula.py
    .venv/bin/python tests/mutation/run.py --no-run src/parlbrief/resolve/formula.py

For each module, mutmut (3.x) changes the code one small way at a time (a `<` for a
`<=`, a 1 for a 0, a string for another) and runs that module's fast tests, named in
pyproject.toml under [tool.mutmut.selections]; a mutant the tests fail on is killed, one
they pass on survived. Each module runs in its own scratch copy of the project under
mutants/<module>/ (git-ignored), so that each has its own tests and nobody's edits land
mid-run; `cd` there and `mutmut show <name>` or `mutmut browse` to look at a mutant.

Survivors judged equivalent (a change no test could see, such as a different but
equally valid message for an impossible case) are listed, one a line with the reason, in
tests/mutation/equivalent.txt; the score leaves them out.

Not collected by pytest (no test_ prefix): a run takes minutes.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SCRATCH = REPO / "mutants"
EQUIVALENT = Path(__file__).with_name("equivalent.txt")

# The modules that keep briefings safe and true; a path that has moved is skipped with
# a note (pass the new one on the command line).
DEFAULT_MODULES = [
    "src/parlbrief/resolve/formula.py",
    "src/parlbrief/resolve/safety.py",
    "src/parlbrief/guard/markup.py",
    "src/parlbrief/guard/stylesheets.py",
    "src/parlbrief/guard/addresses.py",
    "src/parlbrief/guard/csp.py",
    "src/parlbrief/svg/policy.py",
    "src/parlbrief/svg/parse.py",
    "src/parlbrief/svg/cleaner.py",
    "src/parlbrief/svg/styles.py",
    "src/parlbrief/css.py",
    "src/parlbrief/quoting.py",
    "src/parlbrief/pictures.py",
    "src/parlbrief/resolve/citations.py",
    "src/parlbrief/pipeline/manifest.py",
]

# What the scratch copy leaves out: it needs the sources, the tests and their projects.
TOP_SKIP = {".git", ".venv", "mutants", "build"}  # only at the top: src/parlbrief/build stays
SKIP = {"__pycache__", ".hypothesis", ".mypy_cache", ".ruff_cache", ".pytest_cache"}

DETECTED = {"killed", "timeout", "caught by type check"}
UNDETECTED = {"survived", "no tests"}


@dataclass
class Result:
    module: str
    statuses: dict[str, str]
    """Each mutant's name and mutmut's verdict on it."""
    equivalent: set[str]

    def count(self, wanted: set[str], *, equivalent: bool | None = None) -> int:
        return sum(
            1
            for name, status in self.statuses.items()
            if status in wanted and (equivalent is None or (name in self.equivalent) == equivalent)
        )

    @property
    def score(self) -> float:
        """Killed, out of the mutants that are not equivalent and were tried."""
        killed = self.count(DETECTED)
        tried = killed + self.count(UNDETECTED, equivalent=False)
        return 100.0 * killed / tried if tried else 100.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("modules", nargs="*", help="paths from the top of the project")
    parser.add_argument("--max-children", type=int, help="mutants run at once (mutmut's)")
    parser.add_argument("--fail-under", type=float, default=0.0, help="exit 1 below this %%")
    parser.add_argument(
        "--no-run",
        action="store_true",
        help="report the last run again (after editing equivalent.txt)",
    )
    args = parser.parse_args(argv)
    selections = _selections()
    given = [(Path.cwd() / m).resolve().relative_to(REPO).as_posix() for m in args.modules]
    modules = given or [m for m in DEFAULT_MODULES if _present(m)]
    results = [_run(m, selections, args.max_children, again=not args.no_run) for m in modules]
    _print_table(results)
    return 1 if any(r.score < args.fail_under for r in results) else 0


def _present(module: str) -> bool:
    if (REPO / module).is_file():
        return True
    print(f"skipped {module}: no such file (pass its new path)", file=sys.stderr)
    return False


def _selections() -> dict[str, list[str]]:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    selections: dict[str, list[str]] = config["tool"]["mutmut"].get("selections", {})
    return selections


def _run(
    module: str, selections: dict[str, list[str]], max_children: int | None, *, again: bool
) -> Result:
    """Mutate `module` in a fresh scratch copy of the project; every mutant's verdict."""
    if module not in selections:
        sys.exit(f"{module}: name its fast tests under [tool.mutmut.selections] first")
    work = SCRATCH / module.replace("/", "_").removesuffix(".py")
    beside = Path(sys.executable).with_name("mutmut")  # the venv's, run with its python
    mutmut = str(beside) if beside.exists() else "mutmut"
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    if again:
        _mutate(work, module, selections[module], [mutmut, "run"], max_children, env)
    elif not work.is_dir():
        sys.exit(f"{module}: no earlier run to report (run without --no-run first)")
    listing = subprocess.run(
        [mutmut, "results", "--all", "true"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    statuses = dict(re.findall(r"^\s*(\S+): (.+?)\s*$", listing, flags=re.MULTILINE))
    if not statuses:
        sys.exit(f"{module}: mutmut made no mutants - see {work.relative_to(REPO)}/mutmut.log")
    return Result(module, statuses, _equivalent())


def _mutate(
    work: Path,
    module: str,
    selection: list[str],
    run: list[str],
    max_children: int | None,
    env: dict[str, str],
) -> None:
    if work.exists():
        shutil.rmtree(work)
    shutil.copytree(REPO, work, ignore=_skip)
    _configure(work / "pyproject.toml", module, selection)
    if max_children:
        run += ["--max-children", str(max_children)]
    log = work / "mutmut.log"
    print(f"== {module}: mutmut run in {work.relative_to(REPO)} (minutes; log: {log.name})")
    with log.open("w", encoding="utf-8") as out:
        done = subprocess.run(run, cwd=work, env=env, stdout=out, stderr=subprocess.STDOUT)
    if done.returncode != 0:  # say so: an empty or partial table would look like a pass
        tail = log.read_text(encoding="utf-8", errors="replace").splitlines()[-30:]
        sys.exit("\n".join([*tail, f"{module}: mutmut run failed (exit {done.returncode})"]))


def _skip(folder: str, names: list[str]) -> set[str]:
    top = Path(folder) == REPO
    return {n for n in names if n in SKIP or n.endswith(".egg-info") or (top and n in TOP_SKIP)}


def _configure(pyproject: Path, module: str, selection: list[str]) -> None:
    """The copy's [tool.mutmut]: this module only, with its own tests."""
    text = pyproject.read_text(encoding="utf-8")
    kept = re.sub(r"(?ms)^\[tool\.mutmut[^\n]*\n.*?(?=^\[(?!tool\.mutmut)|\Z)", "", text)
    section = {
        "source_paths": ["src"],
        "only_mutate": [module],
        "pytest_add_cli_args_test_selection": selection,
        "process_isolation": "forkserver",  # why: see [tool.mutmut] in pyproject.toml
        "use_git_change_detection": False,  # the copy is not a repository of its own
        # mutmut copies only src/ and tests/ to where the tests run; some tests read the
        # project's own folders (templates/brands/*/logo.svg, the example sources).
        "also_copy": sorted(
            p.name
            for p in pyproject.parent.iterdir()
            if p.is_dir() and p.name not in {"src", "tests", "mutants"}
        ),
    }
    lines = [f"{key} = {json.dumps(value)}" for key, value in section.items()]
    pyproject.write_text(kept + "\n[tool.mutmut]\n" + "\n".join(lines) + "\n", encoding="utf-8")


def _equivalent() -> set[str]:
    """The mutants judged equivalent: the first word of each line not starting with #."""
    if not EQUIVALENT.is_file():
        return set()
    lines = EQUIVALENT.read_text(encoding="utf-8").splitlines()
    return {line.split()[0] for line in lines if line.strip() and not line.startswith("#")}


def _print_table(results: list[Result]) -> None:
    head = ("module", "mutants", "killed", "survived", "equivalent", "other", "score")
    rows: list[tuple[str, ...]] = [head]
    for r in results:
        killed, survived = r.count(DETECTED), r.count(UNDETECTED)
        other = len(r.statuses) - killed - survived
        equivalent = r.count(UNDETECTED, equivalent=True)
        counts = (len(r.statuses), killed, survived, equivalent, other)
        rows.append((r.module, *map(str, counts), f"{r.score:.1f}%"))
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    print()
    for row in rows:
        print(
            "  ".join(
                cell.ljust(w) if i == 0 else cell.rjust(w)
                for i, (cell, w) in enumerate(zip(row, widths, strict=True))
            )
        )
    for r in results:
        missed = sorted(
            n for n, s in r.statuses.items() if s in UNDETECTED and n not in r.equivalent
        )
        others = Counter(s for s in r.statuses.values() if s not in DETECTED | UNDETECTED)
        if missed:
            print(f"\n{r.module}: survivors not judged equivalent ({len(missed)}):")
            print("\n".join(f"  {name}" for name in missed))
        if others:
            print(f"\n{r.module}: other verdicts: {dict(others)}")


if __name__ == "__main__":
    sys.exit(main())
