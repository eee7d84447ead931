"""Stage 2: checks across files, which no single file's schema can make."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from parlbrief.errors import Problems
from parlbrief.load import Corpus
from parlbrief.model import Brand
from parlbrief.resolve.safety import SVG_DANGER

#: A brand colour goes into CSS as written: only forms that cannot carry a `url(...)`
#: or close the rule (which would let a brand file fetch a tracker into the HTML).
_COLOUR = re.compile(
    r"^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,30}|(rgb|rgba|hsl|hsla)\([0-9., %/a-z]{1,60}\))$"
)
_FONT = re.compile(r"^[A-Za-z0-9 ._'-]{1,80}$")
#: A brand logo is a small drawing; anything larger is a mistake (an embedded photo).
MAX_LOGO_BYTES = 500_000


def validate_corpus(corpus: Corpus, problems: Problems) -> None:
    """Ids unique across kinds; every statistic tied to a known source; nothing unsafe."""
    validate_safety(corpus, problems)
    seen: dict[str, str] = {}
    for item_id, origin in corpus.all_ids():
        if item_id in seen:
            problems.error(
                origin, f"the id '{item_id}' is already used at {seen[item_id]} - rename one"
            )
        else:
            seen[item_id] = str(origin)
    for stat in corpus.statistics.values():
        if stat.source is None:
            if stat.formula is not None:
                continue  # a derived figure cites the sources of its inputs
            problems.warning(
                stat.origin,
                f"{stat.id}: this statistic has no source - add 'source: <reference id>'",
            )
        elif stat.source not in corpus.references:
            hint = corpus.missing(corpus.references, stat.source)
            if hint is not None:
                problems.error(
                    stat.at("source"),
                    f"source: there is no reference '{stat.source}'{hint} - "
                    "check the id against sources/references/",
                )


def validate_safety(corpus: Corpus, problems: Problems) -> None:
    """Nothing a file says may make a briefing load or link to something it should not.

    Reference URLs become links in notes; brand colours, fonts and logos go into the
    page as written. Each is checked here so the render stage never meets them.
    """
    for ref in corpus.references.values():
        if ref.url is not None and not _web_address(ref.url):
            problems.error(
                ref.origin,
                f"url: {ref.url!r} is not a web address - write the full address, "
                "starting https:// (or http://)",
            )
    for brand_id, brand in sorted(corpus.brands.items()):
        _check_brand(brand, corpus.brand_dirs.get(brand_id), problems)


def _web_address(url: str) -> bool:
    parts = urlsplit(url)
    return (
        parts.scheme.lower() in ("http", "https")
        and bool(parts.hostname)
        and (not any(c.isspace() or ord(c) < 32 for c in url))
    )


def _check_brand(brand: Brand, folder: Path | None, problems: Problems) -> None:
    for name, value in brand.colours.model_dump(exclude={"origin"}).items():
        if not _COLOUR.match(str(value)):
            problems.error(
                brand.origin,
                f"colours.{name}: {value!r} is not a colour - write it as #1f3a5f "
                "(or a colour name such as navy)",
            )
    for name, value in brand.fonts.model_dump(exclude={"origin"}).items():
        if not _FONT.match(str(value)):
            problems.error(
                brand.origin,
                f"fonts.{name}: {value!r} is not a font name - write only the name, such as Lato",
            )
    if brand.logo is not None and folder is not None:
        _check_logo(brand, brand.logo, folder, problems)


def _check_logo(brand: Brand, logo: str, folder: Path, problems: Problems) -> None:
    """The logo must be an SVG file inside the brand's folder, with nothing live in it."""
    path = (folder / logo).resolve()
    if not path.is_relative_to(folder.resolve()) or "\\" in logo:
        problems.error(
            brand.origin,
            f"logo: {logo!r} is outside the brand's folder - put the SVG file next to "
            "brand.yaml and give its name",
        )
        return
    if path.suffix.lower() != ".svg" or not path.is_file():
        problems.error(
            brand.origin,
            f"logo: there is no SVG file {logo!r} next to brand.yaml - add it or fix the name",
        )
        return
    try:
        data = path.read_bytes()[: MAX_LOGO_BYTES + 1]
        text = data.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        problems.error(brand.origin, f"logo: {logo!r} is not UTF-8 SVG text - save it again")
        return
    if len(data) > MAX_LOGO_BYTES:
        problems.error(
            brand.origin,
            f"logo: {logo!r} is over {MAX_LOGO_BYTES:,} bytes - simplify or compress the SVG",
        )
    elif match := SVG_DANGER.search(text):
        line = text.count("\n", 0, match.start()) + 1
        problems.error(
            brand.origin,
            f"logo: {logo!r} line {line} has {match.group(0).strip()!r}, which would run "
            "or load something when the briefing is opened - remove it from the SVG",
        )
