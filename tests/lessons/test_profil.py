"""Kommun profiles: the figures a facilitator prints, against the published numbers."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from models import data
from models.lessons import profil

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import kommunprofiler  # noqa: E402

NBSP = "\u00a0"


def figures(kommun: str) -> dict[str, profil.Figure]:
    return {f.label: f for section in profil.profile(kommun)["sections"].values() for f in section}


def test_every_figure_has_a_value_a_year_and_a_source():
    for kommun in data.KOMMUNER:
        for section, rows in profil.profile(kommun)["sections"].items():
            assert rows, f"{kommun}: avsnittet {section} är tomt"
            for row in rows:
                assert row.value.strip() and row.year.strip() and row.source.strip(), (kommun, row)


def test_published_figures_for_lulea():
    f = figures("Luleå")
    # SMHI via Klimatkollen: Luleå 2024 = 2 995 747.739 t CO2e (data/emissions_total.csv, published KPI file)
    assert f["Territoriella utsläpp"].value == f"2{NBSP}996 tusen ton CO₂e"
    # Trafikanalys, Fordon i län och kommuner 2025: 41 902 passenger cars in traffic in Luleå
    assert f["Personbilar i trafik"].value.startswith(f"41{NBSP}902 ")
    # Power Circle, December 2025: 376 public charging points in Luleå
    assert f["Publika laddpunkter"].value == "376" and f["Publika laddpunkter"].year == "2025-12"
    # Klimatkollen, December 2024: 45.28 % per year and run-out date 2025-08-27
    assert f["Nödvändig minskning per år enligt Klimatkollen"].value == f"45,3{NBSP}%"
    assert f["Budgeten tar slut med nuvarande trend"].value == "2025-08-27"
    # Luleå's own targets (lulea.se): -60 % CO2 by 2030, 1.4 t per inhabitant 2030
    assert f"Kommunens eget: minska CO₂ till 2030" in f and f["Kommunens eget: minska CO₂ till 2030"].value == "60 %"
    assert f["Kommunens eget: CO₂ per invånare 2030"].value == "1,4 ton CO₂ per invånare"


def test_pajala_solar_and_machinery():
    f = figures("Pajala")
    # Energimyndigheten via Newsworthy (2022): Pajala 110.2 W per inhabitant, 650 kW (rounded 0.7 MW)
    assert f["Installerad solel per invånare"].value == "110 W"
    assert f["Installerad solel totalt"].value == "0,7 MW"
    assert f["Största sektorer"].value.startswith("Arbetsmaskiner")


def test_yield_estimate_is_plausible_and_kiruna_has_no_published_pv():
    # Stridh & Hedström (2011): about 880 kWh/kWp in Luleå; the solar chapter's model gives within ±15 %.
    value = figures("Luleå")[next(k for k in figures("Luleå") if k.startswith("Beräknad årsproduktion"))].value
    kwh = float(value.split(" kWh")[0].replace(NBSP, ""))
    assert 880 * 0.85 <= kwh <= 880 * 1.15
    # Kiruna is not in Newsworthy's table (statistical confidentiality): the profile says so.
    assert figures("Kiruna")["Installerad solel"].value.startswith("uppgift saknas")


def test_generated_pages(tmp_path, monkeypatch):
    monkeypatch.setattr(kommunprofiler, "OUT", tmp_path)
    assert kommunprofiler.main() == 0
    pages = sorted(p.name for p in tmp_path.glob("*.md"))
    assert len(pages) == 15 and "index.md" in pages and "overtornea.md" in pages
    text = (tmp_path / "pajala.md").read_text(encoding="utf-8")
    for heading in ("## Utsläpp", "## Mål och budget", "## Transporter", "## Solel"):
        assert heading in text
    assert "utslapp.html?kommun=Pajala" in text
    assert "|---|---|---|---|" in text


@pytest.mark.parametrize("kommun, encoded", [("Övertorneå", "%C3%96vertorne%C3%A5"), ("Gällivare", "G%C3%A4llivare")])
def test_links_carry_the_kommun(kommun, encoded, tmp_path, monkeypatch):
    monkeypatch.setattr(kommunprofiler, "OUT", tmp_path)
    kommunprofiler.main()
    from models.common.widgets import slug
    text = (tmp_path / f"{slug(kommun)}.md").read_text(encoding="utf-8")
    assert f"mal-och-budget.html?kommun={encoded}" in text
