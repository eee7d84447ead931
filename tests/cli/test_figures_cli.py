"""`parlbrief figures`, `parlbrief figures set` and stale figures, as a user runs them."""

from __future__ import annotations

import errno
import json
import os
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from parlbrief.check import Checked, check
from parlbrief.cli.commands import app
from parlbrief.project import Project
from tests.conftest import MakeProject

STATS = "sources/statistics/workforce.yaml"
CSV = "sources/data/probation-officers.csv"


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(app, [str(a) for a in args])


@pytest.fixture
def figures(make_project: MakeProject) -> Project:
    return make_project(base="figures")


def listing(project: Project) -> dict[str, dict[str, object]]:
    result = run("figures", "--json", "--project", project.root)
    assert result.exit_code == 0, result.output
    return {row["id"]: row for row in json.loads(result.stdout)}


# --- listing -------------------------------------------------------------------------------


def test_figures_json_gives_each_statistic_with_the_agreed_keys(figures: Project) -> None:
    rows = listing(figures)
    shortfall = rows["shortfall-jun-2022"]
    assert {"id", "value", "display", "as_of", "source", "used_by", "stale"} <= set(shortfall)
    assert shortfall["value"] == 1697
    assert shortfall["display"] == "1,697"
    assert shortfall["as_of"] == "2022-06-30"
    assert shortfall["source"] == "workforce-2022"  # from its inputs
    assert shortfall["stale"] is False


def test_used_by_counts_briefings_that_print_a_figure_through_a_derived_one(
    figures: Project,
) -> None:
    rows = listing(figures)
    # Only the derived shortfall is printed in the regional variants, and only the
    # staffing briefing prints the March 2021 figure (in a change phrase).
    assert rows["required-jun-2022"]["used_by"] == [
        "regional/kent-surrey-and-sussex",
        "regional/north-east",
        "regional/wales",
        "staffing",
    ]
    assert rows["in-post-mar-2021"]["used_by"] == ["staffing"]
    assert rows["vacancies-may-2022"]["used_by"] == ["other"]


def test_a_figure_read_for_each_variant_is_listed_per_variant(figures: Project) -> None:
    rows = listing(figures)
    wales = rows["area-in-post/wales"]
    assert (wales["value"], wales["used_by"]) == (310, ["regional/wales"])
    assert wales["data"] == {"path": "sources/data/regions.csv", "line": 4}
    assert rows["area-vacancies/north-east"]["display"] == "80"


def test_figures_prints_a_table_for_people(figures: Project) -> None:
    result = run("figures", "--project", figures.root)
    assert result.exit_code == 0
    line = next(x for x in result.stdout.splitlines() if x.startswith("vacancies-may-2022"))
    assert line.split() == ["vacancies-may-2022", "1,106", "2022-05-31", "workforce-2022", "other"]


# --- figures set ---------------------------------------------------------------------------


