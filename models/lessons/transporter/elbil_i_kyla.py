"""Lesson "Elbil i kyla": the cold band, Luleå's months and the working-day test for each vehicle."""
from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
from matplotlib.patches import Patch

from models.common import checks
from models.common.plotting import MAIN, MUTED, OKABE_ITO, new_figure, swedish_axis
from models.data import fleet_file
from models.lessons.transporter.levande_figur import LiveFigure
from models.transport import cold
from models.transport import constants as c
from models.transport.turnover import DESIGN_TEMP_C, check_fleet

CASE_STYLE = {"low": ("--", OKABE_ITO["bluish_green"]), "central": ("-", MAIN), "high": (":", OKABE_ITO["vermillion"])}
CASE_SHORT = {"low": "låg", "central": "mitten", "high": "hög"}
BASE_KWH_PER_KM = c.VEHICLE_OPTIONS["car"]["electricity"]["energy_per_km"]
TEMPS = (20, 10, 0, -10, -20, -30)
#: A :func:`fleet_check` result's columns and what each must hold (see :func:`models.common.checks.table`).
CHECK_COLUMNS = {"vehicle_id": "any", "vehicle_class": "text", "fuel": "text", "longest_daily_km": "non_negative",
                 "range_km": "non_negative", "margin_km": "number", "verdict": "text", "verdict_sv": "text"}


def _base(base_kwh_per_km) -> float:
    return checks.positive(base_kwh_per_km, "base_kwh_per_km", "förbrukning vid 20 °C, kWh/km", high=cold.MAX_KWH_PER_KM)


def _check(check) -> pd.DataFrame:
    """A :func:`fleet_check` result, checked: the columns, known classes, fuels and verdicts."""
    out = checks.table_in_place(check, CHECK_COLUMNS, "check (resultatet av fleet_check)")
    for column, valid, word in (("vehicle_class", c.VEHICLE_CLASSES, "fordonsslag"), ("fuel", c.FUELS, "drivmedel"),
                                ("verdict", cold.VERDICTS, "bedömning")):
        unknown = sorted(set(out[column]) - set(valid))
        if unknown:
            raise ValueError(f"check (resultatet av fleet_check): okänt {word} {checks.show(unknown[0])} i kolumnen "
                             f"{column}. Giltiga: {', '.join(valid)}.")
    return out


def band_table(base_kwh_per_km: float = BASE_KWH_PER_KM, temps=TEMPS) -> pd.DataFrame:
    """Consumption [kWh/100 km] at each temperature in the three cases."""
    base_kwh_per_km = _base(base_kwh_per_km)
    temps = checks.number_list(temps, "temps", "temperaturer i °C", low=cold.TEMP_MIN_C, high=cold.TEMP_MAX_C,
                               max_length=200)
    rows = []
    for t in temps:
        row = {"Temperatur (°C)": t}
        for case in c.CASES:
            row[f"{CASE_SHORT[case].capitalize()} (kWh/100 km)"] = 100 * cold.ev_consumption(base_kwh_per_km, t, case)
        rows.append(row)
    return pd.DataFrame(rows)


def study_table() -> pd.DataFrame:
    """The cited studies behind the band, as published (Swedish)."""
    return pd.DataFrame([
        ("Tesla Model S-data (arXiv 2018)", "0,98 % mer energi per grad under 20 °C", "mitten"),
        ("NAF/Motor El Prix, jan 2022 (31 bilar)", "räckvidd 11–21 % kortare än WLTP vid 0 till −10 °C", "låg"),
        ("NAF vintertest 2020 (20 bilar)", "räckvidd 9–29 % kortare än WLTP, i snitt 18,5 %", "jämförelse"),
        ("Geotab 2020 (4 200 elbilar)", "54 % av angiven räckvidd vid −15 °C; bäst vid 21,5 °C (+15 %)", "hög"),
        ("Regionalt projekt i Norrbotten", "ca 25 % av energin till kupévärme vid sträng kyla; förvärmning "
         "på nätel sparar 2–3 mil", "förvärmning"),
        ("CELLER-i, Älvsbyn 2019", "Hyundai Ioniq klarade 9 mil efter kallstart i −34 °C utan förvärmning",
         "enstaka exempel"),
    ], columns=["Studie", "Resultat (som publicerat)", "Används för"])


