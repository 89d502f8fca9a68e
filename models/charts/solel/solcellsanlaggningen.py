"""Static-site chart for "Solcellsanläggningen": annual yield against tilt for the chosen kommun,
azimuth and snow choice, with the yield at the chosen tilt and the best tilt as key numbers."""
from __future__ import annotations

import altair as alt

from models import data
from models.common import vega
from models.lessons.solel import solcellsanlaggningen as lesson


def chart() -> vega.Chart:
    grid = lesson.site_grid()
    line = alt.Chart(grid).transform_filter(vega.match("kommun", "azimuth", "snow")).mark_line(point=True).encode(
        x=alt.X("tilt:Q", title="Lutning (grader)"),
        y=alt.Y("yield_kwh_per_kwp:Q", title="kWh per kWp och år", axis=alt.Axis(format=",.0f"),
                scale=alt.Scale(zero=True)),
    )
    rule = alt.Chart(grid).transform_filter(vega.match("kommun", "azimuth", "snow") + " && datum.tilt == tilt"
                                            ).mark_rule(strokeDash=[4, 3], color="black").encode(x="tilt:Q")
    spec = (line + rule).properties(width="container", height=300, title={
        "text": "Årsproduktion per kWp och lutning",
        "subtitle": "Bokens modell med pvlib; snön med Marions modell."}).to_dict()
    azimuths = list(lesson.SITE_AZIMUTHS)
    labels = {90: "öster (90°)", 120: "120°", 150: "sydost (150°)", 180: "söder (180°)", 210: "sydväst (210°)",
              240: "240°", 270: "väster (270°)"}
    spec["params"] = [
        vega.kommun_param(data.KOMMUNER, "Luleå"),
        vega.range_param("tilt", 0, 90, 10, 40, "Lutning (grader)", format=",.0f"),
        vega.select_param("azimuth", azimuths, 180, "Riktning", labels=[labels[a] for a in azimuths]),
        vega.radio_param("snow", ["med", "utan"], "med", "Snöförluster", labels=["Med snö", "Utan snö"]),
    ]
    best = grid.loc[grid.groupby(["kommun", "azimuth", "snow"])["yield_kwh_per_kwp"].idxmax()]
    keys = [
        vega.Key("utbyte", "Årsproduktion vid vald lutning",
                 vega.lookup(grid, ["kommun", "snow", "tilt", "azimuth"], "yield_kwh_per_kwp"), format=",.0f",
                 unit="kWh/kWp"),
        vega.Key("basta", "Bästa lutning (10°-steg) för vald riktning",
                 vega.lookup(best, ["kommun", "azimuth", "snow"], "tilt"), format=",.0f", unit="°"),
        vega.Key("max", "Årsproduktion vid bästa lutning",
                 vega.lookup(best, ["kommun", "azimuth", "snow"], "yield_kwh_per_kwp"), format=",.0f", unit="kWh/kWp"),
    ]
    return vega.chart(
        spec, name="solcellsanlaggningen", keys=keys,
        description=("Årsproduktion per kWp mot panelernas lutning för vald kommun, riktning och med eller utan "
                     "snöförluster (bokens modell med pvlib)."),
        fallback_png=vega.fallback_png(lesson.tilt_figure(("Luleå", "Kiruna"))),
        fallback_alt=("Linjediagram: årsproduktionen är lägst för vågräta paneler, högst runt 45–50 graders lutning "
                      "och sjunker mot lodrätt; snöförlusten är störst för flacka paneler."),
    )
