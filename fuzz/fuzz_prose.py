"""Fuzz the prose pipeline: Markdown in, HTML for both media out, never unsafe.

Run locally for a few minutes (atheris is not a project dependency):

    .venv/bin/pip install atheris
    cp -r fuzz/corpus /tmp/prose-corpus     # libFuzzer adds new inputs to this folder
    .venv/bin/python fuzz/fuzz_prose.py -max_total_time=120 /tmp/prose-corpus

(Without a folder it starts from nothing, which also works, only more slowly.)

Each input is decoded as UTF-8 text and sent through parse, resolve (citations,
figures, the link and image policy) and render. The target fails on any exception
(a crash a press officer would see as a traceback) and on any HTML that holds script,
an event handler, a refused link or an image that is not embedded. Seeds are in
fuzz/corpus/; failures are written as crash-* files in the working folder.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

with atheris.instrument_imports():
    import markdown_it  # noqa: F401

    import parlbrief.render.prose_html
    import parlbrief.resolve
    import parlbrief.resolve.prose
    import parlbrief.resolve.safety  # noqa: F401

from tests.properties.pipeline import corpus_for_prose, run_prose, unsafe_html  # noqa: E402

CORPUS = corpus_for_prose(REPO / "tests" / "projects" / "guarded" / "sources" / "assets")


def test_one_input(data: bytes) -> None:
    text = data.decode("utf-8", "replace")
    html, problems = run_prose(text, CORPUS)
    for page in html:
        unsafe = unsafe_html(page)
        if unsafe:
            raise AssertionError(f"unsafe HTML {unsafe} from {text!r}")
    for problem in problems.items:
        if " - " not in problem.message:
            raise AssertionError(f"a message without a remedy: {problem}")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