def band_figure(base_kwh_per_km: float = BASE_KWH_PER_KM):
    """The band from −35 to 30 °C, with the studies' points."""
    base_kwh_per_km = _base(base_kwh_per_km)
    temps = np.linspace(-35, 30, 131)
    fig, ax = new_figure(width=8, height=4.2)
    for case, (ls, colour) in CASE_STYLE.items():
        ax.plot(temps, 100 * cold.ev_consumption(base_kwh_per_km, temps, case), ls, color=colour, lw=2,
                label=c.CASES[case])
    base = 100 * base_kwh_per_km
    ax.plot([-15], [base * c.GEOTAB_BEST[1] / c.GEOTAB_COLD[1]], "v", color=OKABE_ITO["vermillion"], ms=9,
            label="Geotab 2020: 54 % av räckvidden vid −15 °C")
    ax.plot([-5], [base / 0.84], "D", color=OKABE_ITO["bluish_green"], ms=8,
            label="NAF 2022: 11–21 % kortare räckvidd vid 0 till −10 °C")
    ax.vlines(-5, base / 0.89, base / 0.79, color=OKABE_ITO["bluish_green"])
    ax.axvspan(-35, -15, color=MUTED, alpha=0.12)
    ax.text(-34, base * 1.6, "under −15 °C: inga mätningar,\nlinjerna är förlängda", fontsize=8, color="#444444")
    ax.set_xlabel("utetemperatur (°C)")
    ax.set_ylabel("kWh per 100 km")
    swedish_axis(ax.xaxis)
    swedish_axis(ax.yaxis)
    ax.legend(fontsize=8, loc="upper right")
    return fig


def monthly_table(base_kwh_per_km: float = BASE_KWH_PER_KM, case: str = "central") -> pd.DataFrame:
    """Luleå's typical-year months: mean and coldest hour, and the consumption at both."""
    mean = np.array(c.LULEA_MONTHLY_MEAN_C)
    low = np.array(c.LULEA_MONTHLY_MIN_C)
    return pd.DataFrame({
        "Månad": c.MONTHS_SV, "Medeltemperatur (°C)": mean, "Kallaste timmen (°C)": low,
        "Förbrukning vid medel (kWh/100 km)": 100 * cold.ev_consumption(base_kwh_per_km, mean, case),
        "Förbrukning kallaste timmen (kWh/100 km)": 100 * cold.ev_consumption(base_kwh_per_km, low, case),
    })


def fleet_check(fleet: pd.DataFrame, temp_c: float = DESIGN_TEMP_C, case: str = "central",
                reserve: float = c.RANGE_RESERVE, preheat: bool = True, scale: float = 1.0) -> pd.DataFrame:
    """Every vehicle as a new EV of its class (battery, consumption: assumptions) on its longest day.

    Preheating counts only where the vehicle parks with power; ``scale`` multiplies the classes'
    consumption at 20 °C. Model columns plus the fleet's id, class, fuel, site and longest day.
    """
    fleet = check_fleet(fleet)
    checks.table_in_place(fleet, {"home_site": "text"}, "fleet (fordonslistan)")
    preheat = checks.flag(preheat, "preheat", "förvärmning")
    scale = checks.number(scale, "scale", "faktor på förbrukningen vid 20 °C", low=0.1, high=10.0)
    cls = fleet["vehicle_class"].to_numpy(str)
    base = scale * np.array([c.VEHICLE_OPTIONS[k]["electricity"]["energy_per_km"] for k in cls])
    battery = np.array([c.EV_BATTERY_KWH[k] for k in cls])
    large = np.array([c.LARGE_BATTERY_KWH[k] for k in cls])
    power = (np.array([v is True or v is np.True_ for v in fleet["parking_power"].to_numpy(dtype=object)], dtype=bool)
             if "parking_power" in fleet else np.zeros(len(fleet), dtype=bool))
    pre = power & preheat
    check = cold.range_check(fleet["longest_daily_km"].to_numpy(float), base, battery, temp_c, case, reserve,
                             pre, large)
    check.index = fleet.index
    ids = fleet[["vehicle_id", "vehicle_class", "fuel", "home_site", "longest_daily_km"]].assign(parking_power=power)
    return pd.concat([ids, check], axis=1)


def check_table(check: pd.DataFrame) -> pd.DataFrame:
    """:func:`fleet_check` in Swedish."""
    check = _check(check)
    return pd.DataFrame({
        "Fordon": check["vehicle_id"], "Fordonsslag": check["vehicle_class"].map(c.VEHICLE_CLASSES),
        "Drivmedel i dag": check["fuel"].map(c.FUEL_LABELS), "Längsta dag (km)": check["longest_daily_km"],
        "Räckvidd som elfordon (km)": check["range_km"], "Marginal (km)": check["margin_km"],
        "Bedömning": check["verdict_sv"],
    })


