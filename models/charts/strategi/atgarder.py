"""Static-site chart for "Åtgärdsplan och åtgärdskostnader": kommun × discount rate × target year.

The cost curve (MACC) of the book's example measures file (illustrative values) for every
kommun and discount rate, and the gap and its coverage for every target year, all from
:func:`models.lessons.strategi.atgarder.measures_case` (measures in turn, as the lesson's
default). Uploading one's own file needs the live notebook.
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from models import data
from models.common import vega
from models.lessons.strategi import atgarder as lesson

DEFAULT_KOMMUN = "Luleå"
RATES_PCT = tuple(range(int(lesson.RATE_MIN_PCT), int(lesson.RATE_MAX_PCT) + 1))  # whole percent on the site
TARGET_YEARS = (2030, 2035, 2040, lesson.LAST_TARGET_YEAR)


def site_grid() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(bars, gaps, keys): bars = kommun × rate × measure -> x0, x1, kr/ton; gaps = kommun ×
    year -> gap; keys = kommun × rate × year -> the lesson's coverage figures."""
    bars, gaps, keys = [], [], []
    for kommun in data.KOMMUNER:
        for year in TARGET_YEARS:
            for rate in RATES_PCT:
                case = lesson.measures_case(kommun, discount_rate_pct=rate, year=year)
                gap = float(case.gap["gap_t_per_year"])
                cov = case.coverage
                counted = float(cov.loc[cov["counted"], "abatement_t_per_year"].sum())
                keys.append({"kommun": kommun, "ranta": rate, "malar": year, "gap": gap, "counted": counted,
                             "share": 100 * counted / gap if gap > 0 else None, "left": max(gap - counted, 0.0)})
                if year == TARGET_YEARS[0]:
                    curve = case.curve
                    for n, row in enumerate(curve.itertuples(), start=1):
                        bars.append({"kommun": kommun, "ranta": rate, "nr": n, "measure": row.measure,
                                     "sector": row.sector,
                                     "x0": round(row.cumulative_abatement - row.abatement_t_per_year, 1),
                                     "x1": round(row.cumulative_abatement, 1), "cost": round(row.cost_per_tonne, 1)})
            gaps.append({"kommun": kommun, "malar": year, "gap": round(gap, 1)})
    return pd.DataFrame(bars), pd.DataFrame(gaps), pd.DataFrame(keys)


def chart() -> vega.Chart:
    bars, gaps, keys = site_grid()
    labels = lesson.sector_labels()
    sectors = [labels[k] for k in lesson.SECTOR_STYLE if labels[k] in set(bars["sector"])]
    colours = [lesson.SECTOR_STYLE[k][0] for k in lesson.SECTOR_STYLE if labels[k] in set(bars["sector"])]
    curve = alt.Chart(bars).transform_filter(vega.match("kommun", "ranta"))
    x = alt.X("x0:Q", title="Minskning, ton CO₂e per år (sammanlagt)", axis=alt.Axis(format=",.0f"))
    rects = curve.mark_rect(stroke="black", strokeWidth=0.6).encode(
        x=x, x2="x1:Q", y=alt.Y("cost:Q", title="kr per ton CO₂e", axis=alt.Axis(format=",.0f")), y2=alt.datum(0),
        color=alt.Color("sector:N", title="Sektor", scale=alt.Scale(domain=sectors, range=colours),
                        legend=alt.Legend(orient="bottom", columns=1)),
        tooltip=[alt.Tooltip("nr:O", title="Nr"), alt.Tooltip("measure:N", title="Åtgärd"),
                 alt.Tooltip("sector:N", title="Sektor"),
                 alt.Tooltip("cost:Q", title="kr per ton", format=",.0f")],
    )
    numbers_on_bars = curve.transform_calculate(mid="(datum.x0 + datum.x1) / 2").mark_text(
        fontWeight="bold", fontSize=11, dy=-8).encode(x="mid:Q", y="cost:Q", text="nr:O")
    gap_rule = alt.Chart(gaps).transform_filter(vega.match("kommun", "malar")).mark_rule(
        color="black", strokeDash=[6, 3], strokeWidth=1.5).encode(
        x="gap:Q", tooltip=[alt.Tooltip("gap:Q", title="Gap, ton CO₂e per år", format=",.0f")])
    zero = alt.Chart(pd.DataFrame({"y": [0]})).mark_rule(color="black").encode(y="y:Q")
    spec = (rects + zero + numbers_on_bars + gap_rule).properties(
        width="container", height=320,
        title={"text": {"expr": "kommun + ': åtgärdskostnadskurva, ' + ranta + ' % ränta'"},
               "subtitle": "Exempelåtgärder (illustrativa). Streckad linje: gapet det valda målåret."},
    ).to_dict()
    spec["params"] = [
        vega.kommun_param(data.KOMMUNER, DEFAULT_KOMMUN),
        vega.range_param("ranta", RATES_PCT[0], RATES_PCT[-1], 1, int(lesson.DEFAULT_RATE_PCT), "Kalkylränta (%)",
                         format=".0f"),
        vega.select_param("malar", list(TARGET_YEARS), lesson.DEFAULT_TARGET_YEAR, "Målår"),
    ]
    row, col = vega.lookup_param("mc", keys, ["kommun", "ranta", "malar"], ["gap", "counted", "share", "left"])
    spec["params"].append(row)
    unit = "ton CO₂e per år"
    numbers = [
        vega.Key("gap", "Gap till målåret (beräknat)", col["gap"], format=",.0f", unit=unit),
        vega.Key("atgarder", "Åtgärdernas minskning som hinner starta", col["counted"], format=",.0f", unit=unit),
        vega.Key("andel", "Andel av gapet som åtgärderna täcker", col["share"], format=",.0f", unit="%"),
        vega.Key("kvar", "Kvar att hitta åtgärder för", col["left"], format=",.0f", unit=unit),
    ]
    default = lesson.measures_case(DEFAULT_KOMMUN)
    return vega.chart(
        spec, name="atgarder", keys=numbers,
        description=("Åtgärdskostnadskurva för bokens exempelåtgärder (illustrativa värden) i vald kommun: "
                     "stapelns bredd är minskningen i ton CO₂e per år, höjden kostnaden i kronor per ton med vald "
                     "kalkylränta; staplar under noll sparar pengar. Den streckade linjen är gapet till målet "
                     "det valda målåret (beräknat)."),
        fallback_png=vega.fallback_png(lesson.macc_figure(default.curve)),
        fallback_alt=f"Åtgärdskostnadskurva för exempelåtgärderna i {DEFAULT_KOMMUN} med kalkylränta 4 %.",
    )
