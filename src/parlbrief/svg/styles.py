"""A drawing's CSS, checked as it is read and then written into its elements.

Values in `style` attributes, presentation attributes (`fill="..."`) and `<style>`
sheets may use only the properties and functions svg.policy allows, and `url()`
only for the drawing's own parts (`#name`); anything that loads or runs is refused.
A `<style>` sheet is applied to the elements it matches and removed: a style sheet
inside inline SVG applies to the whole web page (OWASP's "CSS injection"), so a logo's
`.st0 { fill: red }` could restyle the briefing around it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import cssselect2
import tinycss2
from lxml import etree
from tinycss2.ast import Declaration, Node

from parlbrief.css import css_tokens
from parlbrief.quoting import shown
from parlbrief.svg.policy import CSS_FUNCTIONS, CSS_RUNS, FRAGMENT, LOADS, NOT_XML, PROPERTIES, RUNS

#: Notes a refusal: the line of the file, and the message.
Refuse = Callable[[int | None, str], None]


class Styles:
    """A drawing's CSS as it is read: refusals go to `refuse`; `<style>` sheets' checked
    rules are kept in `rules` to be applied to the finished drawing."""

    def __init__(self, refuse: Refuse) -> None:
        self.refuse = refuse
        self.rules: list[tuple[str, list[Declaration]]] = []

    def clean_declarations(
        self, line: int | None, where: str, nodes: Iterable[Node]
    ) -> list[Declaration]:
        kept: list[Declaration] = []
        for node in nodes:
            if node.type == "at-rule":
                self._at_rule(line, where, node)
            elif node.type != "declaration":
                continue
            elif node.lower_name in CSS_RUNS:
                self.refuse(line, f"{where} sets {node.lower_name}, which {RUNS} - remove it")
            elif node.lower_name in PROPERTIES and self.clean_value(line, where, node.value):
                kept.append(node)
        return kept

    def property_value(self, line: int | None, where: str, value: str) -> str | None:
        """A presentation attribute's value (`fill="..."`), clean, or None to drop it."""
        tokens = tinycss2.parse_component_value_list(value, skip_comments=True)
        clean = tinycss2.serialize(tokens).strip()
        ok = self.clean_value(line, where, tokens)
        return clean if ok and not NOT_XML.search(clean) else None

    def clean_value(self, line: int | None, where: str, tokens: list[Node]) -> bool:
        """Whether a CSS value loads and runs nothing; a refusal is noted if not."""
        for token in css_tokens(tokens):
            if token.type in ("error", "() block", "[] block", "{} block"):
                return False  # broken or not SVG (bad url, stray brackets): dropped quietly
            if token.type == "url" or (token.type == "function" and token.lower_name == "url"):
                url = token.value if token.type == "url" else _string_argument(token)
                if not FRAGMENT.fullmatch(url.strip()):
                    self.refuse(
                        line,
                        f"{where} uses url({shown(url)}), which {LOADS} - "
                        "use a colour, or url(#name) for a part of the drawing",
                    )
                    return False
            elif token.type == "function" and token.lower_name not in CSS_FUNCTIONS:
                self.refuse(
                    line,
                    f"{where} uses {token.name}(), which can load or run "
                    "something - use a plain colour or size",
                )
                return False
        return True

    def _at_rule(self, line: int | None, where: str, rule: Node) -> None:
        keyword = rule.lower_at_keyword
        if keyword == "import":
            self.refuse(
                line,
                f"@import in {where} would load a style sheet from outside "
                "the briefing - remove it",
            )
        elif keyword == "font-face":
            self.refuse(
                line,
                f"@font-face in {where} {LOADS} - turn the text into shapes "
                "(outline it) when exporting",
            )
        # Other at-rules (@media, @keyframes, @charset, ...) are dropped quietly.

    def read_sheet(self, source: etree._Element) -> None:
        """Keep a `<style>` sheet's rules (checked) to apply them to the elements."""
        line = source.sourceline or 1
        css = "".join(source.itertext())
        for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
            at = line + (rule.source_line or 1) - 1
            if rule.type == "at-rule":
                self._at_rule(at, "the <style> sheet", rule)
            elif rule.type == "qualified-rule":
                body = tinycss2.parse_blocks_contents(rule.content, skip_whitespace=True)
                kept = self.clean_declarations(at, "the <style> sheet", body)
                if kept:
                    self.rules.append((tinycss2.serialize(rule.prelude), kept))

    def apply(self, root: etree._Element) -> None:
        """Write the `<style>` rules into each matching element's `style` attribute.

        The cascade is kept: later and more specific rules win, `!important` wins,
        and the element's own `style` beats the sheet's normal rules.
        """
        if not self.rules:
            return
        matcher = cssselect2.Matcher()
        for order, (prelude, declarations) in enumerate(self.rules):
            try:
                selectors = cssselect2.compile_selector_list(prelude)
            except cssselect2.SelectorError:
                continue  # a selector SVG cannot use (:hover...): it matched nothing
            for selector in selectors:
                if selector.pseudo_element is None:
                    matcher.add_selector(selector, (order, declarations))
        for wrapper in cssselect2.ElementWrapper.from_xml_root(root).iter_subtree():
            _apply(wrapper.etree_element, matcher.match(wrapper))


def _apply(element: etree._Element, matches: list[Any]) -> None:
    """Set `element`'s style to the declarations that win the cascade."""
    if not matches:
        return
    ranked: list[tuple[tuple[Any, ...], Declaration]] = []
    for specificity, _order, _pseudo, (rule, declarations) in matches:
        for index, declaration in enumerate(declarations):
            rank = (declaration.important, 0, specificity, rule, index)
            ranked.append((rank, declaration))
    for index, declaration in enumerate(declaration_list(element.get("style", ""))):
        if declaration.type == "declaration":
            ranked.append(((declaration.important, 1, (0, 0, 0), 0, index), declaration))
    winners: dict[str, Declaration] = {}
    for _rank, declaration in sorted(ranked, key=lambda pair: pair[0]):
        winners.pop(declaration.lower_name, None)
        winners[declaration.lower_name] = declaration
    set_style(element, list(winners.values()))


def declaration_list(css: str) -> list[Node]:
    """The declarations of a `style` attribute, comments and spaces left out."""
    return list(tinycss2.parse_declaration_list(css, skip_comments=True, skip_whitespace=True))


def set_style(element: etree._Element, declarations: list[Declaration]) -> None:
    """Set `style` to `declarations`, or remove it when none is left."""
    style = _serialise(declarations)
    if style:
        element.set("style", style)
    else:
        element.attrib.pop("style", None)


def _serialise(declarations: list[Declaration]) -> str:
    parts = []
    for d in declarations:
        value = tinycss2.serialize(d.value).strip()
        if NOT_XML.search(value):
            continue  # a CSS escape such as \\2 for a character XML cannot hold
        parts.append(f"{d.lower_name}:{value}{' !important' if d.important else ''}")
    return ";".join(parts)


def _string_argument(function: Node) -> str:
    """The address in `url("...")`: its string tokens (anything else makes it invalid)."""
    return "".join(str(t.value) for t in function.arguments if t.type == "string")
