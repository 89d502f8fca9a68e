"""Static-site chart for "Kartlägg solelslägen": the template buildings' NPV per invested krona in
the chosen kommun at the chosen system price, with the best building and the number of profitable
buildings as key numbers."""
from __future__ import annotations

import altair as alt

from models import data
from models.common import vega
from models.lessons.solel import kartlagg_solelslagen as lesson


def chart() -> vega.Chart:
    grid = lesson.site_grid()
    grid["byggnad"] = grid["building"].str.replace("Exempel: ", "", regex=False)
    bars = alt.Chart(grid).transform_filter(vega.match("kommun", "price_per_kwp")).mark_bar().encode(
        y=alt.Y("byggnad:N", title=None, sort=alt.EncodingSortField("rank", order="ascending")),
        x=alt.X("npv_sek:Q", title="Nuvärde (kr)", axis=alt.Axis(format=",.0f")),
        color=alt.condition("datum.npv_sek > 0", alt.value("#0072B2"), alt.value("#8C8C8C")),
    )
    spec = bars.properties(width="container", height=300, title={
        "text": "Exempelbyggnaderna rangordnade",
        "subtitle": "Illustrativa byggnader; grå = inte lönsam vid valt systempris."}).to_dict()
    prices = sorted(grid["price_per_kwp"].unique().tolist())
    spec["params"] = [
        vega.kommun_param(data.KOMMUNER, "Luleå"),
        vega.select_param("price_per_kwp", prices, 15_000, "Systempris", labels=[f"{p:,} kr/kWp".replace(",", " ")
                                                                                 for p in prices]),
    ]
    summary = grid.groupby(["kommun", "price_per_kwp"]).agg(
        n_profitable=("npv_sek", lambda s: int((s > 0).sum()))).reset_index()
    top = grid[grid["rank"] == 1][["kommun", "price_per_kwp", "npv_sek", "kwp"]]
    keys = [
        vega.Key("lonsamma", "Lönsamma byggnader (av 8)", vega.lookup(summary, ["kommun", "price_per_kwp"], "n_profitable"),
                 format=",.0f"),
        vega.Key("forsta", "Nuvärde för den bästa byggnaden", vega.lookup(top, ["kommun", "price_per_kwp"], "npv_sek"),
                 format=",.0f", unit="kr"),
        vega.Key("storlek", "Vald storlek för den bästa byggnaden", vega.lookup(top, ["kommun", "price_per_kwp"], "kwp"),
                 format=",.0f", unit="kWp"),
    ]
    return vega.chart(
        spec, name="kartlagg-solelslagen", keys=keys,
        description=("Nuvärde för bokens åtta illustrativa exempelbyggnader i vald kommun vid valt systempris, "
                     "rangordnade efter nuvärde per investerad krona (bokens modell)."),
        fallback_png=vega.fallback_png(lesson.shortlist_figure(lesson.screen("Luleå"))),
        fallback_alt="Liggande stapeldiagram med exempelbyggnaderna; äldreboendet överst och simhallen längst ned.",
    )