def test_set_changes_the_value_and_keeps_comments_and_layout(figures: Project) -> None:
    path = figures.root / STATS
    before = path.read_text(encoding="utf-8")
    result = run(
        "figures", "set", "vacancies-may-2022", "1,200", "--as-of", "2022-09-30",
        "--project", figures.root,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "vacancies-may-2022 is now 1,200 as at 30 September 2022" in result.stdout
    assert "Rebuild to update: other." in result.stdout
    after = path.read_text(encoding="utf-8")
    expected = before.replace("value: 1106   # as published", "value: 1200   # as published")
    assert after == expected.replace("as_of: 2022-05-31", "as_of: 2022-09-30")


def _fingerprints(checked: Checked) -> dict[str, str]:
    """What each output says (figures, notes, tables, panels), without any template."""
    prints = {}
    for key, resolved in checked.resolved.items():
        parts = [str(n.body) for n in resolved.notes]
        for section in resolved.sections:
            parts += [str(t.meta) for b in section.prose.tokens for t in b.children or ()]
            parts += [str(section.table.rows)] if section.table else []
        parts += [str(p) for p in resolved.panels]
        prints[key] = "\n".join(parts)
    return prints


@pytest.mark.parametrize(
    ("line", "text"),
    [
        (5, "2022-06-30,4542,6239"),  # read by figures in every briefing but one
        (3, "2021-03-31,3537,4039"),  # read only for a change phrase
    ],
)
def test_a_changed_row_changes_exactly_the_outputs_listed(
    figures: Project, line: int, text: str
) -> None:
    before = _fingerprints(check(figures))
    reading = [r for r in listing(figures).values() if r["data"] == {"path": CSV, "line": line}]
    csv = figures.root / CSV
    old = csv.read_text(encoding="utf-8")
    assert old.splitlines()[line - 1] == text
    csv.write_text(old.replace(text, text.split(",")[0] + ",1,2"), encoding="utf-8")
    after = _fingerprints(check(figures))
    changed = sorted(k for k in before if before[k] != after[k])
    assert changed == sorted({user for row in reading for user in row["used_by"]})  # type: ignore[attr-defined]


def test_set_on_a_written_figure_changes_exactly_its_users(figures: Project) -> None:
    before = _fingerprints(check(figures))
    used_by = listing(figures)["vacancies-may-2022"]["used_by"]
    result = run(
        "figures", "set", "vacancies-may-2022", "999", "--as-of", "2022-05-31",
        "--project", figures.root,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    after = _fingerprints(check(figures))
    assert sorted(k for k in before if before[k] != after[k]) == used_by == ["other"]


def test_set_on_a_figure_from_a_csv_names_the_file_and_row(figures: Project) -> None:
    before = (figures.root / STATS).read_bytes()
    result = run(
        "figures", "set", "in-post-jun-2022", "4600", "--as-of", "2022-09-30",
        "--project", figures.root,
    )  # fmt: skip
    assert result.exit_code == 1
    assert (
        f"{STATS}:10: in-post-jun-2022 comes from {CSV} line 5 (period 2022-06-30), "
        "column 'in_post' - edit that file instead"
    ) in result.stderr
    assert "nothing was changed." in result.stderr
    assert (figures.root / STATS).read_bytes() == before


def test_set_on_a_derived_figure_says_to_set_its_inputs(figures: Project) -> None:
    result = run(
        "figures", "set", "shortfall-jun-2022", "1", "--as-of", "2022-06-30",
        "--project", figures.root,
    )  # fmt: skip
    assert result.exit_code == 1
    assert "set the figures it is made from instead: required-jun-2022, in-post-jun-2022" in (
        result.stderr
    )


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["nope", "1", "--as-of", "2022-01-01"], "there is no statistic 'nope'"),
        (
            ["vacancies-may-2022", "many", "--as-of", "2022-01-01"],
            "VALUE 'many' is not a number - write it in digits, such as 4542, 4,542 or 12.5",
        ),
        (
            ["vacancies-may-2022", "1", "--as-of", "June 2022"],
            "--as-of 'June 2022' is not a date - write it as 2022-06-30 (year, month, day)",
        ),
    ],
)
def test_set_with_a_bad_argument_is_a_usage_error(
    figures: Project, args: list[str], says: str
) -> None:
    result = run("figures", "set", *args, "--project", figures.root)
    assert result.exit_code == 2
    assert says in result.stderr


def test_set_refuses_a_value_that_fails_validation(make_project: MakeProject) -> None:
    stats = (make_project(base="figures").root / STATS).read_text(encoding="utf-8")
    stats = stats.replace("  as_of: 2022-05-31\n", "  as_of: 2022-05-31\n  review_by: 2022-12-01\n")
    project = make_project({STATS: stats}, base="figures")
    result = run(
        "figures", "set", "vacancies-may-2022", "1200", "--as-of", "2023-03-31",
        "--project", project.root,
    )  # fmt: skip
    assert result.exit_code == 1
    assert "review_by (2022-12-01) is before as_of (2023-03-31)" in result.stderr
    assert (project.root / STATS).read_text(encoding="utf-8") == stats
    fixed = run(
        "figures", "set", "vacancies-may-2022", "1200", "--as-of", "2023-03-31",
        "--review-by", "2023-06-30", "--project", project.root,
    )  # fmt: skip
    assert fixed.exit_code == 0, fixed.output
    assert "review_by: 2023-06-30" in (project.root / STATS).read_text(encoding="utf-8")


