"""Throwaway visual check of the built-in templates, without the pipeline.

Builds mock template contexts from the text of Napo's Briefing 5 (the seed), with
footnote calls in the shape the pipeline makes them, renders them with the built-in
templates and the example project's Napo brand, writes PDF and HTML, and turns them
into PNGs to look at:

    .venv/bin/python bench/mock_render.py [OUT_DIR]      (default /tmp/parlbrief-mock)

Outputs, in OUT_DIR:
    briefing-5.pdf / .html      Napo brand, every field set (pdf: page-foot notes)
    briefing-5-screen.html      Napo brand, html medium (notes list), headings on all parts
    plain.pdf / .html           default brand, optional fields left out
    *-N.png                     PDF pages at 70 dpi (pdftoppm)
    *-phone.png                 HTML at phone width (headless chromium)
    *.txt                       pdftotext -layout of each PDF

The references in the mock notes are for layout only; the example project's own
sources are what the real build cites.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

REPO = Path(__file__).resolve().parent.parent
BUILTIN = REPO / "src" / "parlbrief" / "templates"
PROJECT_TEMPLATES = REPO / "templates"
SEED = Path("/work/shared/seeds/000_664c224a771956b2.txt")


class View:
    """Attribute access over a dict, like the pipeline's View (missing name -> undefined)."""

    def __init__(self, **fields: Any) -> None:
        self._fields = fields

    def __getattr__(self, name: str) -> Any:
        try:
            return self.__dict__["_fields"][name]
        except KeyError:
            raise AttributeError(name) from None


# --- the mock notes --------------------------------------------------------------------

NOTES = [
    "House of Commons Justice Committee, <i>The role of the Probation Service</i> "
    "(Eighth Report of Session 2010–12, HC 519, 27 July 2011) para 90.",
    "Ministry of Justice, <i>Transforming Rehabilitation: A Strategy for Reform</i> "
    "(Cm 8619, May 2013) 6.",
    "HM Inspectorate of Probation, <i>Annual report 2018</i> (March 2019) 23–25.",
    "Justice Committee (n 1) paras 81–84.",
    "Napo, <i>Shared Services: the case for change</i> (Napo, 2019), members’ survey of "
    "pay and pension errors; see also National Audit Office, <i>Transforming "
    "Rehabilitation: progress review</i> (HC 1986, 1 March 2019) paras 2.14–2.20, "
    '<a href="https://www.nao.org.uk/reports/transforming-rehabilitation-progress-review/">'
    "https://www.nao.org.uk/reports/transforming-rehabilitation-progress-review/</a>.",
    "Institute for Government, <i>Reunifying probation</i> (IfG, 2022) 4.",
    "Justice Committee (n 1) para 95.",
]

SOURCES = [
    "HM Inspectorate of Probation, <i>Annual report 2018</i> (March 2019).",
    "House of Commons Justice Committee, <i>The role of the Probation Service</i> "
    "(Eighth Report of Session 2010–12, HC 519, 27 July 2011).",
    "Institute for Government, <i>Reunifying probation</i> (IfG, 2022).",
    "Ministry of Justice, <i>Transforming Rehabilitation: A Strategy for Reform</i> "
    "(Cm 8619, May 2013).",
    "Napo, <i>Shared Services: the case for change</i> (Napo, 2019).",
    "National Audit Office, <i>Transforming Rehabilitation: progress review</i> "
    "(HC 1986, 1 March 2019), "
    '<a href="https://www.nao.org.uk/reports/transforming-rehabilitation-progress-review/">'
    "https://www.nao.org.uk/reports/transforming-rehabilitation-progress-review/</a>.",
]


@dataclass
class Calls:
    """Makes footnote calls as the pipeline does for one medium, numbering as it goes."""

    medium: str
    used: list[int] = field(default_factory=list)

    def __call__(self) -> str:
        number = len(self.used) + 1
        self.used.append(number)
        if self.medium == "pdf":
            return f'<span class="footnote" id="fn-{number}">{NOTES[number - 1]}</span>'
        return f'<sup class="fn-call"><a href="#fn-{number}" id="fnref-{number}">{number}</a></sup>'


# --- the seed as blocks ------------------------------------------------------------------


def seed_blocks() -> list[tuple[str, str]]:
    """(kind, text) for each paragraph ('p') and bullet ('li') of the seed."""
    text = SEED.read_text(encoding="utf-8")
    out: list[tuple[str, str]] = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        items = re.split(r"\n(?=- )", chunk.strip())
        for item in items:
            kind = "li" if item.startswith("- ") else "p"
            out.append((kind, " ".join(item.removeprefix("- ").split())))
    return out


def smart(text: str) -> str:
    return text.replace("'", "’")


