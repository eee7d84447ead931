"""Stage 2: checks across files, which no single file's schema can make."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from parlbrief import contrast, fonts
from parlbrief.errors import Origin, Problems
from parlbrief.header_text import header_problem
from parlbrief.load import Corpus
from parlbrief.model import Brand, Briefing
from parlbrief.model.variant_text import no_such_column, unknown_fields
from parlbrief.pictures import MAX_LOGO_BYTES, read_picture
from parlbrief.questions import check_questions

#: A brand colour goes into CSS as written: only forms that cannot carry a `url(...)`
#: or close the rule (which would let a brand file fetch a tracker into the HTML).
_COLOUR = re.compile(
    r"^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,30}|(rgb|rgba|hsl|hsla)\([0-9., %/a-z]{1,60}\))$"
)
_FONT = re.compile(r"^[A-Za-z0-9 ._'-]{1,80}$")
#: A variant's name becomes its files' names (build/<id>/<name>.pdf), which file systems
#: limit to 255 bytes.
MAX_VARIANT_NAME = 100
#: Logos parlbrief can print: a drawing, or a picture with or without transparency.
LOGO_TYPES = (".svg", ".png", ".jpg", ".jpeg")
#: How tall the logo prints (`.logo` in briefing.css), and the sharpness print needs.
LOGO_PRINT_HEIGHT_MM = 13
LOGO_MIN_DPI = 300
LOGO_MIN_PIXELS = round(LOGO_PRINT_HEIGHT_MM / 25.4 * LOGO_MIN_DPI)


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
    check_questions(corpus, problems)  # written forms and offices (docs/questions.md)


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
        if brand.contact is not None:
            _check_web(brand.contact.web, brand.at("contact", "web"), "contact.web", problems)
    for briefing in corpus.briefings.values():
        _check_contacts(briefing, problems)
    validate_headers(corpus, problems)
    for briefing in corpus.briefings.values():
        _check_variant_fields(corpus, briefing, problems)


def _check_variant_fields(corpus: Corpus, briefing: Briefing, problems: Problems) -> None:
    """Each `{variant.<column>}` the briefing writes names a column of its variants
    table (after any join), or `in_text`."""
    table = corpus.data.get(briefing.variants.data) if briefing.variants else None
    if table is None:
        return  # no variants, or resolve reports the missing file
    for loc, text in _strings(briefing.model_dump()):
        for column in unknown_fields(text, table.columns):
            problems.error(briefing.at(*loc), no_such_column(column, table.path, table.columns))


def _strings(
    value: object, loc: tuple[str | int, ...] = ()
) -> list[tuple[tuple[str | int, ...], str]]:
    """Every string in a dumped model, however deep, with where it is ('sections', 0, ...)."""
    if isinstance(value, str):
        return [(loc, value)]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in _strings(v, (*loc, k))]
    if isinstance(value, list | tuple):
        return [s for i, v in enumerate(value) for s in _strings(v, (*loc, i))]
    return []


def validate_headers(corpus: Corpus, problems: Problems) -> None:
    """Text that becomes an email header or a Word property, each on one line.

    The Subject is the series and title (with a variant's name from its CSV cell), the
    From the signatory's or contact's address, Word's title, subtitle and author the
    title, strapline and brand name (parlbrief.header_text says why).
    """
    for brand in corpus.brands.values():
        _check_header(brand.at("name"), "name", brand.name, problems)
        if brand.contact is not None and brand.contact.email is not None:
            where = brand.at("contact", "email")
            _check_header(where, "contact.email", brand.contact.email, problems, address=True)
    for briefing in corpus.briefings.values():
        for loc, value in _header_fields(briefing):
            field = ".".join(loc)
            address = loc[-1] == "email"
            _check_header(briefing.at(*loc), field, value, problems, address=address)
        if briefing.variants is not None:
            _check_variant_names(corpus, briefing, problems)


def _header_fields(briefing: Briefing) -> list[tuple[tuple[str, ...], str]]:
    """(where, value) for each field of `briefing` that reaches a header."""
    found: list[tuple[tuple[str, ...], str]] = [
        (("series",), briefing.series),
        (("title",), briefing.title),
    ]
    if briefing.strapline is not None:
        found.append((("strapline",), briefing.strapline))
    if briefing.signatory is not None:
        found.append((("signatory", "name"), briefing.signatory.name))
        if briefing.signatory.email is not None:
            found.append((("signatory", "email"), briefing.signatory.email))
    if briefing.contact is not None and briefing.contact.email is not None:
        found.append((("contact", "email"), briefing.contact.email))
    return found


def _check_variant_names(corpus: Corpus, briefing: Briefing, problems: Problems) -> None:
    """Each variant's name (its cell in the key column) stands for {variant} in the
    title: reported at the cell's row, naming the column."""
    assert briefing.variants is not None
    table = corpus.data.get(briefing.variants.data)
    key = briefing.variants.key
    if table is None or key not in table.columns:
        return  # resolve reports the missing file or column
    for row in table.rows:
        name = row.get(key).strip()
        _check_header(row.origin, f"column '{key}'", name, problems)
        if len(name) > MAX_VARIANT_NAME:
            problems.error(
                row.origin,
                f"column '{key}': the name is {len(name):,} characters long, over the limit "
                f"of {MAX_VARIANT_NAME} (it names the variant's files) - shorten it",
            )


def _check_header(
    where: Origin, field: str, value: str, problems: Problems, *, address: bool = False
) -> None:
    message = header_problem(field, value, address=address)
    if message is not None:
        problems.error(where, message)


def _check_contacts(briefing: Briefing, problems: Problems) -> None:
    """A briefing's and its signatory's web pages become links: full web addresses only."""
    if briefing.contact is not None:
        where = briefing.at("contact", "web")
        _check_web(briefing.contact.web, where, "contact.web", problems)
    if briefing.signatory is not None:
        where = briefing.at("signatory", "web")
        _check_web(briefing.signatory.web, where, "signatory.web", problems)


def _check_web(url: str | None, where: Origin, field: str, problems: Problems) -> None:
    if url is not None and not _web_address(url):
        problems.error(
            where,
            f"{field}: {url!r} is not a web address - write the full address, "
            "starting https:// (or http://)",
        )


def _web_address(url: str) -> bool:
    parts = urlsplit(url)
    return (
        parts.scheme.lower() in ("http", "https")
        and bool(parts.hostname)
        and (not any(c.isspace() or ord(c) < 32 for c in url))
    )


def _check_brand(brand: Brand, folder: Path | None, problems: Problems) -> None:
    colours: dict[str, str] = brand.colours.model_dump(exclude={"origin"})
    for name, value in colours.items():
        if not _COLOUR.match(str(value)):
            problems.error(
                brand.at("colours", name),
                f"colours.{name}: {value!r} is not a colour - write it as #1f3a5f "
                "(or a colour name such as navy)",
            )
    if all(_COLOUR.match(value) for value in colours.values()):
        _check_contrast(brand, colours, problems)
    for name, value in brand.fonts.model_dump(exclude={"origin"}).items():
        if not _FONT.match(str(value)):
            problems.error(
                brand.at("fonts", name),
                f"fonts.{name}: {value!r} is not a font name - write only the name, such as Lato",
            )
        else:
            _check_font(brand, name, value, problems)
    if brand.logo is not None and folder is not None:
        _check_logo(brand, brand.logo, folder, problems)


def _check_contrast(brand: Brand, colours: dict[str, str], problems: Problems) -> None:
    """Colours CSS cannot read are errors; text hard to read on its background, warnings."""
    unknown = contrast.unreadable(colours)
    for name in unknown:
        problems.error(
            brand.at("colours", name),
            f"colours.{name}: {colours[name]!r} is not a colour CSS knows - write it as "
            "#1f3a5f (or a colour name such as navy)",
        )
    if unknown:
        return
    clear = contrast.see_through(colours)
    for shortfall in clear:
        problems.error(brand.at("colours", shortfall.colour), shortfall.message)
    if clear:
        return
    for shortfall in contrast.shortfalls(colours):
        problems.warning(brand.at("colours", shortfall.colour), shortfall.message)


def _check_font(brand: Brand, name: str, family: str, problems: Problems) -> None:
    """A font that is not installed is replaced, silently, by the next one that is."""
    if fonts.is_installed(family) is not False:
        return
    after = (brand.fonts.body,) if name == "heading" else ()
    instead = fonts.used_instead((family, *after, *fonts.FALLBACKS))
    problems.warning(
        brand.at("fonts", name),
        f"fonts.{name}: the font {family!r} is not installed on this computer, so briefings "
        f"will be printed in {instead or 'another font'} instead - install it (on Debian, "
        "copy it into ~/.fonts and run fc-cache), or name an installed font (fc-list lists them)",
    )


def _check_logo(brand: Brand, logo: str, folder: Path, problems: Problems) -> None:
    """The logo: an SVG, PNG or JPEG file in the brand's folder, with nothing live in it.

    A raster logo is warned about when it would print at under 300 dots per inch.
    """
    where = brand.at("logo")
    path = (folder / logo).resolve()
    if not path.is_relative_to(folder.resolve()) or "\\" in logo:
        problems.error(
            where,
            f"logo: {logo!r} is outside the brand's folder - put the file next to "
            "brand.yaml and give its name",
        )
        return
    if path.suffix.lower() not in LOGO_TYPES:
        problems.error(
            where, f"logo: {logo!r} is not an SVG, PNG or JPEG file - export the logo as one"
        )
        return
    if not path.is_file():
        problems.error(
            where, f"logo: there is no file {logo!r} next to brand.yaml - add it or fix the name"
        )
        return
    picture, reasons = read_picture(path, MAX_LOGO_BYTES)
    for reason in reasons:
        problems.error(where, f"logo: {logo!r} {reason}")
    if picture is not None and picture.size is not None:
        dpi = picture.size[1] / (LOGO_PRINT_HEIGHT_MM / 25.4)
        if dpi < LOGO_MIN_DPI:
            problems.warning(
                where,
                f"logo: {logo!r} is {picture.size[1]} pixels high, so it prints at about "
                f"{dpi:.0f} dots per inch ({LOGO_MIN_DPI} or more looks sharp) - use a larger "
                f"picture, at least {LOGO_MIN_PIXELS} pixels high, or an SVG",
            )