NUMBER_LIMIT = (
    "is too large: a figure must be less than 1,000,000,000,000,000 (a thousand trillion) "
    "either way - check for extra digits"
)
OTHER_DIGITS = (
    "uses digits from another script or a wide font (such as '４' or '٤') - type the figure "
    "with the ordinary digits 0 to 9"
)
NOT_A_NUMBER = "is not a number - write the figure in digits, such as 4542, 4,542 or 12.5"
EXPONENT = "is written with an exponent (e) - write the number out in full in digits"

#: Each hostile VALUE, --as-of or --review-by, and the whole usage error it must give.
BAD_SET_ARGUMENTS = [
    (
        "1_000",
        "2022-09-30",
        None,
        "VALUE '1_000' has an underscore - write 1000 or 1,000, not 1_000",
    ),
    ("１２００", "2022-09-30", None, f"VALUE '１２００' {OTHER_DIGITS}"),
    ("١٢٠٠", "2022-09-30", None, f"VALUE '١٢٠٠' {OTHER_DIGITS}"),
    ("Infinity", "2022-09-30", None, f"VALUE 'Infinity' {NOT_A_NUMBER}"),
    ("inf", "2022-09-30", None, f"VALUE 'inf' {NOT_A_NUMBER}"),
    ("NaN", "2022-09-30", None, f"VALUE 'NaN' {NOT_A_NUMBER}"),
    ("true", "2022-09-30", None, f"VALUE 'true' {NOT_A_NUMBER}"),
    ("1e5000", "2022-09-30", None, f"VALUE '1e5000' {EXPONENT}"),
    ("1E+30", "2022-09-30", None, f"VALUE '1E+30' {EXPONENT}"),
    ("1" * 29, "2022-09-30", None, f"VALUE '{'1' * 29}' {NUMBER_LIMIT}"),
    ("1,000,000,000,000,000", "2022-09-30", None, f"VALUE '1,000,000,000,000,000' {NUMBER_LIMIT}"),
    (
        "0x4B0",
        "2022-09-30",
        None,
        "VALUE '0x4B0' is not a decimal number - write the figure in ordinary digits, "
        "such as 4542, 4,542 or 12.5",
    ),
    (
        "12,00",
        "2022-09-30",
        None,
        "VALUE '12,00' has commas in the wrong places - commas go between groups of three "
        "digits (4,542), or leave them out; for a decimal use a point (12.5)",
    ),
    (
        "74%",
        "2022-09-30",
        None,
        "VALUE '74%' should be the number alone, without % or £ - the statistic's kind "
        "(percentage or money) says how it is printed",
    ),
    (
        "1200",
        "2022-09-30 00:00:00",
        None,
        "--as-of '2022-09-30 00:00:00' has a time as well as a date - write the date as "
        "2022-06-30, without the time",
    ),
    (
        "1200",
        "1664496000",
        None,
        "--as-of '1664496000' is a number, not a date - write the date as 2022-06-30",
    ),
    (
        "1200",
        "2022-09-31",
        None,
        "--as-of '2022-09-31' is not a real date - check the day and the month (write the "
        "date as 2022-06-30)",
    ),
    (
        "1200",
        "2022-09-30",
        "30/09/2023",
        "--review-by '30/09/2023' is not a date - write it as 2022-06-30 (year, month, day)",
    ),
    (
        "1200",
        "2022-09-30",
        "20230-09-30",
        "--review-by '20230-09-30' is not a date - write it as 2022-06-30 (year, month, day)",
    ),
    (
        "1200",
        "2022-09-30",
        "9999-12-31",
        "--review-by '9999-12-31' has the year 9999 - a date must be between the years 1000 "
        "and 2999; check for a mistyped year",
    ),
]


