"""Generate the 14 kommun profile pages, book/kommuner/<slug>.md, from models and data.

Run by scripts/build_book.py and scripts/nbtest.py before the book is built or tested; the
pages are build products (git-ignored), never edited by hand. The template is
scripts/templates/kommunprofil.md.j2; the figures come from models.lessons.profil.

    .venv/bin/python scripts/kommunprofiler.py
"""
from __future__ import annotations

import sys
from pathlib import Path

import jinja2

from booktools import ROOT
from models import data
from models.common.widgets import slug
from models.lessons import profil

OUT = ROOT / "book" / "kommuner"
TEMPLATE = ROOT / "scripts" / "templates" / "kommunprofil.md.j2"
# Lessons a profile links into, per section (only those whose page exists are linked).
LESSONS = {
    "Utsläpp": [("Utsläppen i din kommun", "chapters/01-strategi/utslapp")],
    "Mål och budget": [("Mål och koldioxidbudget", "chapters/01-strategi/mal-och-budget"),
                       ("Klimatbudget", "chapters/01-strategi/klimatbudget"),
                       ("Uppföljning", "chapters/01-strategi/uppfoljning")],
    "Transporter": [("Fordonsflottan", "chapters/02-transporter/fordonsflottan"),
                    ("Laddinfrastruktur", "chapters/02-transporter/laddinfrastruktur")],
    "Solel": [("Solen i Norrbotten", "chapters/03-solel/solen-i-norrbotten"),
              ("Solcellsanläggningen", "chapters/03-solel/solcellsanlaggningen")],
}
INDEX = """# Kommunprofiler

En sida per kommun med de viktigaste siffrorna ur bokens data: utsläpp och sektorer, mål och
koldioxidbudget, fordon och laddpunkter, solel. Varje siffra har källa och år, och länkarna leder
in i lektionerna med kommunen förvald. Sidorna skapas automatiskt när boken byggs.

{list}
"""


def links() -> dict[str, list[tuple[str, str]]]:
    return {section: [(title, f"../../{page}.html") for title, page in pages if (ROOT / f"{page}.md").is_file()]
            for section, pages in LESSONS.items()}


def render(kommun: str, template: jinja2.Template) -> str:
    return template.render(**profil.profile(kommun), links=links())


def main() -> int:
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATE.parent), keep_trailing_newline=True,
                                     trim_blocks=True, lstrip_blocks=True, autoescape=False)
    template = environment.get_template(TEMPLATE.name)
    OUT.mkdir(parents=True, exist_ok=True)
    names = []
    for kommun in data.KOMMUNER:
        name = slug(kommun)
        text = render(kommun, template)
        path = OUT / f"{name}.md"
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        names.append((kommun, name))
    listing = "\n".join(f"- [{kommun}]({name}.md)" for kommun, name in sorted(names, key=lambda n: n[0]))
    index = INDEX.format(list=listing)
    if not (OUT / "index.md").exists() or (OUT / "index.md").read_text(encoding="utf-8") != index:
        (OUT / "index.md").write_text(index, encoding="utf-8")
    where = OUT.relative_to(ROOT) if OUT.is_relative_to(ROOT) else OUT
    print(f"{len(names)} kommunprofiler i {where}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
