"""The Jinja environment templates are filled in by, and its limits.

Templates are Jinja, sandboxed, with StrictUndefined (a misspelt name is an error, not a
blank) and autoescaping for `.html.j2`. A template may take so long (`time_limit`) and
make so much (`bounded`) before it is stopped, where it stands, with a
TemplateLimitError that names its line.
"""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Callable, Generator, Iterator
from functools import lru_cache
from pathlib import Path
from types import FrameType

from jinja2 import (
    ChoiceLoader,
    FileSystemLoader,
    StrictUndefined,
    TemplateRuntimeError,
    select_autoescape,
)
from jinja2.sandbox import ImmutableSandboxedEnvironment

from parlbrief.project import TEMPLATE_SUFFIXES

#: What sys.settrace takes (typeshed's name for it is private).
TraceFunction = Callable[[FrameType, str, object], "TraceFunction | None"]


@lru_cache(maxsize=8)
def environment(template_dirs: tuple[Path, ...]) -> ImmutableSandboxedEnvironment:
    """One Jinja environment per template search path, project templates first.

    Templates come from other organisations too, so they run in Jinja's sandbox, which
    refuses private attributes and (immutable) any method that changes a list or dict;
    and what they are given is plain data (see render.views.plain), never the pipeline's objects.
    """
    return ImmutableSandboxedEnvironment(
        loader=ChoiceLoader([FileSystemLoader(str(d)) for d in template_dirs]),
        autoescape=select_autoescape(enabled_extensions=("html.j2", "html")),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def find_file(template_dirs: tuple[Path, ...], name: str) -> Path:
    """The first `name` on the template search path."""
    for folder in template_dirs:
        candidate = folder / name
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(name)


#: The most HTML a template may make for one briefing: a few hundred kilobytes is
#: usual, so this is only ever reached by a runaway loop.
MAX_HTML_CHARS = 20_000_000


class TemplateLimitError(TemplateRuntimeError):
    """A template ran too long or made too much: a runaway loop, or a hostile template."""


def bounded(chunks: Generator[str, None, None]) -> str:
    """The template's output, stopped once it passes MAX_HTML_CHARS.

    The error is thrown into the template where it stands, so that the message names
    the template's line, as for any other template error.
    """
    parts: list[str] = []
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > MAX_HTML_CHARS:
            chunks.throw(
                TemplateLimitError(
                    f"the template made over {MAX_HTML_CHARS:,} characters of HTML, as a "
                    "loop that never ends would"
                )
            )
        parts.append(chunk)
    return "".join(parts)


#: The shortest time limit a template is given: filling in a page takes milliseconds,
#: but a busy machine may pause any program for longer, and a --timeout under a second
#: is meant for the PDF's layout, not for the template.
MIN_SECONDS = 1.0


@contextlib.contextmanager
def time_limit(seconds: float | None, why: str | None = None) -> Iterator[None]:
    """Stop the template (a TemplateLimitError where it is) after `seconds`.

    A template's loops are Python running in this process, so the PDF workers' time
    limit cannot reach them. A trace function, set for this thread only, looks at the
    clock as each function starts and, in the template's own code, at each line (a
    loop that calls nothing still runs lines); past the limit it raises the error
    where the template stands. It works in whichever thread fills the template in (a
    timer signal reaches the main thread only, and the preview builds in another).
    `why` is the error's message, if not the template's.
    """
    if seconds is None:
        yield
        return
    seconds = max(seconds, MIN_SECONDS)
    deadline = time.monotonic() + seconds
    message = why or (
        f"the template took longer than {seconds:g} seconds to fill in, as a loop that "
        "never ends would (or allow longer with --timeout)"
    )

    def on_line(frame: FrameType, event: str, arg: object) -> TraceFunction | None:
        if time.monotonic() > deadline:
            raise TemplateLimitError(message)
        return on_line

    def on_call(frame: FrameType, event: str, arg: object) -> TraceFunction | None:
        if time.monotonic() > deadline:
            raise TemplateLimitError(message)
        return on_line if frame.f_code.co_filename.endswith(TEMPLATE_SUFFIXES) else None

    previous = sys.gettrace()
    sys.settrace(on_call)
    try:
        yield
    finally:
        sys.settrace(previous)
