"""Static-site chart for "Egenanvändning och lönsamhet": self-consumption and self-sufficiency
against system size for the chosen kommun and building type, with the economics at the chosen
size (the book's default prices) as key numbers."""
from __future__ import annotations

import altair as alt

from models import data
from models.common import vega
from models.lessons.solel import egenanvandning as lesson
from models.solar import selfconsumption as sc


def chart() -> vega.Chart:
    grid = lesson.site_grid()
    long = grid.melt(id_vars=["kommun", "profile", "kwp"], value_vars=["self_consumption", "self_sufficiency"],
                     var_name="matt", value_name="andel")
    long["matt"] = long["matt"].map({"self_consumption": "Egenanvändning", "self_sufficiency": "Självförsörjning"})
    lines = alt.Chart(long).transform_filter(vega.match("kommun", "profile")).mark_line(point=True).encode(
        x=alt.X("kwp:Q", title="Anläggningens storlek (kWp)"),
        y=alt.Y("andel:Q", title="Andel", axis=alt.Axis(format=".0%"), scale=alt.Scale(domain=[0, 1])),
        color=alt.Color("matt:N", title=None), strokeDash=alt.StrokeDash("matt:N", title=None),
    )
    rule = alt.Chart(grid).transform_filter(vega.match("kommun", "profile") + " && datum.kwp == kwp").mark_rule(
        strokeDash=[4, 3], color="black").encode(x="kwp:Q")
    spec = (lines + rule).properties(width="container", height=300, title={
        "text": "Egenanvändning och självförsörjning, 250 000 kWh/år",
        "subtitle": "Illustrativa lastprofiler; 30° mot söder."}).to_dict()
    kwps = sorted(grid["kwp"].unique().tolist())
    profiles = list(sc.PROFILES)
    spec["params"] = [
        vega.kommun_param(data.KOMMUNER, "Luleå"),
        vega.select_param("profile", profiles, "skola", "Verksamhet", labels=[sc.PROFILES[p].label for p in profiles]),
        vega.select_param("kwp", kwps, 50, "Storlek (kWp)", labels=[f"{k} kWp" for k in kwps]),
    ]
    by = ["kommun", "profile", "kwp"]
    keys = [
        vega.Key("egen", "Egenanvändning", vega.lookup(grid, by, "self_consumption"), format=".0%"),
        vega.Key("sjalv", "Självförsörjning", vega.lookup(grid, by, "self_sufficiency"), format=".0%"),
        vega.Key("lcoe", "Produktionskostnad (LCOE)", vega.lookup(grid, by, "lcoe_sek_per_kwh"), format=",.2f",
                 unit="kr/kWh"),
        vega.Key("npv", "Nuvärde (15 000 kr/kWp, spotpris 2023)", vega.lookup(grid, by, "npv_sek"), format=",.0f",
                 unit="kr"),
    ]
    return vega.chart(
        spec, name="egenanvandning", keys=keys,
        description=("Egenanvändning och självförsörjning mot anläggningens storlek för en illustrativ byggnad med "
                     "250 000 kWh per år i vald kommun, och lönsamheten med bokens utgångspriser."),
        fallback_png=vega.fallback_png(lesson.size_figure()),
        fallback_alt=("Två diagram: egenanvändningen sjunker och självförsörjningen stiger när anläggningen blir större; "
                      "nuvärdet för olika storlekar."),
    )