def para(text: str, cite: dict[str, str] | None = None) -> str:
    """<p> with footnote calls inserted right after the given phrases."""
    html = str(escape(smart(text)))
    for phrase, call in (cite or {}).items():
        assert phrase in html, phrase
        html = html.replace(phrase, phrase + call, 1)
    return html


def build_context(medium: str, brand_name: str, *, full: bool = True) -> dict[str, Any]:
    call = Calls(medium)
    blocks = seed_blocks()
    # Seed layout: 0 campaign, 1 "Briefing 5: title. strapline", 2-3 paras, 4 intro,
    # 5-8 bullets, 9 "Problems with the civil service:", 10-12 bullets,
    # 13 "Questions you may wish to ask:", 14-17 questions, 18 signatory.
    t = [b[1] for b in blocks]
    head = t[1].removeprefix("Briefing 5: ")
    title, strapline = head.split(". ", 1)

    # The summary is new prose (the published briefing has none), with one call.
    summary = (
        "<p>Napo is asking for a reunified, publicly owned and localised probation service. "
        "Since Transforming Rehabilitation the National Probation Service has been run "
        f"from the centre on a one size fits all basis{call()}, losing the local links "
        "that probation depends on.</p>"
        if full
        else None
    )

    s1 = "".join(
        [
            "<p>" + para(t[2], {"35 Probation trusts.": call(), "split.": call()}) + "</p>",
            "<p>" + para(t[3]) + "</p>",
            "<p>" + para(t[4]) + "</p>",
            "<ul>\n"
            + "".join(
                "<li>" + para(x, c) + "</li>\n"
                for x, c in zip(
                    t[5:9],
                    [
                        {},
                        {"charge over the odds for services.": call()},
                        {},
                        {"earlier this year.": call()},
                    ],
                    strict=True,
                )
            )
            + "</ul>\n",
        ]
    )
    s2 = (
        "<ul>\n"
        + "".join(
            "<li>" + para(x, c) + "</li>\n"
            for x, c in zip(
                t[10:13],
                [{}, {"and even length of service.": call()}, {}],
                strict=True,
            )
        )
        + "</ul>\n"
    )
    questions = [
        View(to="the Minister", body=Markup("<p>" + para(q, c) + "</p>"))
        for q, c in zip(
            t[14:18],
            [{}, {"3rd sector involvement?": call()}, {}, {}],
            strict=True,
        )
    ]
    # The seed wraps the last question over two bullets' worth of lines; join is fine.
    sig_role = "National Official, Press, Parliament and Campaigns"
    notes = [
        View(number=n, body=Markup(NOTES[n - 1]), id=f"fn-{n}", ref_id=f"fnref-{n}")
        for n in call.used
    ]
    heading_1 = "A centrally run service" if medium == "html" else None
    briefing = View(
        id="briefing-5",
        campaign=t[0] if full else None,
        series="Briefing 5",
        title=title,
        strapline=(strapline.rstrip(".") + ".") if full else None,
        date="23 November 2026",
        date_iso="2026-11-23",
        last_updated="23 November 2026",
        last_updated_iso="2026-11-23",
        edition=1,
        summary=Markup(summary) if summary else None,
        sections=[
            View(id="centralised", heading=heading_1, body=Markup(s1), table=None),
            View(id="civil-service", heading=t[9].rstrip(":"), body=Markup(s2), table=None),
        ],
        questions_heading="Questions you may wish to ask",
        questions=questions,
        signatory=View(name="Tania Basset", role=sig_role),
        figures_as_at="30 June 2022" if full else None,
        notes=notes,
        sources=[Markup(s) for s in SOURCES],
        changes=[],
        panels=[],
    )
    brand_dir = (PROJECT_TEMPLATES if brand_name != "default" else BUILTIN) / "brands" / brand_name
    raw = yaml.safe_load((brand_dir / "brand.yaml").read_text(encoding="utf-8"))
    brand = View(
        id=brand_name,
        name=raw["name"],
        tagline=raw.get("tagline"),
        colours=raw["colours"],
        fonts=raw["fonts"],
        logo=Markup((brand_dir / raw["logo"]).read_text(encoding="utf-8"))
        if raw.get("logo")
        else None,
        footer=raw.get("footer"),
        contact=raw.get("contact"),
    )
    return {
        "medium": medium,
        "lang": "en-GB",
        "generator": "parlbrief 0.1.0",
        "css": Markup((BUILTIN / "briefing.css").read_text(encoding="utf-8")),
        "brand": brand,
        "briefing": briefing,
    }


