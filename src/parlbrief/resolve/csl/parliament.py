"""Parliamentary and government materials as OSCOLA 4th edition cites them (2.4, 2.6,
3.4.3), where CSL has no type for them or the OSCOLA style prints them wrongly.

Each is a CSL-JSON item of the type Zotero gives it, read as OSCOLA needs:

    hearing      HC Deb 3 February 1977, vol 389, cols 973–76
                 (authority 'HC' or 'HL', volume, issued; genre 'W', 'WH' or 'WS'
                 marks the columns of written answers, Westminster Hall or written
                 statements, 'WA' the Lords' written answers: col 505W, col WA261)
                 Health Bill Deb 30 January 2007, cols 12–15 (a committee's debate:
                 title, no authority; number 'Bill 99' gives 'PBC Deb (Bill 99)')
                 HC Written Question 12345, answered 3 March 2024 (genre 'written
                 question', number its UIN; its web address in the first note)
    bill         Holocaust (Return of Cultural Objects) HC Bill (2008–09) [35]
                 (authority, chapter-number the session, number)
                 SP Bill 4 Abolition of Feudal Tenure etc (Scotland) Bill [as introduced]
                 Session 1 (1999) (authority 'SP', status the printing)
    legislation  Human Rights Act 1998, s 15(1)(b);
                 Control of Noise at Work Regulations 2005, SI 2005/1643, reg 3 (number);
                 Crofting Reform etc Act 2007 (asp 7) (number 'asp 7'); Learner Travel (Wales)
                 Measure 2008 (nawm 2)
    report       with a paper number (number 'HC 2008–09, 151–I'), a command paper
                 (number 'Cm 7656', genre 'White Paper') or a Law Commission number:
                 Health Committee, *Patient Safety* (HC 2008–09, 151–I) paras 173–75

A report is secondary: later notes are 'Health Committee (n 3) para 12', or ibid. The
rest are primary and are repeated in full (OSCOLA 1.2.1), or ibid.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from parlbrief.model import PartialDate
from parlbrief.resolve.csl.items import WRITTEN_QUESTION, Item
from parlbrief.resolve.formatting import format_partial

#: A House paper's or a command paper's number, as OSCOLA prints it in brackets.
_HOUSE_PAPER = re.compile(r"^(HC|HL) \d{4}[–-]\d{2}, ")
_COMMAND_PAPER = re.compile(r"^(C|Cd|Cmd|Cmnd|Cm) \d")
_OWN_NUMBER = re.compile(r"^(Law Com|Scot Law Com|HC |HL |C |Cd |Cmd |Cmnd |Cm )")
_NUMBER = re.compile(r"\d+")
#: The numbers of devolved legislation, which OSCOLA puts in brackets: Acts of the
#: Scottish Parliament, Measures and Acts of the National Assembly for Wales (in
#: English and Welsh), Acts of Senedd Cymru.
_DEVOLVED_NUMBER = ("asp ", "nawm ", "mccc ", "anaw ", "dccc ", "asc ", "dsc ")
_HOUSES = {"House of Commons": "HC", "House of Lords": "HL", "Commons": "HC", "Lords": "HL"}


def handles(item: Item) -> bool:
    """True for the items parlbrief words itself rather than the CSL style."""
    kind = item.get("type")
    if kind in ("hearing", "bill", "legislation"):
        return True
    return kind == "report" and bool(_OWN_NUMBER.match(str(item.get("number", ""))))


def is_primary(item: Item) -> bool:
    """Debates, Bills and legislation: repeated in full, not '(n 3)'."""
    return item.get("type") != "report"


def first_note(item: Item, locator: str, known_as: str | None = None) -> Markup:
    """The item in full, with its locator, without the closing full stop; with the short
    name later notes use in brackets (`known_as`): an Act's before its section, without
    the comma ('Nuclear Installations Act 1965 (NIA 1965) s 7(1)', OSCOLA 2.4.1), any
    other's at the end ('... (Cmnd 218, 1957) (Franks Report)', 3.4.1)."""
    if item.get("type") == "legislation" and known_as:
        named = _legislation(item) + Markup(" (") + escape(known_as) + Markup(")")
        return _join(named, locator, comma=False)
    text = _first_note(item, locator)
    return text + Markup(" (") + escape(known_as) + Markup(")") if known_as else text


def _first_note(item: Item, locator: str) -> Markup:
    kind = item.get("type")
    if item.get("genre") == WRITTEN_QUESTION:
        return _question(item, locator) + _address(item)
    if kind == "hearing":
        return _debate(item, locator)
    if kind == "bill":
        return _join(_bill(item), locator, comma=False)
    if kind == "legislation":
        return _join(_legislation(item), locator, comma=True)
    return _join(_report(item), locator, comma=False)


