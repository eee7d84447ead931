"""Template checks for `check`: each template parsed, then filled in for every output
as a build would, so that a template's mistake is reported at its file and line
before anything is built; and a template error worded for a press officer."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from jinja2 import TemplateError, TemplateSyntaxError

from parlbrief.errors import Origin, Problems
from parlbrief.project import TEMPLATE_SUFFIXES, shown_path
from parlbrief.render.environment import environment, time_limit
from parlbrief.render.html_document import TEMPLATE, render_html
from parlbrief.render.views import Medium
from parlbrief.resolve import ResolvedBriefing

#: The two kinds of page a briefing is filled in for.
MEDIA: tuple[Medium, ...] = ("pdf", "html")
#: How long `check` lets a template run for one page before calling it endless.
CHECK_SECONDS = 30.0
#: How long the output guard may take to look at one filled-in page (a usual page takes
#: a fraction of a second; a page built to be slow to parse, minutes).
GUARD_SECONDS = 10.0


def check_templates(
    template_dirs: tuple[Path, ...], files: list[tuple[Path, Path]], root: Path, problems: Problems
) -> None:
    """Parse each of `files` ((folder, path) pairs), so a syntax error stops `check`.

    Found before anything renders, each error names the template file and line.
    """
    env = environment(template_dirs)
    for folder, path in files:
        shown = shown_path(path, root)
        try:
            source = path.read_text(encoding="utf-8")
            env.parse(source, path.relative_to(folder).as_posix(), str(path))
        except TemplateSyntaxError as exc:
            problems.error(
                Origin(shown, exc.lineno),
                f"template error: {exc.message or exc} - fix the template",
            )
        except (OSError, UnicodeDecodeError) as exc:
            problems.error(
                Origin(shown), f"the template could not be read ({exc}) - save it as UTF-8"
            )


def check_stylesheets(files: list[Path], root: Path, problems: Problems) -> None:
    """Each of the project's own CSS files held to what a page may load (parlbrief.guard),
    each refusal at its file and line: found here, before any page is made, instead of
    by the guard in a whole page's <style>, which cannot say which file wrote it."""
    from parlbrief.guard.stylesheets import findings_by_line

    for path in files:
        shown = shown_path(path, root)
        try:
            css = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            said = f"the style sheet could not be read ({exc}) - save it as UTF-8"
            problems.error(Origin(shown), said)
            continue
        for line, said in findings_by_line(css):
            problems.error(Origin(shown, line), said)


def describe_template_error(exc: BaseException, root: Path | None = None) -> str:
    """'templates/briefing.html.j2:12: template error: ... - fix the template'."""
    origin, message = template_error(exc, root)
    return f"{origin}: {message}" if origin is not None else message


def template_error(exc: BaseException, root: Path | None = None) -> tuple[Origin | None, str]:
    """Where a template error is (when known) and what it is, as a press officer reads it.

    Syntax errors carry their file and line; for errors while rendering (an undefined
    name under StrictUndefined, a sandbox refusal) Jinja puts the template's file and
    line in the traceback, so the last template frame there is where to look.
    """
    filename = getattr(exc, "filename", None)
    line = getattr(exc, "lineno", None)
    if filename is None:
        tb = exc.__traceback__
        while tb is not None:
            name = tb.tb_frame.f_code.co_filename
            if name.endswith(TEMPLATE_SUFFIXES):
                filename, line = name, tb.tb_lineno
            tb = tb.tb_next
    message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    text = f"template error: {message} - fix the template"
    if filename is None:
        return None, text
    shown = shown_path(Path(filename), root) if root is not None else filename
    return Origin(shown, line), text


def try_templates(
    resolved: Mapping[str, ResolvedBriefing],
    template_dirs: tuple[Path, ...],
    brand_dir: Callable[[ResolvedBriefing], Path],
    root: Path,
    problems: Problems,
    seconds: float | None = None,
) -> None:
    """Fill the templates for every output, as a build would, and report what fails.

    For `check` on a project with templates of its own, so that an error that shows
    only when a template runs (a misspelt name, a refused method) is found before a
    build; each is reported once, at the template's line. Each page may take
    `seconds` (default CHECK_SECONDS).
    """
    said: set[tuple[Origin | None, str]] = set()
    own = Origin(shown_path(template_dirs[0] / TEMPLATE, root))
    for briefing in resolved.values():
        folder = brand_dir(briefing)
        for medium in MEDIA:
            found: tuple[Origin | None, str] | None
            try:
                limit = seconds or CHECK_SECONDS
                page = render_html(briefing, medium, template_dirs, folder, seconds=limit)
                # The guard's look at the page has a limit too: a page a template made
                # slow to parse (a tag name a million letters long) is stopped there.
                with time_limit(max(limit, GUARD_SECONDS), _slow_page(limit)):
                    found = _refused(page, medium, own, root)
            except TemplateError as exc:
                found = template_error(exc, root)
            if found is not None and found not in said:
                said.add(found)
                problems.error(found[0] or own, found[1])


def _slow_page(seconds: float) -> str:
    return (
        f"the page the template made took longer than {max(seconds, GUARD_SECONDS):g} "
        "seconds to check, as a page made to be slow to read would (a tag name or a "
        "style sheet thousands of characters long)"
    )


def _refused(
    page: str, medium: Medium, own: Origin, root: Path
) -> tuple[Origin | None, str] | None:
    """What the output guard (parlbrief.guard) would refuse in a filled-in page, at the
    line of the project's own template or CSS that writes it (the first one found)."""
    from parlbrief.guard import inspect_page, with_csp
    from parlbrief.guard.refusals import where_written

    html = medium == "html"
    findings = inspect_page(with_csp(page) if html else page, pdf=not html)[0]
    if not findings:
        return None
    folder = root / "templates"
    found = where_written(findings[0], sorted(folder.rglob("*")) if folder.is_dir() else [])
    if found is not None:
        own = Origin(shown_path(found[0], root), found[1])
    more = f" (and {len(findings) - 1} more)" if len(findings) > 1 else ""
    return own, f"the pages these templates make would not be written: {findings[0]}{more}"