@pytest.mark.parametrize(
    ("value", "as_of", "review_by", "says"),
    BAD_SET_ARGUMENTS,
    ids=[f"{v}|{a}|{r}" for v, a, r, _ in BAD_SET_ARGUMENTS],
)
def test_set_refuses_what_check_would_refuse_and_writes_nothing(
    figures: Project, value: str, as_of: str, review_by: str | None, says: str
) -> None:
    before = {p: p.read_bytes() for p in figures.root.rglob("*") if p.is_file()}
    review = ["--review-by", review_by] if review_by else []
    result = run(
        "figures", "set", "vacancies-may-2022", value, "--as-of", as_of, *review,
        "--project", figures.root,
    )  # fmt: skip
    assert result.exit_code == 2, result.output
    assert result.stderr == f"error: {says}\n"
    assert "Traceback" not in result.output and not isinstance(result.exception, KeyError)
    assert {p: p.read_bytes() for p in figures.root.rglob("*") if p.is_file()} == before


def _as_written(project: Project, text: str, mode: int) -> Path:
    """The statistics file, saved as Windows Notepad would: a BOM, CRLF, and `mode`."""
    path = project.root / STATS
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    os.chmod(path, mode)
    return path


def test_set_changes_only_the_bytes_of_the_fields_it_sets(figures: Project) -> None:
    original = (figures.root / STATS).read_text(encoding="utf-8")
    # Quotes, spacing and comments of the item and the rest of the file must survive.
    original = original.replace(
        "  kind: count\n  as_of: 2022-05-31", "  kind: 'count'\n  as_of: 2022-05-31"
    )
    path = _as_written(figures, original, 0o600)
    before = path.read_bytes()
    result = run(
        "figures", "set", "vacancies-may-2022", "1,200", "--as-of", "2022-09-30",
        "--review-by", "2023-03-31", "--source", "regions-illustrative",
        "--pinpoint", "table 3: vacancies", "--project", figures.root,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    old_item = (
        "  value: 1106   # as published\r\n  kind: 'count'\r\n  as_of: 2022-05-31\r\n"
        "  source: workforce-2022\r\n"
    )
    new_item = (
        "  value: 1200   # as published\r\n  kind: 'count'\r\n  as_of: 2022-09-30\r\n"
        "  review_by: 2023-03-31\r\n  source: regions-illustrative\r\n"
        '  pinpoint: "table 3: vacancies"\r\n'
    )
    assert before.count(old_item.encode()) == 1
    assert path.read_bytes() == before.replace(old_item.encode(), new_item.encode())
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "Source: regions-illustrative, table 3: vacancies." in result.stdout
    assert run("check", "--project", figures.root).exit_code == 0


def test_set_twice_with_the_same_figure_leaves_the_file_as_it_was(figures: Project) -> None:
    path = _as_written(figures, (figures.root / STATS).read_text(encoding="utf-8"), 0o640)
    before = path.read_bytes()
    args = ["vacancies-may-2022", "1106", "--as-of", "2022-05-31", "--project", figures.root]
    assert run("figures", "set", *args).exit_code == 0
    assert path.read_bytes() == before
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_set_in_a_one_line_item_adds_fields_inside_its_braces(make_project: MakeProject) -> None:
    stats = (make_project(base="figures").root / STATS).read_text(encoding="utf-8")
    old = stats[stats.index("- id: vacancies-may-2022") : stats.index("- id: area-in-post")]
    one_line = (
        "- {id: vacancies-may-2022, label: 'Vacancies, May 2022', value: 1106, kind: count,"
        " as_of: 2022-05-31, source: workforce-2022}\n\n"
    )
    project = make_project({STATS: stats.replace(old, one_line)}, base="figures")
    result = run(
        "figures", "set", "vacancies-may-2022", "1200", "--as-of", "2022-05-31",
        "--pinpoint", "table 3, row 2", "--project", project.root,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    after = (project.root / STATS).read_text(encoding="utf-8")
    assert after == stats.replace(
        old, one_line.replace("1106", "1200").replace("}", ', pinpoint: "table 3, row 2"}')
    )


def test_set_with_an_unknown_source_suggests_the_closest_and_writes_nothing(
    figures: Project,
) -> None:
    before = (figures.root / STATS).read_bytes()
    result = run(
        "figures", "set", "vacancies-may-2022", "1200", "--as-of", "2022-09-30",
        "--source", "workforce-2023", "--project", figures.root,
    )  # fmt: skip
    assert result.exit_code == 2
    assert result.stderr == (
        "error: --source: there is no reference 'workforce-2023' (did you mean "
        "'workforce-2022'?) - give the id of a reference in sources/references/\n"
    )
    assert (figures.root / STATS).read_bytes() == before


@pytest.mark.parametrize("pinpoint", ["", "   ", "table 2\npara 3"])
def test_set_refuses_an_empty_or_multi_line_pinpoint(figures: Project, pinpoint: str) -> None:
    result = run(
        "figures", "set", "vacancies-may-2022", "1200", "--as-of", "2022-09-30",
        "--pinpoint", pinpoint, "--project", figures.root,
    )  # fmt: skip
    assert result.exit_code == 2
    assert "--pinpoint takes one line of text saying where in the source" in result.stderr


def test_figures_and_list_report_a_statistic_that_cannot_be_read(
    make_project: MakeProject,
) -> None:
    stats = (make_project(base="figures").root / STATS).read_text(encoding="utf-8")
    project = make_project({STATS: stats.replace("value: 1106", "value: 1_106")}, base="figures")
    problem = (
        f"{STATS}:34: value: has an underscore - write 1000 or 1,000, not 1_000 (found '1_106')"
    )
    for command in (["figures"], ["figures", "--json"], ["list"]):
        result = run(*command, "--project", project.root)
        assert result.exit_code == 1, (command, result.output)
        assert problem in result.stderr
        assert "Traceback" not in result.output
    listed = run("figures", "--json", "--project", project.root).stdout
    assert "vacancies-may-2022" not in {row["id"] for row in json.loads(listed)}


# --- stale figures -------------------------------------------------------------------------


def test_check_warns_about_a_figure_past_its_review_date(
    make_project: MakeProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    stats = (make_project(base="figures").root / STATS).read_text(encoding="utf-8")
    stats = stats.replace("  as_of: 2022-05-31\n", "  as_of: 2022-05-31\n  review_by: 2022-12-01\n")
    project = make_project({STATS: stats}, base="figures")
    monkeypatch.setenv("PARLBRIEF_TODAY", "2022-11-30")
    assert run("check", "--strict", "--project", project.root).exit_code == 0
    monkeypatch.setenv("PARLBRIEF_TODAY", "2022-12-02")
    result = run("check", "--project", project.root)
    assert result.exit_code == 0
    assert (
        f"{STATS}:32: warning: vacancies-may-2022 is stale: it was due for review on "
        "1 December 2022 - check for newer figures and update it with `parlbrief figures "
        "set vacancies-may-2022 VALUE --as-of DATE`"
    ) in result.stderr
    assert run("check", "--strict", "--project", project.root).exit_code == 1
    assert listing(project)["vacancies-may-2022"]["stale"] is True


def test_max_age_makes_old_figures_stale_and_names_the_csv_row(
    make_project: MakeProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project({"parlbrief.yaml": "max_age_days: 365\n"}, base="figures")
    monkeypatch.setenv("PARLBRIEF_TODAY", "2023-05-15")
    result = run("check", "--project", project.root)
    warnings = [x for x in result.stderr.splitlines() if "stale" in x]
    assert warnings == [
        f"{STATS}:2: warning: in-post-mar-2021 is stale: it describes 31 March 2021, more "
        "than 365 days ago (max_age_days in parlbrief.yaml) - check for newer figures and "
        f"update {CSV} line 3",
    ]
    rows = listing(project)
    assert rows["in-post-mar-2021"]["stale"] is True
    assert rows["in-post-jun-2022"]["stale"] is False


def test_build_strict_fails_on_a_stale_figure(
    make_project: MakeProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project({"parlbrief.yaml": "max_age_days: 30\n"}, base="figures")
    monkeypatch.setenv("PARLBRIEF_TODAY", "2030-01-01")
    result = run("build", "other", "--strict", "--format", "html", "--project", project.root)
    assert result.exit_code == 1
    assert "vacancies-may-2022 is stale" in result.stderr
    assert not (project.out / "other.html").exists()


def test_a_figure_moved_to_a_new_month_is_flagged_until_its_label_follows(
    figures: Project,
) -> None:
    moved = run(
        "figures", "set", "vacancies-may-2022", "1200", "--as-of", "2022-06-30",
        "--project", figures.root,
    )  # fmt: skip
    assert moved.exit_code == 0, moved.output
    warning = (
        f"{STATS}:33: warning: vacancies-may-2022: the label says 'May 2022' but the figure "
        "is as at 30 June 2022 - change the label to match"
    )
    assert warning in moved.stderr  # said at once, by `figures set`
    result = run("check", "--project", figures.root)
    assert result.exit_code == 0 and warning in result.stderr
    assert run("check", "--strict", "--project", figures.root).exit_code == 1
    stats = figures.root / STATS
    text = stats.read_text(encoding="utf-8")
    stats.write_text(text.replace("Service, May 2022", "Service, June 2022"), encoding="utf-8")
    assert run("check", "--strict", "--project", figures.root).exit_code == 0


def test_a_label_naming_other_months_as_well_as_its_own_is_not_flagged(
    make_project: MakeProject,
) -> None:
    stats = (make_project(base="figures").root / STATS).read_text(encoding="utf-8")
    stats = stats.replace(
        "Vacancies across the Probation Service, May 2022",
        "Vacancies in May 2022, up from 900 in March 2021",
    )
    project = make_project({STATS: stats}, base="figures")
    result = run("check", "--strict", "--project", project.root)
    assert result.exit_code == 0, result.output


def test_a_derived_figure_whose_inputs_moved_on_is_flagged_by_its_own_label(
    make_project: MakeProject,
) -> None:
    # The shortfall is worked out from two June figures; moved to September, its
    # inputs are relabelled, but the shortfall's own label still says June.
    stats = (make_project(base="figures").root / STATS).read_text(encoding="utf-8")
    stats = stats.replace("as_of: 2022-06-30", "as_of: 2022-09-30")
    stats = stats.replace("in post, June 2022", "in post, September 2022")
    stats = stats.replace("required, June 2022", "required, September 2022")
    project = make_project({STATS: stats}, base="figures")
    result = run("check", "--project", project.root)
    assert result.exit_code == 0, result.output
    flagged = [line for line in result.stderr.splitlines() if "the label says" in line]
    assert flagged == [
        f"{STATS}:27: warning: shortfall-jun-2022: the label says 'June 2022' but the "
        "figure is as at 30 September 2022 - change the label to match"
    ]


def test_set_on_a_folder_it_cannot_write_names_the_file_and_what_to_do(
    figures: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    import parlbrief.figures as module

    def refuse(target: Path, data: bytes, mode: int | None = None) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    before = (figures.root / STATS).read_bytes()
    monkeypatch.setattr(module, "write_bytes", refuse)
    result = run(
        "figures", "set", "vacancies-may-2022", "1200", "--as-of", "2022-09-30",
        "--project", figures.root,
    )  # fmt: skip
    assert result.exit_code == 2, result.output
    assert f"{STATS} could not be written (Read-only file system)" in result.stderr
    assert "the disk is read-only" in result.stderr
    assert (figures.root / STATS).read_bytes() == before