def short_note(item: Item, note: int, locator: str) -> Markup:
    """A later note: 'Health Committee (n 3) para 12'; a primary source in full."""
    if item.get("genre") == WRITTEN_QUESTION:
        return _question(item, locator)  # in full, as the first note, but its address
    if is_primary(item):
        return first_note(item, locator)
    text = escape(_author(item, short=True)) + Markup(f" (n {note})")
    return _join(text, locator, comma=False)


def _join(text: Markup, locator: str, *, comma: bool) -> Markup:
    if not locator:
        return text
    return text + Markup(", " if comma else " ") + escape(locator)


def _debate(item: Item, locator: str) -> Markup:
    house = _house(item)
    if house:
        text = f"{house} Deb {_day(item)}"
    else:
        number = f" ({item['number']})" if item.get("number") else ""
        text = f"{item.get('title', '')} Deb{number} {_day(item)}"
    if item.get("volume"):
        text += f", vol {item['volume']}"
    genre = str(item.get("genre", ""))
    if locator and genre:
        prefix = genre == "WA"
        locator = _NUMBER.sub(lambda m: genre + m[0] if prefix else m[0] + genre, locator)
    return _join(escape(text), locator, comma=True)


def _question(item: Item, locator: str) -> Markup:
    """'HC Written Question 12345, answered 3 March 2024' (number the UIN, issued the day
    it was answered): a question answered since 2014 is on Parliament's written questions
    site, in no volume of Hansard."""
    text = f"{_house(item)} Written Question {item.get('number', '')}, answered {_day(item)}"
    return _join(escape(text), locator, comma=True)


def _address(item: Item) -> Markup:
    """' <https://...>' after a first note, when the item has a web address."""
    url = item.get("URL")
    if not url:
        return Markup("")
    return Markup(' &lt;<a href="{0}">{0}</a>&gt;').format(url)


def _bill(item: Item) -> Markup:
    house = _house(item)
    number = str(item.get("number", ""))
    if house == "SP":
        return _scottish_bill(item, number)
    shown = f"[{number}]" if house == "HC" else number
    return escape(
        f"{item.get('title', '')} {house} Bill ({item.get('chapter-number', '')}) {shown}"
    )


def _scottish_bill(item: Item, number: str) -> Markup:
    """A Scottish Parliament Bill keeps its number, its printing in brackets: 'SP Bill 4A
    Abolition of Feudal Tenure etc (Scotland) Bill [as amended at Stage 2] Session 1
    (2000)' (status the printing, chapter-number the session)."""
    status = f" [{item['status']}]" if item.get("status") else ""
    year = f" ({_year(item)})" if _year(item) else ""
    session = f" {item['chapter-number']}" if item.get("chapter-number") else ""
    return escape(f"SP Bill {number} {item.get('title', '')}{status}{session}{year}")


def _legislation(item: Item) -> Markup:
    """'Human Rights Act 1998'; an SI's number after a comma ('..., SI 2005/1643'), an
    Act of the Scottish Parliament's, a Welsh Measure's or Act's in brackets ('... Act
    2007 (asp 7)', '... Measure 2008 (nawm 2)')."""
    title, number = str(item.get("title", "")), str(item.get("number") or "")
    if not number:
        return escape(title)
    bracketed = number.startswith(_DEVOLVED_NUMBER)
    return escape(f"{title} ({number})" if bracketed else f"{title}, {number}")


def _report(item: Item) -> Markup:
    number = str(item.get("number", ""))
    details = [number]
    genre = item.get("genre")
    if genre:
        joined = f"{genre}, {number}" if _COMMAND_PAPER.match(number) else f"{genre} {number}"
        details = [joined]
    year = _year(item)
    if not _HOUSE_PAPER.match(number) and year:
        details.append(year)
    head = escape(_author(item, short=False)) + Markup(", <i>")
    return (
        head
        + escape(item.get("title", ""))
        + Markup("</i> (")
        + escape(", ".join(details))
        + Markup(")")
    )


def _author(item: Item, *, short: bool) -> str:
    if short and item.get("author-short"):
        return str(item["author-short"])
    names = item.get("author") or []
    parts = [
        n.get("literal") or " ".join(filter(None, (n.get("given"), n.get("family")))) for n in names
    ]
    return " and ".join(p for p in parts if p)


def _house(item: Item) -> str:
    authority = str(item.get("authority", "")).strip()
    return _HOUSES.get(authority, authority)


def _parts(item: Item) -> list[int]:
    issued = item.get("issued") or {}
    parts = (issued.get("date-parts") or [[]])[0]
    return [int(p) for p in parts]


def _day(item: Item) -> str:
    """The sitting's day; as much of it as is known when the reference gives no day
    ('HC Deb November 2026', never 'HC Deb , vol 747')."""
    parts = _parts(item)
    if not parts:
        return ""
    return format_partial(PartialDate(*parts[:3]))


def _year(item: Item) -> str:
    parts = _parts(item)
    return str(parts[0]) if parts else ""