def stress_context() -> dict[str, Any]:
    """Briefing 5's text three times over, a call at most sentence ends, long notes:
    checks that every note lands on the page of its call near page feet."""
    context = build_context("pdf", "napo")
    paras = [x for kind, x in seed_blocks()[2:13] if len(x) > 120]
    number = 0
    sections = []
    for round_ in range(3):
        html = []
        for text in paras:
            sentences = re.split(r"(?<=\.) ", str(escape(smart(text))))
            out = []
            for i, sentence in enumerate(sentences):
                if sentence.endswith(".") and i % 2 == 0:
                    number += 1
                    note = (
                        f"Stress note {number}: "
                        + "House of Commons Justice Committee, <i>The role of the Probation "
                        "Service</i> (Eighth Report of Session 2010–12, 27 July 2011) para 90. "
                        * (1 + number % 3)
                    )
                    sentence += f'<span class="footnote" id="fn-{number}">{note.strip()}</span>'
                out.append(sentence)
            html.append("<p>" + " ".join(out) + "</p>")
        sections.append(
            View(id=f"round-{round_}", heading=f"Round {round_ + 1}", body=Markup("".join(html)), table=None)
        )
    briefing = context["briefing"]
    briefing._fields.update(sections=sections, summary=None, questions=[])
    return context


# --- render -----------------------------------------------------------------------------


def environments() -> list[Environment]:
    loader = FileSystemLoader([str(PROJECT_TEMPLATES), str(BUILTIN)])
    # The brief's plain environment, and the pipeline's (sandboxed, trimmed blocks).
    plain = Environment(
        loader=loader, autoescape=select_autoescape(["html.j2"]), undefined=StrictUndefined
    )
    pipeline = SandboxedEnvironment(
        loader=loader,
        autoescape=select_autoescape(enabled_extensions=("html.j2", "html")),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return [plain, pipeline]


def render(context: dict[str, Any]) -> str:
    outputs = [env.get_template("briefing.html.j2").render(context) for env in environments()]
    return outputs[-1]


def write_pdf(html: str, path: Path) -> None:
    import weasyprint

    weasyprint.HTML(string=html, base_url=str(BUILTIN) + "/").write_pdf(
        path, pdf_variant="pdf/ua-1"
    )
    for old in path.parent.glob(f"{path.stem}-*.png"):
        if re.fullmatch(rf"{re.escape(path.stem)}-\d+", old.stem):
            old.unlink()
    subprocess.run(
        ["pdftoppm", "-r", "70", "-png", str(path), str(path.with_suffix(""))], check=True
    )
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    path.with_suffix(".txt").write_text(text, encoding="utf-8")


def squash(text: str) -> str:
    return "".join(re.findall(r"[a-z0-9]+", text.lower().replace("’", "'")))


def check_footnotes(html: str, pdf: Path) -> None:
    """Each note's call and its text must be on the same page (as the tests check)."""
    pages = []
    n = 1
    while True:
        run = subprocess.run(
            ["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"], capture_output=True, text=True
        )
        if run.returncode != 0 or n > 50:
            break
        pages.append(squash(run.stdout))
        n += 1
    body = html[html.index("<body") :]
    for match in re.finditer(r'<span class="footnote" id="fn-(\d+)">(.*?)</span>', body, re.S):
        number = match.group(1)
        before = squash(re.sub(r"<[^>]+>", " ", body[: match.start()]))[-14:]
        note = squash(re.sub(r"<[^>]+>", " ", match.group(2)))[:30]
        call_pages = [i + 1 for i, t in enumerate(pages) if before + number in t]
        note_pages = [i + 1 for i, t in enumerate(pages) if number + note in t]
        ok = bool(set(call_pages) & set(note_pages))
        print(
            f"  note {number}: call on {call_pages}, text on {note_pages}", "" if ok else "  <-- !!"
        )


def screenshot(html_path: Path, png: Path, width: int = 390, height: int = 2400) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        print("no chromium: skipping", png.name)
        return
    subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--hide-scrollbars",
            f"--screenshot={png}",
            f"--window-size={width},{height}",
            html_path.as_uri(),
        ],
        check=True,
        capture_output=True,
    )


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/parlbrief-mock")
    out.mkdir(parents=True, exist_ok=True)
    jobs = [
        ("briefing-5", "pdf", "napo", True),
        ("briefing-5", "html", "napo", True),
        ("plain", "pdf", "default", False),
        ("plain", "html", "default", False),
    ]
    jobs.append(("stress", "pdf", "napo", True))
    for name, medium, brand, full in jobs:
        if name == "stress":
            html = render(stress_context())
        else:
            html = render(build_context(medium, brand, full=full))
        if medium == "pdf":
            (out / f"{name}.print.html").write_text(html, encoding="utf-8")
            write_pdf(html, out / f"{name}.pdf")
            check_footnotes(html, out / f"{name}.pdf")
        else:
            target = out / f"{name}.html"
            target.write_text(html, encoding="utf-8")
            screenshot(target, out / f"{name}-phone.png")
            screenshot(target, out / f"{name}-desktop.png", width=1280, height=1800)
        print("wrote", name, medium)


if __name__ == "__main__":
    main()
