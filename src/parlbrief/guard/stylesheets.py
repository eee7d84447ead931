"""What a briefing's CSS may do: nothing that loads from the web or a file the reader
will not have, nothing that runs code in old browsers. Read with tinycss2, as a browser
tokenizes it, so escapes and odd case hide nothing."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

import tinycss2

from parlbrief.css import css_tokens
from parlbrief.guard.addresses import climbs_out, normalised, scheme_of
from parlbrief.quoting import shown

#: CSS functions whose string arguments are addresses to load.
CSS_URL_FUNCTIONS = frozenset(
    {"url", "src", "image", "image-set", "-webkit-image-set", "cross-fade", "-webkit-cross-fade"}
)
#: Old browsers' ways to run code from CSS (IE's expression() and HTC, Firefox's XBL).
CSS_RUNS = frozenset({"expression", "behavior", "-moz-binding"})


def check_css(css: str, where: str, *, local_files: bool = False) -> list[str]:
    """Findings for a style sheet (`where` names it: "<style>", "style= on <p>")."""
    return list(_checked(css, where, local_files))


@lru_cache(maxsize=16)
def _checked(css: str, where: str, local_files: bool) -> tuple[str, ...]:
    """Every page of a build carries the same style sheet: it is read once."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return tuple(css_findings(rules, where, local_files))


def findings_by_line(css: str) -> Iterator[tuple[int, str]]:
    """(line, finding) for a style sheet file, each at the line of the declaration or
    rule that has it, the finding's words without a place (the caller names the file).

    A file beside the project's (url(fonts/x.woff2)) is let through, as the PDF's guard
    lets it: a project that builds only PDFs may use one (the web page's guard still
    refuses it there)."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    for node in rules:
        yield from _located(node)


def _located(node: Any) -> Iterator[tuple[int, str]]:
    nested = node.type == "qualified-rule" or (
        node.type == "at-rule"
        and node.content is not None
        and node.lower_at_keyword not in ("import", "namespace")
    )
    if not nested:
        for said in css_findings([node], "", True):
            yield node.source_line, said.removeprefix(": ")
        return
    for said in _token_findings(node.prelude, "", True):
        yield node.source_line, said.removeprefix(": ")
    inner = tinycss2.parse_blocks_contents(node.content, skip_comments=True, skip_whitespace=True)
    for part in inner:
        yield from _located(part)


def css_findings(nodes: Iterable[Any], where: str, local: bool) -> Iterator[str]:
    for node in nodes:
        if node.type == "at-rule":
            keyword = node.lower_at_keyword
            if keyword == "import":
                yield f"{where}: @import loads another style sheet - paste its rules instead"
                continue
            if keyword == "namespace":
                continue  # a namespace name is never loaded
            yield from _token_findings(node.prelude, where, local)
            if node.content is not None:
                yield from _token_findings(node.content, where, local)
        elif node.type == "qualified-rule":
            yield from _token_findings(node.prelude, where, local)
            yield from _token_findings(node.content, where, local)
        elif node.type == "declaration":
            if node.lower_name in CSS_RUNS:
                yield f"{where}: the CSS property {node.name} runs code - remove it"
            yield from _token_findings(node.value, where, local)
        else:
            yield from _token_findings([node], where, local)


def _token_findings(tokens: Iterable[Any], where: str, local: bool) -> Iterator[str]:
    for token in css_tokens(tokens):
        if token.type == "url":
            yield from _css_url(token.value, where, local)
        elif token.type == "function":
            if token.lower_name in CSS_RUNS:
                yield f"{where}: {token.name}() runs code in old browsers - remove it"
            elif token.lower_name in CSS_URL_FUNCTIONS:
                for argument in token.arguments:
                    if argument.type == "string":
                        yield from _css_url(argument.value, where, local)
        elif token.type == "ident" and token.lower_value in CSS_RUNS:
            yield f"{where}: the CSS property {token.value} runs code - remove it"
        elif token.type == "at-keyword" and token.lower_value == "import":
            yield f"{where}: @import loads another style sheet - paste its rules instead"


def _css_url(value: str, where: str, local: bool) -> Iterator[str]:
    url = normalised(value)
    if url is None:
        yield f"{where}: url({shown(value)}) has hidden control characters - remove it"
        return
    if url.startswith("#") or url.lower().startswith("data:"):
        return
    if scheme_of(url)[0] in ("http", "https") or url.startswith("//"):
        yield (
            f"{where}: url({shown(url)}) loads from the web - a briefing must be "
            "self-contained: embed it (data:) or remove it"
        )
    elif (climbed := climbs_out(url)) is not None:
        yield f"{where}: url({shown(url)}): {climbed}"
    elif scheme_of(url)[0] or not local:
        yield (
            f"{where}: url({shown(url)}) loads a file the reader will not have - embed "
            "it (data:) or remove it"
        )
