"""Static-site chart for "Laddinfrastruktur": public charging points per kommun in Dec 2025 and the
points needed in the target year, by reference ratio and growth assumption (Power Circle)."""
from __future__ import annotations

import altair as alt

from models.common import vega
from models.data import KOMMUNER
from models.lessons.transporter import laddinfrastruktur as lesson
from models.transport.charging import GROWTH

DEFAULT_KOMMUN = "Luleå"


def chart() -> vega.Chart:
    grid = lesson.site_grid().rename(columns={"ratio": "kvot", "growth": "tillvaxt", "target_year": "malar"})
    kommuner = grid[grid["kommun"].isin(KOMMUNER)].round(1)
    base = alt.Chart(kommuner).transform_filter(vega.match("kvot", "tillvaxt", "malar"))
    needed = base.mark_bar().encode(
        y=alt.Y("kommun:N", title=None, sort="-x"),
        x=alt.X("points_needed:Q", title="publika laddpunkter", axis=alt.Axis(format=",.0f")),
        opacity=alt.condition("datum.kommun == kommun", alt.value(1.0), alt.value(0.45)),
        tooltip=[alt.Tooltip("kommun:N", title="Kommun"),
                 alt.Tooltip("points_2025:Q", title="Laddpunkter dec 2025", format=",.0f"),
                 alt.Tooltip("points_needed:Q", title="Behov", format=",.0f")],
    )
    today = base.mark_tick(color="black", thickness=3, size=16).encode(y=alt.Y("kommun:N", sort="-x"),
                                                                       x="points_2025:Q")
    spec = (needed + today).properties(width="container", height=380, title={
        "text": {"expr": "'Publika laddpunkter: behov ' + malar + ' (stapel) och december 2025 (streck)'"},
        "subtitle": "Framskrivning, inte prognos. Källa: Power Circle via Klimatkollen."}).to_dict()
    spec["params"] = [
        vega.kommun_param(KOMMUNER, DEFAULT_KOMMUN),
        vega.radio_param("kvot", list(lesson.RATIOS), "county", "Jämförelsekvot", labels=list(lesson.RATIOS.values())),
        vega.radio_param("tillvaxt", list(GROWTH), "exponential", "Ökning av laddbara fordon",
                         labels=list(GROWTH.values())),
        vega.range_param("malar", 2026, 2035, 1, 2030, "Målår", format="d"),
    ]
    row, col = vega.lookup_param("lp", kommuner, ["kommun", "kvot", "tillvaxt", "malar"],
                                 ["points_2025", "vehicles_projected", "points_needed", "points_missing"])
    spec["params"].append(row)
    keys = [
        vega.Key("idag", "Laddpunkter december 2025", col["points_2025"], format=",.0f"),
        vega.Key("fordon", "Laddbara fordon målåret (framskrivning)", col["vehicles_projected"], format=",.0f"),
        vega.Key("behov", "Laddpunkter som behövs målåret", col["points_needed"], format=",.0f"),
        vega.Key("saknas", "Laddpunkter som saknas", col["points_missing"], format=",.0f"),
    ]
    table = lesson.kommun_charging()
    return vega.chart(
        spec, name="laddinfrastruktur", keys=keys,
        description=("Publika laddpunkter per kommun i Norrbotten i december 2025 och behovet valt målår om antalet "
                     "laddbara fordon fortsätter att öka som 2023–2025 och kvoten laddpunkter per fordon blir som "
                     "vald jämförelsekvot. Nyckeltalen gäller vald kommun."),
        fallback_png=vega.fallback_png(lesson.need_figure(table)),
        fallback_alt="Liggande stapeldiagram: laddpunkter i dag och behovet 2030 per kommun; Luleå har störst behov.",
    )
