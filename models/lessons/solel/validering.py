"""The lesson "Solen i Norrbotten": the book's generated typical year against Luleå's real file.

Luleå built by the generator (:func:`models.lessons.solel.platser.typical_year` with ``generated=True``)
against the Climate.OneBuilding.org file: monthly statistics, irradiation on a 45° panel and yield, as
tables and a figure (the lesson module :mod:`models.lessons.solel.solen_i_norrbotten` shows them).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from models.common.formatting import fmt_number
from models.common.plotting import ACCENT, MAIN, add_source, new_figure, swedish_axis
from models.data import weather as wx
from models.lessons.solel import platser
from models.solar import constants as C
from models.solar import pv
from models.solar import typical_year as ty


def validation() -> pd.DataFrame:
    """Luleå built by the generator against the real file: monthly statistics, POA and yield."""
    real, gen = platser.typical_year("Luleå"), platser.typical_year("Luleå", generated=True)
    a, b = ty.monthly_statistics(real), ty.monthly_statistics(gen)
    real_site, gen_site = platser.site("Luleå"), platser.site("Luleå", generated=True)
    poa_real = pv.poa(real_site, 45, 180)["poa_global"].reshape(-1)
    poa_gen = pv.poa(gen_site, 45, 180)["poa_global"].reshape(-1)
    month = real.index.tz_convert(C.STANDARD_TZ).month
    return pd.DataFrame({
        "ghi_real": a["ghi_kwh_m2"], "ghi_generated": b["ghi_kwh_m2"],
        "diffuse_real": a["diffuse_fraction"], "diffuse_generated": b["diffuse_fraction"],
        "temp_real": a["temp_mean_c"], "temp_generated": b["temp_mean_c"],
        "snow_days_real": a["snow_days"], "snow_days_generated": b["snow_days"],
        "poa45_real": pd.Series(poa_real, index=real.index).groupby(month).sum().to_numpy() / 1000,
        "poa45_generated": pd.Series(poa_gen, index=real.index).groupby(month).sum().to_numpy() / 1000,
        "yield_real": pv.monthly_yield(real_site, 45).to_numpy(),
        "yield_generated": pv.monthly_yield(gen_site, 45).to_numpy(),
    }, index=pd.RangeIndex(1, 13, name="month"))


def validation_summary() -> dict:
    """Annual differences generated − real for Luleå (percent, or points for the diffuse share)."""
    v = validation()

    def pct(col):
        return 100.0 * (v[f"{col}_generated"].sum() / v[f"{col}_real"].sum() - 1.0)

    real, gen = platser.typical_year("Luleå"), platser.typical_year("Luleå", generated=True)
    return {"ghi_pct": pct("ghi"), "poa45_pct": pct("poa45"), "yield_pct": pct("yield"),
            "poa45_real_kwh_m2": float(v["poa45_real"].sum()), "poa45_generated_kwh_m2": float(v["poa45_generated"].sum()),
            "yield_real": float(v["yield_real"].sum()), "yield_generated": float(v["yield_generated"].sum()),
            "diffuse_points": 100.0 * (gen["dhi"].sum() / gen["ghi"].sum() - real["dhi"].sum() / real["ghi"].sum()),
            "diffuse_max_points_mar_oct": 100.0 * float(
                (v["diffuse_generated"] - v["diffuse_real"]).iloc[2:10].abs().max())}


def validation_table() -> pd.DataFrame:
    """:func:`validation` in Swedish, with a year row."""
    v = validation()
    out = pd.DataFrame(index=pd.Index(C.MONTHS_SV, name="Månad"))
    out["GHI fil (kWh/m²)"] = [fmt_number(x, 1) for x in v["ghi_real"]]
    out["GHI modell"] = [fmt_number(x, 1) for x in v["ghi_generated"]]
    out["Diffus andel fil"] = [fmt_number(x, 2) for x in v["diffuse_real"]]
    out["Diffus andel modell"] = [fmt_number(x, 2) for x in v["diffuse_generated"]]
    out["Lutande 45° fil (kWh/m²)"] = [fmt_number(x, 1) for x in v["poa45_real"]]
    out["Lutande 45° modell"] = [fmt_number(x, 1) for x in v["poa45_generated"]]
    out["Produktion fil (kWh/kWp)"] = [fmt_number(x, 0) for x in v["yield_real"]]
    out["Produktion modell"] = [fmt_number(x, 0) for x in v["yield_generated"]]
    real, gen = platser.typical_year("Luleå"), platser.typical_year("Luleå", generated=True)
    out.loc["År"] = [fmt_number(v["ghi_real"].sum(), 1), fmt_number(v["ghi_generated"].sum(), 1),
                     fmt_number(real["dhi"].sum() / real["ghi"].sum(), 2),
                     fmt_number(gen["dhi"].sum() / gen["ghi"].sum(), 2),
                     fmt_number(v["poa45_real"].sum(), 1), fmt_number(v["poa45_generated"].sum(), 1),
                     fmt_number(v["yield_real"].sum(), 0), fmt_number(v["yield_generated"].sum(), 0)]
    return out


def validation_figure():
    """Generated vs real Luleå: monthly GHI and the monthly diffuse share."""
    v = validation()
    fig, (left, right) = new_figure(1, 2, width=9, height=3.8)
    x = np.arange(12)
    left.bar(x - 0.2, v["ghi_real"], width=0.4, color=MAIN, label="Typårsfilen")
    left.bar(x + 0.2, v["ghi_generated"], width=0.4, color="white", edgecolor=ACCENT, hatch="//",
             label="Bokens generator")
    left.set_xticks(x, [m[0].upper() for m in C.MONTHS_SV])
    left.set_ylabel("GHI (kWh/m²)")
    left.set_title("Instrålning per månad")
    left.legend(loc="upper right")
    right.plot(x, v["diffuse_real"], color=MAIN, marker="o", label="Typårsfilen")
    right.plot(x, v["diffuse_generated"], color=ACCENT, marker="s", linestyle="--", label="Bokens generator")
    right.set_xticks(x, [m[0].upper() for m in C.MONTHS_SV])
    right.set_ylim(0, 1.05)
    swedish_axis(right.yaxis, decimals=1)
    right.set_ylabel("Diffus andel (DHI/GHI)")
    right.set_title("Andel diffust ljus")
    right.legend(loc="upper center")
    add_source(fig, wx.source_note() + " Generatorn: bokens modell med pvlib.")
    return fig
