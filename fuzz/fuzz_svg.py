"""Fuzz the SVG cleaner: any bytes in, a clean drawing or `SvgError` out, never unsafe.

Run locally for a few minutes (atheris is not a project dependency):

    .venv/bin/pip install atheris
    mkdir -p /tmp/svg-corpus && cp tests/security/hostile/*.svg /tmp/svg-corpus/
    .venv/bin/python fuzz/fuzz_svg.py -max_total_time=180 /tmp/svg-corpus

The target fails on any exception but `SvgError` (a crash a press officer would see
as a traceback), on clean output that cleaning again refuses or changes (the cleaner
must be idempotent: what it lets through, it lets through again), and on clean output
holding script, an event handler, a `javascript:` address, a `<style>` sheet or a link
to anything but the drawing's own parts or an embedded picture. Failures are written
as crash-* files in the working folder.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

with atheris.instrument_imports():
    import parlbrief.svg
    from parlbrief.svg import SvgError, clean_svg

from tests.security.svg_oracle import unsafe_svg  # noqa: E402


def test_one_input(data: bytes) -> None:
    try:
        clean = clean_svg(data)
    except SvgError:
        return
    unsafe = unsafe_svg(clean.text)
    if unsafe:
        raise AssertionError(f"unsafe SVG {unsafe} from {data!r}: {clean.text}")
    again = clean_svg(clean.text.encode("utf-8"))
    if again.refused:
        raise AssertionError(f"cleaning twice refused {again.refused} in {clean.text}")
    if again.text != clean.text:
        raise AssertionError(f"cleaning twice changed {clean.text!r} to {again.text!r}")
    for refusal in clean.refused:
        if " - " not in refusal.message:
            raise AssertionError(f"a message without a remedy: {refusal}")


def main() -> None:
    assert parlbrief.svg  # instrumented above
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
