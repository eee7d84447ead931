"""`parlbrief figures`, `parlbrief figures set` and stale figures, as a user runs them."""

from __future__ import annotations

import json
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
        (["vacancies-may-2022", "many", "--as-of", "2022-01-01"], "VALUE must be a number"),
        (["vacancies-may-2022", "1", "--as-of", "June 2022"], "--as-of takes a date"),
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
