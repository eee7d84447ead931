"""`parlbrief init` and `parlbrief new`: a project that builds at once, and one new
file of each kind that `check` accepts; neither ever writes over a file (exit 2)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from typer.testing import CliRunner, Result

from parlbrief.cli.commands import app
from parlbrief.start import KINDS


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(app, [str(a) for a in args])


@pytest.fixture
def started(tmp_path: Path) -> Path:
    root = tmp_path / "x"
    result = run("init", root, "--organisation", "Test Union")
    assert result.exit_code == 0, result.output
    return root


def test_init_makes_a_project_that_checks_and_builds_a_pdf(started: Path) -> None:
    check = run("check", "--project", started)
    assert check.exit_code == 0, check.output
    # Only what the starter left for a person to replace is warned about.
    said = [line for line in check.output.splitlines() if "warning" in line]
    assert said and all("starter's placeholder" in line for line in said)
    built = run("build", "--project", started, "--format", "pdf")
    assert built.exit_code == 0, built.output
    assert (started / "build" / "example-briefing.pdf").read_bytes().startswith(b"%PDF-")


def test_a_fresh_project_cannot_be_published_unchanged(started: Path) -> None:
    strict = run("check", "--strict", "--project", started)
    assert strict.exit_code == 1
    assert "All good" not in strict.output
    published = run("publish", "example-briefing", "--project", started)
    assert published.exit_code == 1
    assert (
        "briefings/example-briefing.yaml:4: title: 'Replace this with the briefing's title' "
        "is the starter's placeholder - write your own"
    ) in published.output
    assert "logo: logo.svg is the starter's placeholder logo" in published.output
    assert not (started / "published").exists()


def test_init_writes_the_brand_readme_and_gitignore(started: Path) -> None:
    brand = started / "templates" / "brands" / "test-union"
    assert 'name: "Test Union"' in (brand / "brand.yaml").read_text()
    logo = (brand / "logo.svg").read_text()
    assert ">TU</text>" in logo and "placeholder" in logo
    assert (started / ".gitignore").read_text().splitlines()[-1] == "build/"
    readme = (started / "README.md").read_text()
    assert "parlbrief check" in readme and "parlbrief build" in readme


def test_init_refuses_to_write_over_a_file_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("mine\n")
    result = run("init", tmp_path, "--organisation", "Test Union")
    assert result.exit_code == 2
    assert f"{tmp_path / 'README.md'} already exists" in result.output
    assert (tmp_path / "README.md").read_text() == "mine\n"
    assert not (tmp_path / "briefings").exists()


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_new_file_is_accepted_by_check(started: Path, kind: str) -> None:
    result = run("new", kind, f"my-{kind}", "--project", started)
    assert result.exit_code == 0, result.output
    path = started / KINDS[kind][1].format(id=f"my-{kind}")
    assert "Replace this" in path.read_text()
    check = run("check", "--project", started)
    assert check.exit_code == 0, check.output
    # A reference is warned about until something cites it; nothing else is said.
    said = [
        line
        for line in check.output.splitlines()
        if "warning" in line and "starter's placeholder" not in line
    ]
    expected = ["no briefing cites this reference"] if kind == "reference" else []
    assert [line.split(f"my-{kind}: ")[-1] for line in said] == expected


def test_new_refuses_to_write_over_a_file(started: Path) -> None:
    assert run("new", "argument", "my-point", "--project", started).exit_code == 0
    path = started / "sources" / "arguments" / "my-point.md"
    path.write_text("my words\n")
    result = run("new", "argument", "my-point", "--project", started)
    assert result.exit_code == 2
    assert "sources/arguments/my-point.md already exists" in result.output
    assert path.read_text() == "my words\n"


@pytest.mark.parametrize(
    ("args", "complaint"),
    [
        (("new", "thing", "x"), "'thing' is not something `new` makes"),
        (("new", "argument", "My_Point"), "'My_Point' is not an id"),
    ],
)
def test_new_refuses_what_it_cannot_make(
    started: Path, args: tuple[str, ...], complaint: str
) -> None:
    result = run(*args, "--project", started)
    assert result.exit_code == 2
    assert complaint in result.output


def test_new_outside_a_project_says_to_run_init(tmp_path: Path) -> None:
    result = run("new", "argument", "my-point", "--project", tmp_path)
    assert result.exit_code == 2
    assert "run `parlbrief init` first" in result.output


def test_a_png_logo_brand_builds(started: Path) -> None:
    brand = started / "templates" / "brands" / "test-union"
    picture = io.BytesIO()
    Image.new("RGB", (480, 160), "#1f3a5f").save(picture, "PNG")
    (brand / "logo.png").write_bytes(picture.getvalue())
    text = (brand / "brand.yaml").read_text().replace("logo: logo.svg", "logo: logo.png")
    (brand / "brand.yaml").write_text(text)
    result = run("build", "--project", started)
    assert result.exit_code == 0, result.output
    assert (
        '<img src="data:image/png;base64,'
        in (started / "build" / "example-briefing.html").read_text()
    )