def verdict_counts(check: pd.DataFrame) -> pd.DataFrame:
    """Number of vehicles per verdict, in the order of :data:`cold.VERDICTS`."""
    check = _check(check)
    counts = check["verdict"].value_counts()
    return pd.DataFrame({"Bedömning": list(cold.VERDICTS.values()),
                         "Fordon": [int(counts.get(k, 0)) for k in cold.VERDICTS]})


def check_figure(check: pd.DataFrame, temp_c: float):
    """Each vehicle's longest day (bar) against its electric range at ``temp_c`` (marker)."""
    return CheckChart(check, temp_c).figure


class CheckChart:
    """:func:`check_figure` built once for a fleet and redrawn by :meth:`update` (for the live explorer).

    The vehicles keep their order (by longest day); an update recolours the bars by verdict, moves
    the range markers and rewrites the legend's temperature. ``dynamic`` lists those artists.
    """

    def __init__(self, check: pd.DataFrame, temp_c: float, limit: float | None = None):
        self.limit = None if limit is None else checks.positive(limit, "limit", "x-axelns största värde, km")
        order = _check(check).sort_values("longest_daily_km", kind="stable")
        self.vehicles = tuple(order["vehicle_id"])
        self.figure, ax = new_figure(width=8, height=max(3.5, 0.22 * len(order) + 1.2))
        self.ax = ax
        y = np.arange(len(order))
        self.bars = ax.barh(y, order["longest_daily_km"].to_numpy(float), color=MAIN)
        self.marks, = ax.plot(order["range_km"].to_numpy(float), y, "k|", ms=10, mew=2,
                              label="Räckvidd som elfordon vid temperaturen i rubriken")
        ax.set_yticks(y, order["vehicle_id"], fontsize=7)
        ax.set_xlabel("km")
        swedish_axis(ax.xaxis)
        ax.grid(axis="y", visible=False)
        ok = Patch(facecolor=MAIN, label="Längsta dag – klaras nu")
        not_ok = Patch(facecolor=OKABE_ITO["orange"], hatch="//", edgecolor="white",
                       label="Längsta dag – klaras inte med standardbatteri")
        self.figure.legend(handles=[ok, not_ok, self.marks], fontsize=8, loc="outside lower center", ncol=2)
        self.title = ax.set_title(" ")
        self.update(check, temp_c)

    @property
    def dynamic(self) -> list:
        return [*self.bars, self.marks, self.title]

    def update(self, check: pd.DataFrame, temp_c: float) -> None:
        """Colours, range markers and the legend for a new :func:`fleet_check` of the same vehicles."""
        order = _check(check).sort_values("longest_daily_km", kind="stable")
        temp_c = checks.number_in_range(temp_c, cold.TEMP_MIN_C, cold.TEMP_MAX_C, "temp_c", "utetemperatur", " °C")
        if tuple(order["vehicle_id"]) != self.vehicles:
            raise ValueError("check (resultatet av fleet_check) gäller andra fordon än diagrammet: rita ett nytt.")
        ok = order["verdict"].to_numpy() == "now"
        longest = order["longest_daily_km"].to_numpy(float)
        reach = order["range_km"].to_numpy(float)
        for bar, good, km in zip(self.bars, ok, longest):
            bar.set_width(km)
            bar.set_facecolor(MAIN if good else OKABE_ITO["orange"])
            bar.set_hatch("" if good else "//")
            bar.set_edgecolor("none" if good else "white")
        self.marks.set_xdata(reach)
        self.title.set_text(f"Längsta dag och räckvidd vid {temp_c:g} °C".replace(".", ",").replace("-", "−"))
        top = max(float(longest.max()), float(reach.max()), 1.0)
        self.ax.set_xlim(0, LiveFigure.nice_limit(self.limit) if self.limit is not None and top <= self.limit
                         else LiveFigure.steady_limit(self.ax.get_xlim()[1], top))


def site_grid() -> pd.DataFrame:
    """Precomputed data for the static-site chart: consumption factor by temperature (−40…30 °C) and
    case, and the example fleet's verdict counts by design temperature and case (tidy)."""
    fleet = fleet_file.example_fleet()
    rows = []
    for temp, case in itertools.product(range(-40, 31, 2), c.CASES):
        f = cold.temperature_factor(temp, case)
        counts = fleet_check(fleet, temp, case)["verdict"].value_counts() if temp <= 10 else pd.Series(dtype=int)
        rows.append({"temp_c": temp, "case": case, "case_sv": c.CASES[case], "factor": f,
                     "kwh_per_100km": 100 * BASE_KWH_PER_KM * f,
                     **{f"n_{k}": int(counts.get(k, 0)) for k in cold.VERDICTS}})
    return pd.DataFrame(rows)
