"""Static-site chart for "Totalkostnad (TCO)": cost per km against km per year for each drivetrain,
by vehicle class and holding period (the book's dated prices and assumed vehicle costs). No kommun
control: the prices are the same for every kommun."""
from __future__ import annotations

import altair as alt

from models.common import vega
from models.lessons.transporter import totalkostnad as lesson
from models.transport import constants as c


def chart() -> vega.Chart:
    grid = lesson.site_grid().rename(columns={"vehicle_class": "klass", "years": "ar", "annual_km": "km"})
    grid = grid[["klass", "ar", "km", "drivetrain", "drivetrain_sv", "per_km_sek"]].round({"per_km_sek": 3})
    order = [lesson.DRIVETRAIN_LABELS[d] for d in c.DRIVETRAINS]
    base = alt.Chart(grid).transform_filter(vega.match("klass", "ar"))
    lines = base.mark_line(point=True).encode(
        x=alt.X("km:Q", title="körsträcka, km per år", axis=alt.Axis(format=",.0f")),
        y=alt.Y("per_km_sek:Q", title="kronor per km", axis=alt.Axis(format=",.1f")),
        color=alt.Color("drivetrain_sv:N", title="Drivlina", sort=order),
        strokeDash=alt.StrokeDash("drivetrain_sv:N", legend=None, sort=order),
        tooltip=[alt.Tooltip("drivetrain_sv:N", title="Drivlina"), alt.Tooltip("km:Q", title="km/år", format=",.0f"),
                 alt.Tooltip("per_km_sek:Q", title="kr/km", format=",.2f")],
    )
    rule = alt.Chart(grid).transform_filter("datum.klass == klass && datum.ar == ar && datum.km == km").mark_rule(
        color="black", strokeDash=[4, 3]).encode(x="km:Q")
    spec = (lines + rule).properties(width="container", height=300, title={
        "text": "Totalkostnad per km", "subtitle": "Priser hösten 2023 och antagna fordonskostnader (illustrativa)."},
    ).to_dict()
    spec["params"] = [
        vega.radio_param("klass", list(c.VEHICLE_CLASSES), "car", "Fordonsslag", labels=list(c.VEHICLE_CLASSES.values())),
        vega.range_param("ar", 3, 8, 1, 4, "Innehavstid (år)", format="d"),
        vega.range_param("km", 5000, 50000, 5000, 15000, "Körsträcka (km/år)", format=",.0f"),
    ]
    wide = grid.pivot_table(index=["klass", "ar", "km"], columns="drivetrain", values="per_km_sek").reset_index()
    wide["cheapest"] = wide[list(c.DRIVETRAINS)].idxmin(axis=1).map(lesson.DRIVETRAIN_LABELS)
    row, col = vega.lookup_param("tk", wide, ["klass", "ar", "km"], ["electricity", "diesel", "hvo100", "cheapest"])
    spec["params"].append(row)
    keys = [
        vega.Key("billigast", "Billigast", col["cheapest"], format=None),
        vega.Key("el", "El", col["electricity"], format=",.2f", unit="kr/km"),
        vega.Key("diesel", "Diesel", col["diesel"], format=",.2f", unit="kr/km"),
        vega.Key("hvo", "HVO100", col["hvo100"], format=",.2f", unit="kr/km"),
    ]
    return vega.chart(
        spec, name="totalkostnad", keys=keys,
        description=("Totalkostnad per km för sex drivlinor mot körsträcka per år, för valt fordonsslag och vald "
                     "innehavstid, med 4 % kalkylränta, priser hösten 2023 och antagna fordonskostnader. "
                     "Nyckeltalen gäller vald körsträcka."),
        fallback_png=vega.fallback_png(lesson.per_km_figure(lesson.per_km_curve("car", 4))),
        fallback_alt="Linjediagram: kostnaden per km sjunker med körsträckan; elbilen blir billigast vid längre körsträckor.",
    )
