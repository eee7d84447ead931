"""Stage 1, load: a press officer's files become typed items, or problems with a line.

Every problem is checked by what the user sees: `path:line: message`.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from parlbrief.errors import Problem
from parlbrief.load import load_project
from parlbrief.model import PartialDate
from parlbrief.project import Project
from tests.conftest import MakeProject


def problems_of(project: Project) -> list[str]:
    """The problems `load_project` finds, as the CLI prints them."""
    _, problems = load_project(project)
    return [str(p) for p in problems.sorted()]


def only_problem(project: Project) -> Problem:
    _, problems = load_project(project)
    assert len(problems.items) == 1, [str(p) for p in problems.items]
    return problems.items[0]


# --- the sample project loads cleanly --------------------------------------------------


def test_minimal_project_loads_every_item_without_problems(minimal: Project) -> None:
    corpus, problems = load_project(minimal)
    assert problems.items == []
    assert sorted(corpus.references) == ["committee-2011", "workforce-2022"]
    assert sorted(corpus.statistics) == ["contracts-share", "extra-funding", "officers-2022"]
    assert sorted(corpus.arguments) == ["local-trusts"]
    assert sorted(corpus.questions) == ["q-funding", "q-local"]
    assert sorted(corpus.briefings) == ["minimal"]


def test_each_item_remembers_its_file_and_line(minimal: Project) -> None:
    corpus, _ = load_project(minimal)
    ref = corpus.references["workforce-2022"]
    assert (ref.origin.path, ref.origin.line) == ("sources/references/sources.yaml", 12)
    assert corpus.questions["q-funding"].origin.line == 5
    assert corpus.briefings["minimal"].origin.path == "briefings/minimal.yaml"


def test_values_are_typed_from_the_strings_written(minimal: Project) -> None:
    corpus, _ = load_project(minimal)
    stat = corpus.statistics["officers-2022"]
    assert stat.value == Decimal("4542")
    assert stat.as_of == date(2022, 6, 30)
    assert stat.approximate is False
    assert corpus.references["workforce-2022"].date == PartialDate(2022, 8)
    assert corpus.briefings["minimal"].date == date(2026, 11, 23)


def test_an_argument_takes_its_id_from_the_file_name_and_keeps_its_body(
    minimal: Project,
) -> None:
    corpus, _ = load_project(minimal)
    argument = corpus.arguments["local-trusts"]
    assert argument.heading == "Local services worked"
    assert argument.body.startswith("Before the reforms there were 35 local trusts.")
    assert argument.body_line == 4


def test_an_argument_header_may_give_its_own_id(make_project: MakeProject) -> None:
    project = make_project(
        {"sources/arguments/notes.md": "---\nid: other-name\n---\nSome prose.\n"}
    )
    corpus, problems = load_project(project)
    assert problems.items == []
    assert "other-name" in corpus.arguments


def test_an_argument_without_a_header_is_all_body(make_project: MakeProject) -> None:
    corpus, _ = load_project(make_project({"sources/arguments/plain.md": "Just prose.\n"}))
    assert corpus.arguments["plain"].heading is None
    assert corpus.arguments["plain"].body.strip() == "Just prose."


# --- YAML is read safely: what was typed is what is meant --------------------------------


def test_yaml_scalars_stay_as_typed(make_project: MakeProject) -> None:
    # PyYAML alone would read NO as False and 1.10 as 1.1.
    project = make_project(
        {
            "sources/questions/q.yaml": "- id: q-no\n  text: NO\n",
            "sources/statistics/s.yaml": (
                "- id: ratio\n  label: A ratio\n  value: 1.10\n  kind: count\n"
                "  as_of: 2022-06-30\n  source: workforce-2022\n"
            ),
        }
    )
    corpus, problems = load_project(project)
    assert corpus.questions["q-no"].text == "NO"
    assert str(corpus.statistics["ratio"].value) == "1.10"
    assert not problems.errors


def test_a_key_given_twice_is_refused_with_both_lines(make_project: MakeProject) -> None:
    project = make_project({"sources/questions/q.yaml": "- id: q-a\n  text: One?\n  text: Two?\n"})
    problem = only_problem(project)
    assert str(problem.origin) == "sources/questions/q.yaml:3"
    assert "'text' is given twice, here and on line 2" in problem.message


def test_anchors_and_aliases_are_refused(make_project: MakeProject) -> None:
    project = make_project(
        {"sources/questions/q.yaml": "- id: q-a\n  text: &t Why?\n- id: q-b\n  text: *t\n"}
    )
    problem = only_problem(project)
    assert problem.origin.line == 2  # the anchor itself, where the fix is made
    assert "anchors and aliases" in problem.message


def test_broken_yaml_names_its_line(make_project: MakeProject) -> None:
    project = make_project({"sources/questions/q.yaml": "- id: q-a\n  text: [unclosed\n"})
    problem = only_problem(project)
    assert problem.origin.path == "sources/questions/q.yaml"
    assert problem.origin.line is not None
    assert problem.message == "a list in [brackets] is not closed - add the ']'"


# --- the schema's problems read as sentences at the right line -----------------------------


def test_a_missing_field_is_reported_at_its_item(make_project: MakeProject) -> None:
    project = make_project({"sources/questions/q.yaml": "- id: q-a\n  to: the Minister\n"})
    assert problems_of(project) == [
        "sources/questions/q.yaml:1: text: this field is required - add it"
    ]


def test_a_misspelt_field_is_reported_at_its_own_line(make_project: MakeProject) -> None:
    project = make_project({"sources/questions/q.yaml": "- id: q-a\n  text: Why?\n  txet: x\n"})
    assert problems_of(project) == [
        "sources/questions/q.yaml:3: txet: is not a field parlbrief knows - did you mean 'text'?"
    ]


def test_a_bad_id_says_what_an_id_may_contain(make_project: MakeProject) -> None:
    project = make_project({"sources/questions/q.yaml": "- id: Q_One\n  text: Why?\n"})
    problem = only_problem(project)
    assert problem.origin.line == 1
    assert "lower-case letters, digits and hyphens" in problem.message
    assert "'Q_One'" in problem.message


def test_a_bad_date_says_how_to_write_one(make_project: MakeProject) -> None:
    refs = "- id: bad-date\n  kind: report\n  author: Napo\n  title: A report\n  date: 30/06/2022\n"
    problem = only_problem(make_project({"sources/references/more.yaml": refs}))
    assert "write the date as 2022-06-30" in problem.message


def test_an_unknown_reference_kind_lists_the_known_ones(make_project: MakeProject) -> None:
    refs = "- id: odd\n  kind: blog\n  author: Napo\n  title: A post\n  date: 2022\n"
    problem = only_problem(make_project({"sources/references/more.yaml": refs}))
    assert str(problem.origin) == "sources/references/more.yaml:2"
    assert "committee report" in problem.message and "'blog'" in problem.message


def test_a_statistic_needs_exactly_one_value(make_project: MakeProject) -> None:
    stats = "- id: empty\n  label: Nothing\n  kind: count\n  as_of: 2022-06-30\n"
    problem = only_problem(make_project({"sources/statistics/more.yaml": stats}))
    assert "give exactly one of 'value', 'data' or 'formula'" in problem.message


def test_an_id_used_twice_names_the_other_place(make_project: MakeProject) -> None:
    # Files are read in name order, so questions.yaml's q-local is the second one seen.
    project = make_project({"sources/questions/more.yaml": "- id: q-local\n  text: Again?\n"})
    problem = only_problem(project)
    assert str(problem.origin) == "sources/questions/questions.yaml:1"
    assert "already used at sources/questions/more.yaml:1" in problem.message


def test_every_problem_is_reported_in_one_run(make_project: MakeProject) -> None:
    project = make_project(
        {
            "sources/questions/a.yaml": "- id: Bad\n  text: Why?\n",
            "sources/questions/b.yaml": "- id: q-b\n",
            "briefings/broken.yaml": "series: Briefing 2\n",
        }
    )
    paths = {line.split(":")[0] for line in problems_of(project)}
    assert paths == {
        "sources/questions/a.yaml",
        "sources/questions/b.yaml",
        "briefings/broken.yaml",
    }


# --- files that are not text ----------------------------------------------------------------


def test_a_file_that_is_not_utf8_names_the_line_and_the_fix(make_project: MakeProject) -> None:
    latin1 = "- id: q-a\n  text: Why?\n- id: q-b\n  text: Caf\xe9?\n".encode("latin-1")
    problem = only_problem(make_project({"sources/questions/q.yaml": latin1}))
    assert (problem.origin.path, problem.origin.line) == ("sources/questions/q.yaml", 4)
    assert "save it again as UTF-8" in problem.message


def test_a_huge_file_is_refused(make_project: MakeProject) -> None:
    huge = "- id: q-a\n  text: " + "x" * 1_100_000 + "\n"
    problem = only_problem(make_project({"sources/questions/q.yaml": huge}))
    assert "over the limit" in problem.message


def test_windows_line_endings_and_a_bom_are_accepted(make_project: MakeProject) -> None:
    text = "\ufeff- id: q-a\r\n  text: Why?\r\n"
    corpus, problems = load_project(make_project({"sources/questions/q.yaml": text}))
    assert problems.items == []
    assert corpus.questions["q-a"].text == "Why?"


def test_empty_files_are_ignored(make_project: MakeProject) -> None:
    _, problems = load_project(make_project({"sources/questions/empty.yaml": ""}))
    assert problems.items == []
