"""CSV and Excel downloads under every result table and chart of the built site (issue 12).

On each of the 14 lesson pages: every table a cell shows and every interactive chart is
followed by a *Ladda ner* line with a CSV and an Excel link; every link points to a file that
exists in the built site under _static/downloads/; and sample files open (pandas for the
CSV with Swedish settings, openpyxl for the workbook) with the columns written out below.
One page is also opened in Chromium: the links are visible and the server hands out the files.
"""
from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from bs4 import BeautifulSoup

from booktools import ROOT, toc_notebooks

LESSONS = [p for p in toc_notebooks() if p.parent.parent.name == "chapters" and p.stem != "index"]
KOMMUNER = {"Arjeplog", "Arvidsjaur", "Boden", "Gällivare", "Haparanda", "Jokkmokk", "Kalix", "Kiruna", "Luleå",
            "Pajala", "Piteå", "Älvsbyn", "Överkalix", "Övertorneå"}


def html_page(html_dir: Path, source: Path) -> Path:
    return html_dir / source.relative_to(ROOT).with_suffix(".html")


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def download_lines(soup: BeautifulSoup):
    return soup.select("p.stratus-downloads")


def read_csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(path.read_bytes()), sep=";", decimal=",", encoding="utf-8-sig")


def test_all_fourteen_lessons_are_checked():
    assert len(LESSONS) == 14, [p.name for p in LESSONS]


@pytest.mark.parametrize("source", LESSONS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_table_and_chart_has_csv_and_excel_links(built_book, source):
    soup = soup_of(html_page(built_book, source))
    # Tables a cell shows as HTML (a DataFrame or models.common.tables.show). A Markdown document a
    # cell writes (Uppföljning's one-page council summary) quotes a table shown above it, with links.
    tables = [t for t in soup.select("div.cell_output div.text_html table") if not t.find_parent("figure")]
    charts = soup.select("figure.stratus-chart")
    assert tables and charts, "sidan visar ingen tabell eller inget diagram"
    for table in tables:
        line = table.find_next("p", class_="stratus-downloads")
        output = table.find_parent("div", class_="cell_output")
        assert line is not None and line.find_parent("div", class_="cell_output") is output, (
            f"tabellen som börjar med {table.get_text(' ', strip=True)[:60]!r} saknar nedladdningslänkar")
    for chart in charts:
        line = chart.find_next_sibling()
        assert line is not None and "stratus-downloads" in (line.get("class") or []), chart.get("id")
    for line in download_lines(soup):
        suffixes = [Path(a["href"]).suffix for a in line.find_all("a")]
        assert suffixes.count(".xlsx") == 1 and suffixes.count(".csv") >= 1, line
        assert line.get_text().startswith("Ladda ner")


def test_every_download_link_points_to_a_file_of_the_site(built_book):
    html_dir = built_book.resolve()
    targets = set()
    for source in LESSONS:
        page = html_page(html_dir, source)
        for link in soup_of(page).select("p.stratus-downloads a[href]"):
            target = (page.parent / link["href"]).resolve()
            assert target.parent == html_dir / "_static" / "downloads", link["href"]
            assert target.is_file() and target.stat().st_size > 0, link["href"]
            assert link["download"] == target.name
            targets.add(target)
    assert len(targets) >= 2 * 2 * len(LESSONS)   # at least one table and one chart per lesson


def test_a_chart_download_has_the_charts_data_with_swedish_headers(built_book):
    folder = built_book / "_static" / "downloads"
    data = read_csv(folder / "01-strategi-utslapp-diagram-utslapp.csv")
    assert list(data.columns) == ["Kommun", "Diagram", "År/sektor", "Ordning i diagrammet", "tusen ton CO₂e"]
    assert set(data["Kommun"]) == KOMMUNER
    assert set(data["Diagram"]) == {"Över tid", "Per sektor"}
    assert pd.api.types.is_float_dtype(data["tusen ton CO₂e"]) and (data["tusen ton CO₂e"] >= 0).all()
    book = openpyxl.load_workbook(folder / "01-strategi-utslapp-diagram-utslapp.xlsx")
    sheet = book["Diagramdata"]
    assert [c.value for c in sheet[1]] == list(data.columns)
    assert sheet.max_row >= len(data) + 1
    assert isinstance(sheet.cell(row=2, column=5).value, float)


def test_a_packed_chart_is_downloaded_one_row_per_year(built_book):
    """Mål och budget packs each pathway as a list from a first year; the download has one row per year."""
    folder = built_book / "_static" / "downloads"
    book = openpyxl.load_workbook(folder / "01-strategi-mal-och-budget-diagram-mal-och-budget.xlsx")
    assert book.sheetnames == ["Diagramdata 1", "Diagramdata 2", "Diagramdata 3", "Diagramdata 4"]
    pathways = read_csv(folder / "01-strategi-mal-och-budget-diagram-mal-och-budget-3.csv")
    assert list(pathways.columns) == ["Kommun", "Metod", "Startår", "Undanta", "tusen ton CO₂ per år", "År", "Serie"]
    assert set(pathways["Serie"]) == {"Bana inom budgeten"}
    one = pathways[(pathways["Kommun"] == "Luleå") & (pathways["Startår"] == 2025)
                   & (pathways["Metod"] == pathways["Metod"].iloc[0]) & (pathways["Undanta"] == "Inget")]
    assert one["År"].tolist() == list(range(2025, 2025 + len(one)))   # consecutive years from the start year


def test_a_table_download_opens_with_the_tables_columns(built_book):
    page = html_page(built_book, ROOT / "chapters" / "02-transporter" / "totalkostnad.md")
    soup = soup_of(page)
    first = soup.select("div.cell_output div.text_html table")[0]
    headers = [th.get_text(strip=True) for th in first.select("thead th") if th.get_text(strip=True)]
    link = first.find_next("p", class_="stratus-downloads").find("a", href=lambda h: h.endswith(".csv"))
    data = read_csv((page.parent / link["href"]).resolve())
    assert list(data.columns) == headers
    assert len(data) == len(first.select("tbody tr"))


def test_the_links_are_visible_and_served(site_url, chromium):
    context = chromium.new_context(locale="sv-SE", viewport={"width": 1366, "height": 900})
    try:
        page = context.new_page()
        page.goto(site_url + "chapters/03-solel/solen-i-norrbotten.html", wait_until="load")
        links = page.locator("p.stratus-downloads a")
        assert links.count() >= 4
        for i in range(links.count()):
            box = links.nth(i).bounding_box()
            assert box and box["width"] > 0 and box["height"] > 0
        href = links.first.evaluate("a => a.href")
        response = context.request.get(href)
        assert response.ok and response.body().startswith(b"\xef\xbb\xbf")   # the CSV, with its BOM
    finally:
        context.close()
