"""Kolada key-performance-indicator (KPI) ids for climate follow-up, in one place.

Kolada (https://www.kolada.se, open API ``http://api.kolada.se/v2``) republishes municipal
statistics as numbered KPIs. The ids below were **not** taken from Kolada's own
documentation: they come from public configuration files (R scripts and TypeScript configs)
of third-party projects that query the Kolada API, as collected in the project's strategy
reference (§5.1, 2026). They have **not been verified** against the API (the book is built
offline). Verify each id with ``GET http://api.kolada.se/v2/kpi/<id>`` before publishing a
result that cites it.

``data_source`` says where the book's ``data/`` folder holds the *same kind* of figure (the
original publisher's numbers, not Kolada's copy; a Kolada value can differ, for example
because Kolada shows another SMHI release). ``None`` means the figure is not in ``data/``:
the book then says that it is missing and never invents a value.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

#: Date of the book's own check of the ids (see :data:`KOLADA_CHECK`).
KOLADA_CHECK_DATE = "2026-12-01"
#: What was checked on that date – and what was not.
KOLADA_CHECK = (f"Kontroll {KOLADA_CHECK_DATE}: Koladas API kunde inte nås från bokens arbetsmiljö, och ingen "
                "publicerad kopia av Koladas nyckeltalskatalog fanns att jämföra med. Id:na jämfördes i stället med "
                "öppen kod i andra projekt som hämtar data ur Koladas API (R-skript, TypeScript-konfigurationer och "
                "ett testfall som jämför titeln på n45930 med API:t; det kan vara samma slags källor som "
                "referensmaterialet bygger på). "
                "Kolumnen Kontroll säger om id:t och titeln återfinns där. Inget id är verifierat mot Kolada självt.")
#: Where the ids come from (shown next to the table in the lesson and in Excel exports).
KOLADA_ID_SOURCE = ("Id:n från tredjeparts konfigurationsfiler (R och TypeScript) som hämtar data ur "
                    "Koladas API, sammanställda i projektets referensmaterial 2026; inte kontrollerade "
                    "mot Kolada. Kontrollera varje id med GET http://api.kolada.se/v2/kpi/<id>. " + KOLADA_CHECK)


@dataclass(frozen=True)
class KoladaKpi:
    """One Kolada KPI.

    Attributes
    ----------
    kpi_id : str
        Kolada id as written in the third-party source (Kolada ids are case-sensitive
        in the API; ``n45930`` is lower-case in the source).
    title_sv : str
        Title as in the source (Swedish).
    unit : str
        Unit as in the source.
    topic : str
        ``"utsläpp"``, ``"transport"`` or ``"energi"``.
    data_source : str or None
        The ``data/`` resource holding the same kind of figure, or ``None`` if missing.
    """

    kpi_id: str
    title_sv: str
    unit: str
    topic: str
    data_source: str | None
    #: True if the id (with the same title) also appears in independent public code that
    #: queries Kolada's API (checked 2026-12-01, see :data:`KOLADA_CHECK`). Not a verification.
    seen_elsewhere: bool = False


_SMHI = "emissions_by_sector (SMHI)"
KPIS: tuple[KoladaKpi, ...] = (
    KoladaKpi("N00401", "Utsläpp till luft av växthusgaser totalt", "ton CO₂e/inv", "utsläpp",
              "emissions_total + population (SMHI, SCB)", seen_elsewhere=True),
    KoladaKpi("N07702", "Utsläpp till luft av växthusgaser totalt", "ton CO₂e", "utsläpp",
              "emissions_total (SMHI)", seen_elsewhere=True),
    KoladaKpi("N85533", "Utsläpp till luft av växthusgaser, transporter", "ton CO₂e", "utsläpp", _SMHI, seen_elsewhere=True),
    KoladaKpi("N85535", "Utsläpp till luft av växthusgaser, arbetsmaskiner", "ton CO₂e", "utsläpp", _SMHI, seen_elsewhere=True),
    KoladaKpi("N85532", "Utsläpp till luft av växthusgaser, egen uppvärmning", "ton CO₂e", "utsläpp", _SMHI, seen_elsewhere=True),
    KoladaKpi("N85536", "Utsläpp till luft av växthusgaser, el och fjärrvärme", "ton CO₂e", "utsläpp", _SMHI, seen_elsewhere=True),
    KoladaKpi("N85537", "Utsläpp till luft av växthusgaser, industri", "ton CO₂e", "utsläpp", _SMHI, seen_elsewhere=True),
    KoladaKpi("N85538", "Utsläpp till luft av växthusgaser, jordbruk", "ton CO₂e", "utsläpp", _SMHI, seen_elsewhere=True),
    KoladaKpi("N85542", "Utsläpp till luft av växthusgaser, avfall inkl. avlopp", "ton CO₂e", "utsläpp", _SMHI),
    KoladaKpi("N85540", "Utsläpp till luft av växthusgaser, produktanvändning", "ton CO₂e", "utsläpp", _SMHI),
    KoladaKpi("N85534", "Utsläpp till luft av växthusgaser, utrikes transporter", "ton CO₂e", "utsläpp", _SMHI, seen_elsewhere=True),
    KoladaKpi("N45945", "Slutanvändning energi transporter", "MWh", "energi", None, seen_elsewhere=True),
    KoladaKpi("N45913", "Slutanvändning energi transporter per invånare", "MWh/inv", "energi", None, seen_elsewhere=True),
    KoladaKpi("N45925", "Elproduktion av förnybara energikällor inom det geografiska området", "%",
              "energi", None, seen_elsewhere=True),
    KoladaKpi("n45930", "Fjärrvärmeproduktion av förnybara energikällor inom det geografiska området", "%",
              "energi", None, seen_elsewhere=True),
    KoladaKpi("N07945", "Elbilar, andel av personbilar", "%", "transport", None),
    KoladaKpi("N07947", "Laddhybridbilar, andel av personbilar", "%", "transport", None),
    KoladaKpi("U00501", "Fossiloberoende personbilar, andel av totalt antal bilar", "%", "transport", None, seen_elsewhere=True),
    KoladaKpi("N07713", "Elbilsladdpunkter totalt", "antal", "transport",
              "charging_infrastructure (Power Circle)", seen_elsewhere=True),
    KoladaKpi("U07918", "Genomsnittlig körsträcka per personbil och år", "mil", "transport", None),
    KoladaKpi("N07782", "Drivmedelsleverans till vägtransporter", "l/inv", "transport", None),
    KoladaKpi("U60496", "Förnybara drivmedel i kollektivtrafiken", "%", "transport", None),
)
KPI_BY_ID = {kpi.kpi_id: kpi for kpi in KPIS}

#: Kolada id for each SMHI main sector in ``emissions_by_sector`` (absolute, t CO2e).
SECTOR_KPI = {
    "domestic_transport": "N85533",
    "work_machinery": "N85535",
    "own_heating_of_dwellings_and_premises": "N85532",
    "electricity_and_district_heating": "N85536",
    "industry_energy_and_processes": "N85537",
    "agriculture": "N85538",
    "waste_incl_wastewater": "N85542",
    "product_use_incl_solvents": "N85540",
    "international_transport": "N85534",
}


def kpi_table() -> pd.DataFrame:
    """All KPIs with a Swedish column for whether ``data/`` holds the figure.

    Returns
    -------
    pandas.DataFrame
        Columns ``Id (Kolada)``, ``Nyckeltal``, ``Enhet``, ``Område``, ``I bokens data``
        (the resource, or ``"saknas"``) and ``Kontroll (<date>)`` (see :data:`KOLADA_CHECK`),
        one row per KPI.
    """
    return pd.DataFrame({
        "Id (Kolada)": [k.kpi_id for k in KPIS],
        "Nyckeltal": [k.title_sv for k in KPIS],
        "Enhet": [k.unit for k in KPIS],
        "Område": [k.topic for k in KPIS],
        "I bokens data": [k.data_source or "saknas" for k in KPIS],
        f"Kontroll ({KOLADA_CHECK_DATE})": ["finns i annan öppen kod; ej verifierat mot Kolada" if k.seen_elsewhere
                                            else "ej kontrollerat" for k in KPIS],
    })


def missing_kpis() -> pd.DataFrame:
    """The KPIs whose figures are not in ``data/`` (the lesson lists them as missing)."""
    table = kpi_table()
    return table[table["I bokens data"] == "saknas"].drop(columns="I bokens data").reset_index(drop=True)
