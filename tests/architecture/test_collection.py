"""Every test file runs: pytest collects each tests/**/test_*.py file.

pytest's default `norecursedirs` skips folders called `build`, and so once skipped a
whole folder of tests in CI without a word. This asks pytest itself what it collects,
in a separate process, and compares that with the files on disk.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def collected_files() -> set[str]:
    """The test files pytest collects from the project's own configuration."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--collect-only",
            "-q",
            "-o",
            "addopts=",
            "-p",
            "no:cacheprovider",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return {line.split("::", 1)[0] for line in done.stdout.splitlines() if "::" in line}


def test_every_test_file_on_disk_is_collected() -> None:
    on_disk = {p.relative_to(ROOT).as_posix() for p in (ROOT / "tests").rglob("test_*.py")}
    missing = sorted(on_disk - collected_files())
    assert not missing, f"pytest does not collect: {missing}"


def test_the_pipeline_tests_are_among_them() -> None:
    pipeline = {f for f in collected_files() if f.startswith("tests/pipeline/")}
    assert "tests/pipeline/test_publish.py" in pipeline
    assert len(pipeline) >= 10
