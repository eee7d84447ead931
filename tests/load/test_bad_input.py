"""Every kind of bad input ends in one clear message, exit 1, and outputs left as they were.

Each row writes a few files into a copy of a small project that has already been built,
runs `parlbrief build` as a press officer would, and checks three things: the message
names the file and line, there is no Python traceback, and every earlier output (PDF,
HTML, manifest) is byte-for-byte what it was.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parlbrief.cli.commands import app
from parlbrief.load.files import MAX_FILE_BYTES
from parlbrief.pipeline import build
from parlbrief.project import Project
from tests.conftest import PROJECTS


@dataclass(frozen=True)
class Link:
    """Make the file a symbolic link to `target` (absolute, or relative to the project)."""

    target: str


FileContent = str | bytes | Link | None

STATS = "sources/statistics/figures.yaml"
REFS = "sources/references/sources.yaml"
QUESTIONS = "sources/questions/questions.yaml"
ARGUMENT = "sources/arguments/local-trusts.md"
BRIEFING = "briefings/minimal.yaml"
BRAND = "templates/brands/default/brand.yaml"
TEMPLATE = "templates/briefing.html.j2"


def stat(extra: str, sid: str = "extra-stat") -> str:
    """A statistics file: the project's own figures plus one more, written as given."""
    own = (PROJECTS / "guarded" / STATS).read_text(encoding="utf-8")
    return own + f"\n- id: {sid}\n" + extra


def argument(body: str) -> str:
    return "---\nheading: Local services worked\n---\n" + body


def figure(**fields: str) -> str:
    """A statistic's fields after its id (label on line 25, value 27, as_of 28)."""
    written = {"label": "X", "kind": "count", "value": "1", "as_of": "2022-01-01"}
    written.update(fields)
    written["source"] = "workforce-2022"
    return "".join(f"  {k}: {v}\n" for k, v in written.items())


CSV = "sources/data/officers.csv"


def cell(text: str) -> dict[str, FileContent]:
    """A data file whose one figure (line 3) is `text`, and a statistic reading it."""
    reads = "{file: officers.csv, row: {period: 2022-06-30}, column: in_post}"
    return {
        CSV: f"# Illustrative\nperiod,in_post\n2022-06-30,{text}\n",
        STATS: stat(f"  label: X\n  kind: count\n  as_of: 2022-06-30\n  data: {reads}\n"),
    }


def briefing(date: str) -> str:
    text = (PROJECTS / "guarded" / BRIEFING).read_text(encoding="utf-8")
    return text.replace("date: 2026-11-23", f"date: {date}")


#: What a press officer is told about each number or date that is refused.
LIMIT = (
    "is too large: a figure must be less than 1,000,000,000,000,000 (a thousand trillion) "
    "either way - check for extra digits"
)
NOT_A_NUMBER = "is not a number - write the figure in digits, such as 4542, 4,542 or 12.5"
OTHER_DIGITS = (
    "uses digits from another script or a wide font (such as '４' or '٤') - type the figure "
    "with the ordinary digits 0 to 9"
)
EXPONENT = "is written with an exponent (e) - write the number out in full in digits"
WITH_TIME = "has a time as well as a date - write the date as 2022-06-30, without the time"
NOT_A_CELL = "(extra-stat at sources/statistics/figures.yaml:24 reads it)"
MAX_AGE = "max_age_days: should be a whole number of days from 0 to 36,500 (100 years)"


@dataclass(frozen=True)
class Case:
    """One bad input: the files to write and what the user must be told."""

    name: str
    files: Mapping[str, FileContent]
    expected: list[str]
    args: list[str] = field(default_factory=list)


CASES = [
    # --- YAML ---
    Case(
        "duplicate key",
        {
            STATS: stat(
                "  label: Twice\n  kind: count\n  value: 1\n  value: 2\n  as_of: 2022-01-01\n"
            )
        },
        [f"{STATS}:28: 'value' is given twice, here and on line 27 - keep one of them"],
    ),
    Case(
        "NO is not an id (YAML would make it false)",
        {QUESTIONS: "- id: NO\n  text: Why?\n"},
        [f"{QUESTIONS}:1: id: an id may use only lower-case letters, digits and hyphens"],
    ),
    Case(
        "12:30 is not a number (YAML 1.1 would make it 750)",
        {STATS: stat("  label: Time\n  kind: count\n  value: 12:30\n  as_of: 2022-01-01\n")},
        [f"{STATS}:27: value: is not a number - write it in digits", "(found '12:30')"],
    ),
    Case(
        "a date that is not a date",
        {STATS: stat("  label: Late\n  kind: count\n  value: 1\n  as_of: 12:30\n")},
        [f"{STATS}:28: as_of: is not a date - write it as 2022-06-30", "(found '12:30')"],
    ),
    Case(
        "an alias",
        {QUESTIONS: "- id: q-a\n  text: &t Why?\n- id: q-b\n  text: *t\n"},
        [f"{QUESTIONS}:2: anchors and aliases (&name, *name) are not supported"],
    ),
    Case(
        "a merge key",
        {QUESTIONS: "- id: q-a\n  <<:\n    text: Why?\n"},
        [f"{QUESTIONS}:2: merge keys (<<) are not supported"],
    ),
    Case(
        "a python tag",
        {QUESTIONS: "- id: q-a\n  text: !!python/object/apply:os.system [ls]\n"},
        [f"{QUESTIONS}:2: YAML tags such as '!!python/object/apply:os.system'"],
    ),
    Case(
        "nesting without end",
        {QUESTIONS: "- id: q-a\n  text: " + "[" * 5000 + "\n"},
        [f"{QUESTIONS}:2: lists and fields are nested more than 50 levels deep"],
    ),
    Case(
        "a tab in the indentation",
        {QUESTIONS: "- id: q-a\n\ttext: Why?\n"},
        [f"{QUESTIONS}:2:1: this line is indented with a tab, and YAML takes only spaces"],
    ),
    Case(
        "a control character",
        {QUESTIONS: "- id: q-a\n  text: Why\x00?\n"},
        [f"{QUESTIONS}:2: the file contains a control character (U+0000)"],
    ),
    Case(
        "not UTF-8",
        {ARGUMENT: argument("Before the reforms\n").encode("utf-8") + "café\n".encode("cp1252")},
        [f"{ARGUMENT}:5:4: the file is not UTF-8 text - save it again as UTF-8"],
    ),
    Case(
        "too big",
        {ARGUMENT: argument("x" * MAX_FILE_BYTES)},
        [f"{ARGUMENT}: the file is 1,000,039 bytes, over the limit of 1,000,000"],
    ),
    Case(
        "a field nobody knows",
        {QUESTIONS: "- id: q-local\n  text: Why?\n  txet: Why?\n"},
        [f"{QUESTIONS}:3: txet: is not a field parlbrief knows - did you mean 'text'?"],
    ),
    # --- numbers and dates (one strict reader: parlbrief.written) ---
    *(
        Case(
            f"value {typed}",
            {STATS: stat(figure(value=typed))},
            [f"{STATS}:27: value: {says} (found {found!r})"],
        )
        for typed, found, says in [
            ("1_000", "1_000", "has an underscore - write 1000 or 1,000, not 1_000"),
            ("１２３", "１２３", OTHER_DIGITS),
            ("٤٥٤٢", "٤٥٤٢", OTHER_DIGITS),
            ("Infinity", "Infinity", NOT_A_NUMBER),
            ("-.inf", "-.inf", NOT_A_NUMBER),
            ("NaN", "NaN", NOT_A_NUMBER),
            ("1e5000", "1e5000", EXPONENT),
            ("1E+30", "1E+30", EXPONENT),
            ("1" * 29, "1" * 29, LIMIT),
            ("'100000000000000000000000000'", "1" + "0" * 26, LIMIT),
            ("-1,000,000,000,000,000", "-1,000,000,000,000,000", LIMIT),
            (
                "0x1F",
                "0x1F",
                "is not a decimal number - write the figure in ordinary digits, "
                "such as 4542, 4,542 or 12.5",
            ),
            ("true", "true", NOT_A_NUMBER),
            ("no", "no", NOT_A_NUMBER),
            (
                "0.12345678901",
                "0.12345678901",
                "has more than 10 digits after the decimal point - round it",
            ),
        ]
    ),
    Case(
        "a date with a time",
        {STATS: stat(figure(as_of="2022-06-30 00:00:00"))},
        [f"{STATS}:28: as_of: {WITH_TIME} (found '2022-06-30 00:00:00')"],
    ),
    Case(
        "a date as a Unix timestamp",
        {STATS: stat(figure(as_of="1656547200"))},
        [
            f"{STATS}:28: as_of: is a number, not a date - write the date as 2022-06-30 "
            "(found '1656547200')"
        ],
    ),
    Case(
        "a review date that does not exist",
        {STATS: stat(figure(review_by="2023-02-29"))},
        [
            f"{STATS}:29: review_by: is not a real date - check the day and the month (write "
            "the date as 2022-06-30) (found '2023-02-29')"
        ],
    ),
    Case(
        "a review date in the year 20230",
        {STATS: stat(figure(review_by="20230-01-01"))},
        [f"{STATS}:29: review_by: is not a date - write it as 2022-06-30 (year, month, day)"],
    ),
    Case(
        "a briefing date with a time",
        {BRIEFING: briefing("2026-11-23T09:30:00")},
        [f"{BRIEFING}:5: date: {WITH_TIME} (found '2026-11-23T09:30:00')"],
    ),
    Case(
        "a reference date in Arabic-Indic digits",
        {
            REFS: (PROJECTS / "guarded" / REFS)
            .read_text(encoding="utf-8")
            .replace("date: 2022-08", "date: ٢٠٢٢-٠٨")
        },
        [f"{REFS}:", "write the date as 2022-06-30, 2022-06 or 2022"],
    ),
    Case(
        "max_age_days of three million",
        {"parlbrief.yaml": "max_age_days: 3000000\n"},
        [f"parlbrief.yaml:1: {MAX_AGE}, such as 365 (found '3000000')"],
    ),
    Case(
        "max_age_days below zero",
        {"parlbrief.yaml": "max_age_days: -1\n"},
        [f"parlbrief.yaml:1: {MAX_AGE}, such as 365 (found '-1')"],
    ),
    Case(
        "max_age_days as a float",
        {"parlbrief.yaml": "max_age_days: 1e3\n"},
        [f"parlbrief.yaml:1: {MAX_AGE}: the value {EXPONENT} (found '1e3')"],
    ),
    *(
        Case(
            f"a CSV cell {name}",
            cell(text),
            [f"{CSV}:3: column 'in_post': {text!r} {says} {NOT_A_CELL}"],
        )
        for name, text, says in [
            ("of 1e26", "1" + "0" * 26, LIMIT),
            ("of NaN", "NaN", NOT_A_NUMBER),
            ("of 1e309", "1e309", EXPONENT),
            ("of Infinity", "Infinity", NOT_A_NUMBER),
            ("in full-width digits", "４５４２", OTHER_DIGITS),
            ("with an underscore", "4_542", "has an underscore - write 1000 or 1,000, not 1_000"),
        ]
    ),
    Case(
        "a CSV cell longer than the csv module reads",
        cell('"' + "9" * 140_000),
        [f"{CSV}:3: a cell in the row starting on this line is longer than 131,072 characters"],
    ),
    # --- references ---
    Case(
        "an unknown citation",
        {ARGUMENT: argument("Trusts worked.[@committee-2012, para 9]\n")},
        [f"{ARGUMENT}:4: [@committee-2012]: there is no reference 'committee-2012'"],
    ),
    Case(
        "an unknown figure",
        {ARGUMENT: argument("Trusts worked.\n\nThere were [#officers-2021] officers.\n")},
        [f"{ARGUMENT}:6: [#officers-2021]: there is no statistic 'officers-2021'"],
    ),
    Case(
        "an unknown argument in a briefing",
        {
            BRIEFING: (PROJECTS / "guarded" / BRIEFING)
            .read_text(encoding="utf-8")
            .replace("argument: local-trusts", "argument: local-trust")
        },
        [f"{BRIEFING}:", "there is no argument 'local-trust'"],
    ),
    Case(
        "an unknown question in a briefing",
        {
            BRIEFING: (PROJECTS / "guarded" / BRIEFING)
            .read_text(encoding="utf-8")
            .replace("  - q-funding", "  - q-fundin")
        },
        [f"{BRIEFING}:", "there is no question 'q-fundin'"],
    ),
    Case(
        "an unknown source for a statistic",
        {
            STATS: stat(
                "  label: X\n  kind: count\n  value: 1\n  as_of: 2022-01-01\n"
                "  source: workforce-2023\n"
            )
        },
        [f"{STATS}:29: source: there is no reference 'workforce-2023'"],
    ),
    Case(
        "an unknown id in a formula",
        {STATS: stat("  label: X\n  kind: count\n  formula: officers-2022 - officers-2021\n")},
        [f"{STATS}:", "officers-2021"],
    ),
    Case(
        "derived figures that go round in a circle",
        {
            STATS: stat("  label: A\n  kind: count\n  formula: loop-b + 1\n", "loop-a")
            + "\n- id: loop-b\n  label: B\n  kind: count\n  formula: loop-a + 1\n"
        },
        [f"{STATS}:", "loop-a"],
    ),
    Case(
        "an id defined twice across files",
        {"sources/questions/more.yaml": "- id: officers-2022\n  text: Why?\n"},
        [f"sources/questions/more.yaml:1: the id 'officers-2022' is already used at {STATS}:1"],
    ),
    Case(
        "an id with capitals and underscores",
        {QUESTIONS: "- id: Q_Local\n  text: Why?\n"},
        [f"{QUESTIONS}:1: id: an id may use only lower-case letters, digits and hyphens"],
    ),
    Case(
        "a data file outside the project",
        {
            STATS: stat(
                "  label: X\n  kind: count\n  as_of: 2022-01-01\n"
                "  data: {file: ../../etc/passwd, row: {a: b}, column: c}\n"
            )
        },
        [f"{STATS}:", "../../etc/passwd"],
    ),
    Case(
        "a link to a file outside the project",
        {"sources/questions/outside.yaml": Link("/etc/hostname")},
        ["sources/questions/outside.yaml: this is a link to a file or folder outside the project"],
    ),
    Case(
        "an unused reference, with --strict",
        {
            REFS: (PROJECTS / "guarded" / REFS).read_text(encoding="utf-8")
            + "\n- id: unused-2020\n  kind: report\n  author: A\n  title: T\n  date: 2020\n"
        },
        [f"{REFS}:19: warning: unused-2020: no briefing cites this reference"],
        ["--strict"],
    ),
    Case(
        "a statistic without a source, with --strict",
        {STATS: stat("  label: X\n  kind: count\n  value: 1\n  as_of: 2022-01-01\n")},
        [f"{STATS}:24: warning: extra-stat: this statistic has no source"],
        ["--strict"],
    ),
    # --- Markdown ---
    Case(
        "a javascript: link",
        {ARGUMENT: argument("Trusts worked.\nClick [here](javascript:alert(1)).\n")},
        [f"{ARGUMENT}:5: links to 'javascript:' addresses are not allowed"],
    ),
    Case(
        "a vbscript: autolink",
        {ARGUMENT: argument("Trusts worked <vbscript:msgbox>.\n")},
        [f"{ARGUMENT}:4: links to 'vbscript:' addresses are not allowed"],
    ),
    Case(
        "a data: link",
        {ARGUMENT: argument("A [page](data:text/html;base64,PHNjcmlwdD4=).\n")},
        [f"{ARGUMENT}:4: links to 'data:' addresses are not allowed"],
    ),
    Case(
        "a link without https://",
        {ARGUMENT: argument("See [our site](www.napo.org.uk).\n")},
        [f"{ARGUMENT}:4: the link 'www.napo.org.uk' is not a full web address"],
    ),
    Case(
        "a local file as an image",
        {ARGUMENT: argument("Trusts worked.\n\n![secret](file:///etc/passwd)\n")},
        [f"{ARGUMENT}:6: the image 'file:///etc/passwd' is not in the project"],
    ),
    Case(
        "a remote image",
        {ARGUMENT: argument("Trusts worked.\n\n![x](https://tracker.example/pixel.gif)\n")},
        [f"{ARGUMENT}:6: the image 'https://tracker.example/pixel.gif' is not in the project"],
    ),
    Case(
        "an image path escaping the assets",
        {ARGUMENT: argument("Trusts worked.\n\n![x](../../templates/brands/default/logo.svg)\n")},
        [
            f"{ARGUMENT}:6: the image '../../templates/brands/default/logo.svg' is outside "
            "sources/assets/"
        ],
    ),
    Case(
        "a missing image",
        {ARGUMENT: argument("Trusts worked.\n\n![x](chart-2023.png)\n")},
        [f"{ARGUMENT}:6: there is no image 'chart-2023.png' in sources/assets/"],
    ),
    Case(
        "an SVG image with script",
        {
            ARGUMENT: argument("Trusts worked.\n\n![x](bad.svg)\n"),
            "sources/assets/bad.svg": '<svg xmlns="http://www.w3.org/2000/svg">'
            "<script>alert(1)</script></svg>",
        },
        [f"{ARGUMENT}:6: the image 'bad.svg' (line 1 of the file): <script> would run code"],
    ),
    Case(
        "an image in a briefing's inline text",
        {
            BRIEFING: (PROJECTS / "guarded" / BRIEFING)
            .read_text(encoding="utf-8")
            .replace("more.[@committee", "more ![](http://x.example/a.png).[@committee")
        },
        [f"{BRIEFING}:12: the image 'http://x.example/a.png' is not in the project"],
    ),
    Case(
        "a reference URL that runs script",
        {
            REFS: (PROJECTS / "guarded" / REFS)
            .read_text(encoding="utf-8")
            .replace("url: https://publications", "url: javascript:alert(1)//")
        },
        [f"{REFS}:2: url: 'javascript:alert(1)//.parliament.uk", "is not a web address"],
    ),
    # --- templates and brands ---
    Case(
        "a template syntax error",
        {TEMPLATE: "<!DOCTYPE html>\n<html>\n{% if briefing.title %}\n<p>x</p>\n</html>\n"},
        [f"{TEMPLATE}:4: template error: Unexpected end of template"],
    ),
    Case(
        "a brand logo outside its folder",
        {BRAND: "name: Test Union\nlogo: ../../../sources/references/sources.yaml\n"},
        [f"{BRAND}:2: logo: '../../../sources/references/sources.yaml' is outside the brand's"],
    ),
    Case(
        "a brand logo with script",
        {"templates/brands/default/logo.svg": '<svg><g onload="alert(1)"/></svg>'},
        [f"{BRAND}:4: logo: 'logo.svg' (line 1 of the file): <g> has onload=..., which would run"],
    ),
    Case(
        "a brand colour that loads a URL",
        {
            BRAND: "name: Test Union\ncolours:\n  primary: 'red; background: url(http://t.example/x)'\n"
        },
        [f"{BRAND}:3: colours.primary:", "is not a colour"],
    ),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The guarded project, built once (PDF and HTML): the outputs every row must keep."""
    base = tmp_path_factory.mktemp("built")
    root = shutil.copytree(PROJECTS / "guarded", base / "project")
    out = base / "out"
    report = build(Project.at(root, out))
    assert not report.failed, report.failed
    assert (out / "minimal.pdf").is_file() and (out / "minimal.html").is_file()
    return root, out


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def write_files(root: Path, files: Mapping[str, FileContent]) -> None:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if content is None:
            path.unlink()
        elif isinstance(content, Link):
            os.symlink(content.target, path)
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_is_one_clear_message_and_loses_nothing(
    case: Case, built: tuple[Path, Path], tmp_path: Path
) -> None:
    root = shutil.copytree(built[0], tmp_path / "project", symlinks=True)
    out = shutil.copytree(built[1], tmp_path / "out")
    before = snapshot(out)
    write_files(root, case.files)

    result = CliRunner().invoke(
        app, ["build", "--project", str(root), "--out", str(out), *case.args]
    )

    output = result.output
    assert result.exit_code == 1, output
    assert result.exception is None or isinstance(result.exception, SystemExit), output
    assert "Traceback" not in output
    for expected in case.expected:
        assert expected in output, f"expected {expected!r} in:\n{output}"
    assert "nothing was built" in output
    assert snapshot(out) == before


def test_check_reports_every_problem_in_one_run(tmp_path: Path) -> None:
    """Three mistakes in three files: all three reported at once, sorted by file and line.

    A duplicate key does not hide the rest of its file, so nothing else is reported.
    """
    root = shutil.copytree(PROJECTS / "guarded", tmp_path / "project")
    write_files(
        root,
        {
            QUESTIONS: "- id: q-local\n  text: Why?\n  text: Why not?\n"
            "- id: q-funding\n  text: How?\n",
            ARGUMENT: argument("Trusts worked.[@nope]\n"),
            STATS: stat("  label: X\n  kind: count\n  value: lots\n  as_of: 2022-01-01\n"),
        },
    )
    result = CliRunner().invoke(app, ["check", "--project", str(root)])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.startswith(("sources", "brief"))]
    assert [line.split(": ", 1)[0] for line in lines] == [
        f"{ARGUMENT}:4",
        f"{QUESTIONS}:3",
        f"{STATS}:27",
    ], result.output
