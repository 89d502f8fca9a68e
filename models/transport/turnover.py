"""Fleet turnover to fossil-free (method M2): when each vehicle is replaced, by what, and the result
year by year. Vectorised over vehicles (a 1 000-vehicle fleet over 20 years takes milliseconds).

Replacement year ``y_v = model_year + holding_years`` (at the latest the start year, if overdue);
later replacements are like for like. A policy ``rule`` picks the new drivetrain:

* ``lowest_tco``: the cheapest fossil-free option (electric only if the longest day passes the
  cold-range test at the design temperature, otherwise HVO100 or biogas);
* ``electric_first``: electric where the range test passes, else HVO100 (biogas stays biogas);
* ``cheapest_any``: the cheapest option of all, fossil ones included (a cost-only rule);
* ``like_for_like``: the same fuel as today (the reference path).

Emissions follow each year's factors (reduktionsplikt, the electricity choice); costs are energy at
today's prices plus yearly fixed costs and the capital annuity of the drivetrain (:mod:`costs`).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from models.common import checks
from models.transport import cold, emissions
from models.transport.costs import (
    MAX_KM_PER_YEAR, MAX_YEARS, check_rate, energy_cost_per_km_at, prices_with_defaults, yearly_fixed_costs,
)
from models.transport import constants as c

RULES = {
    "lowest_tco": "Lägsta totalkostnad bland fossilfria alternativ som klarar kylan",
    "electric_first": "El där räckvidden räcker, annars HVO100/biogas",
    "cheapest_any": "Lägsta totalkostnad oavsett drivmedel",
    "like_for_like": "Samma drivmedel som i dag (jämförelsebana)",
}
FLEET_COLUMNS = ("vehicle_id", "vehicle_class", "fuel", "model_year", "annual_km", "longest_daily_km",
                 "consumption_per_km", "holding_years")
FOSSIL_FREE_OPTIONS = ("electricity", "hvo100", "biogas")
#: The coldest hour of Luleå's typical year (February, TMYx 2009–2023) [°C]: the default design temperature.
DESIGN_TEMP_C = min(c.LULEA_MONTHLY_MIN_C)
MAX_SPAN_YEARS = 60
#: Each model column of a fleet: (column, Swedish name, lowest, highest valid value).
FLEET_BOUNDS = (("annual_km", "körsträcka per år", 0, MAX_KM_PER_YEAR),
                ("longest_daily_km", "längsta dagsträcka", 0, cold.MAX_DAILY_KM),
                ("consumption_per_km", "förbrukning per km", 0, 100),
                ("holding_years", "innehavstid", 1, MAX_YEARS),
                ("model_year", "årsmodell", 1950, checks.YEAR_MAX))


def check_fleet(fleet) -> pd.DataFrame:
    """The fleet's model columns, validated (Swedish ``ValueError`` naming the vehicle and the value)."""
    checks.table_with_columns(fleet, FLEET_COLUMNS, "fleet (fordonslistan)")
    if len(fleet) == 0:
        raise ValueError("fleet (fordonslistan) är tom: ange minst ett fordon.")
    ids = fleet["vehicle_id"].to_numpy(dtype=object)
    bad = np.array([not ((isinstance(v, str) and v.strip()) or (isinstance(v, (int, np.integer)) and not isinstance(v, bool)))
                    for v in ids], dtype=bool)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise ValueError(f"fleet (fordonslistan), rad {i + 1}: vehicle_id (fordonets id) måste vara en text eller ett "
                         f"heltal, fick {checks.show(ids[i])}.")
    for column, valid, word in (("vehicle_class", c.VEHICLE_CLASSES, "fordonsslag"), ("fuel", c.FUELS, "drivmedel")):
        bad = np.array([not (isinstance(v, str) and v in valid) for v in fleet[column].to_numpy(dtype=object)], bool)
        if bad.any():
            row = fleet.iloc[int(np.flatnonzero(bad)[0])]
            raise ValueError(f"Fordon {checks.show(row['vehicle_id'])}: okänt {word} {checks.show(row[column])}. "
                             f"Giltiga: {', '.join(valid)}.")
    for column, what, low, high in FLEET_BOUNDS:
        values = fleet[column]
        if values.dtype.kind in "fiu":
            x = values.to_numpy(float)
        else:
            raw = values.to_numpy(dtype=object)
            typed = np.array([checks.is_real(v) for v in raw], dtype=bool)
            if not typed.all():
                row = fleet.iloc[int(np.flatnonzero(~typed)[0])]
                raise ValueError(f"Fordon {checks.show(row['vehicle_id'])}: {column} ({what}) måste vara ett tal, "
                                 f"fick {checks.show(row[column])}.")
            x = np.array([float(v) if abs(v) < 1e300 else np.inf for v in raw], dtype=float)
        bad = ~np.isfinite(x) | (x < low) | (x > high)
        if bad.any():
            row = fleet.iloc[int(np.flatnonzero(bad)[0])]
            raise ValueError(f"Fordon {checks.show(row['vehicle_id'])}: {column} ({what}) måste vara minst {low:g} och "
                             f"högst {high:g}, fick {checks.show(row[column])}.")
    if len(fleet) > checks.MAX_COUNT * 10:
        raise ValueError(f"fleet (fordonslistan) har {len(fleet)} fordon; högst {checks.MAX_COUNT * 10}.")
    checks.table_in_place(fleet, {}, "fleet (fordonslistan)", optional={"electricity_per_km": "non_negative"})
    if "parking_power" in fleet:
        bad = np.array([not (isinstance(v, (bool, np.bool_)) or v is None or v is pd.NA or
                             (isinstance(v, float) and np.isnan(v))) for v in fleet["parking_power"].to_numpy(dtype=object)],
                       dtype=bool)
        if bad.any():
            row = fleet.iloc[int(np.flatnonzero(bad)[0])]
            raise ValueError(f"Fordon {checks.show(row['vehicle_id'])}: parking_power (el på parkeringen) måste vara "
                             f"sant eller falskt, fick {checks.show(row['parking_power'])}.")
    return fleet


def replacement_plan(fleet: pd.DataFrame, start_year: int, rule: str = "lowest_tco", *,
                     design_temp_c: float = DESIGN_TEMP_C, case: str = "central", reserve: float = c.RANGE_RESERVE,
                     prices=None, discount_rate: float = c.DISCOUNT_RATE) -> pd.DataFrame:
    """Per vehicle: first replacement year, the new drivetrain, the range verdict and the TCOs compared.

    Returns columns ``vehicle_id``, ``replacement_year``, ``new_drivetrain``, ``range_verdict``
    (key of :data:`cold.VERDICTS` for a new EV of the class), ``tco_<drivetrain>_sek`` for each
    drivetrain over the vehicle's holding period and distance, and ``reason`` (Swedish).
    """
    fleet = check_fleet(fleet)
    start = checks.integer(start_year, "start_year", "startår")
    rule = checks.choice(rule, RULES, name="rule", singular="regel", plural="regler")
    r = check_rate(discount_rate)
    prices = prices_with_defaults(prices)
    cls = fleet["vehicle_class"].to_numpy(str)
    fuel = fleet["fuel"].to_numpy(str)
    km = fleet["annual_km"].to_numpy(float)
    holding = fleet["holding_years"].to_numpy(float)
    model_year = fleet["model_year"].to_numpy(float)
    replacement_year = np.maximum(model_year + holding, start).astype(int)
    classes = list(c.VEHICLE_CLASSES)
    k = np.array([classes.index(x) for x in cls], dtype=int)          # each vehicle's class, as a position

    def per_vehicle(value) -> np.ndarray:
        """``value(class)`` for each vehicle (computed once per class)."""
        return np.array([value(x) for x in classes])[k]

    base = per_vehicle(lambda x: c.VEHICLE_OPTIONS[x]["electricity"]["energy_per_km"])
    battery = per_vehicle(lambda x: c.EV_BATTERY_KWH[x])
    large = per_vehicle(lambda x: c.LARGE_BATTERY_KWH[x])
    preheated = fleet["parking_power"].fillna(False).to_numpy(bool) if "parking_power" in fleet else False
    check = cold.range_check(fleet["longest_daily_km"].to_numpy(float), base, battery, design_temp_c, case, reserve,
                             preheated, large)
    verdict = check["verdict"].to_numpy()
    ev_ok = verdict == "now"
    a = np.where(r == 0, holding, (1 - (1 + r) ** -holding) / (r if r else 1.0))
    cold_factor = cold.annual_factor(case)
    costs = {}
    for d in c.DRIVETRAINS:
        o = {x: c.VEHICLE_OPTIONS[x][d] for x in classes}
        p = per_vehicle(lambda x: float(o[x]["purchase"]))
        fixed = per_vehicle(lambda x: float(o[x]["maintenance"] + o[x]["other"] + o[x]["charger"]))
        cpk = per_vehicle(lambda x: energy_cost_per_km_at(x, d, prices, cold_factor))
        costs[d] = p + (km * cpk + fixed) * a - p * 0.5 ** (holding / c.HALF_VALUE_YEARS) / (1 + r) ** holding
    table = np.column_stack([costs[d] for d in c.DRIVETRAINS])
    names = np.array(c.DRIVETRAINS)
    if rule == "like_for_like":
        new = fuel.copy()
        reason = np.full(len(fuel), "Samma drivmedel som i dag", dtype=object)
    elif rule == "cheapest_any":
        new = names[np.argmin(table, axis=1)]
        reason = np.full(len(fuel), "Lägst totalkostnad av alla alternativ", dtype=object)
    else:
        renewable = np.where(fuel == "biogas", "biogas", "hvo100")
        if rule == "electric_first":
            new = np.where(ev_ok, "electricity", renewable)
            reason = np.where(ev_ok, "Räckvidden räcker även kallaste timmen", "Räckvidden räcker inte i kyla")
        else:
            allowed = np.isin(names, FOSSIL_FREE_OPTIONS)[None, :] & ((names != "electricity")[None, :] | ev_ok[:, None])
            masked = np.where(allowed, table, np.inf)
            new = names[np.argmin(masked, axis=1)]
            reason = np.where(new == "electricity", "Lägst totalkostnad och klarar kylan",
                              np.where(ev_ok, "Lägst totalkostnad av de fossilfria",
                                       "Räckvidden räcker inte i kyla; lägst totalkostnad av HVO100/biogas"))
    return pd.DataFrame({"vehicle_id": fleet["vehicle_id"].to_numpy(), "vehicle_class": cls, "fuel": fuel,
                         "replacement_year": replacement_year, "new_drivetrain": new, "range_verdict": verdict,
                         "reason": reason, **{f"tco_{d}_sek": costs[d] for d in c.DRIVETRAINS}}, index=fleet.index)


#: What :func:`transition` reads of a plan, row by row in the fleet's order: results made from the same fleet and
#: settings with plans equal in these columns are equal (a cache may be keyed on them).
PLAN_DECISION_COLUMNS = ("replacement_year", "new_drivetrain")


def transition(fleet: pd.DataFrame, start_year: int, end_year: int, *, rule: str = "lowest_tco",
               electricity: str = "nordic_mix", scenario: str = "stay_6", design_temp_c: float = DESIGN_TEMP_C,
               case: str = "central", reserve: float = c.RANGE_RESERVE, prices=None,
               discount_rate: float = c.DISCOUNT_RATE, plan: pd.DataFrame | None = None) -> pd.DataFrame:
    """The fleet year by year from ``start_year`` to ``end_year`` under a replacement policy.

    Parameters
    ----------
    fleet : DataFrame
        Columns :data:`FLEET_COLUMNS` (as :func:`models.data.fleet_file.read_fleet` returns them);
        optional ``electricity_per_km`` (plug-in hybrids) and ``parking_power``.
    start_year, end_year : int
        Years of the plan (2020–2050, start ≤ end).
    rule : str
        One of :data:`RULES`.
    electricity, scenario : str
        Electricity factor and reduktionsplikt scenario (see :func:`emissions.fuel_emission_factor`).
    design_temp_c, case, reserve
        The cold-range test (see :func:`cold.range_check`).
    prices : dict, optional
        SEK per unit by fuel; missing fuels take :data:`constants.PRICES`.
    discount_rate : float
        For the TCO ranking and the capital annuity.
    plan : DataFrame, optional
        A plan from :func:`replacement_plan` to use instead of computing one (only its
        :data:`PLAN_DECISION_COLUMNS` are read, row by row in the fleet's order).

    Returns
    -------
    DataFrame, one row per year: ``year``, ``vehicles``, ``n_<fuel>`` for each fuel, ``fossil_vehicles``,
    ``energy_mwh``, ``electricity_mwh``, ``emissions_t_co2e``, ``cost_sek`` (per year), ``procured``,
    ``procured_zero_emission`` (the share of a year's procurement is their ratio; a year may procure
    nothing, so no share column with NaN) and ``fossil_free`` (bool). ``attrs["fossil_free_year"]`` is
    the first year with no fossil vehicle, or ``None``.

    Notes
    -----
    Every year is computed at once on years × vehicles arrays of 8 bytes a cell, about ten alive at a time:
    some 250 MB at the allowed maximum of 100 000 vehicles over 31 years (2020–2050), well under 1 MB for a
    kommun's fleet of a few hundred vehicles.
    """
    fleet = check_fleet(fleet)
    start = emissions.check_year(start_year)
    end = emissions.check_year(end_year)
    if end < start or end - start > MAX_SPAN_YEARS:
        raise ValueError(f"end_year (slutår) måste vara minst start_year ({start}) och högst {MAX_SPAN_YEARS} år "
                         f"senare, fick {end}.")
    electricity = emissions.check_electricity(electricity)
    emissions.check_scenario(scenario)
    prices = prices_with_defaults(prices)
    if plan is None:
        plan = replacement_plan(fleet, start, rule, design_temp_c=design_temp_c, case=case, reserve=reserve,
                                prices=prices, discount_rate=discount_rate)
    decided = {k: plan[k] for k in PLAN_DECISION_COLUMNS}         # all this function reads of the plan
    replace = decided["replacement_year"].to_numpy(int)
    new_fuel = decided["new_drivetrain"].to_numpy(str)
    cls = fleet["vehicle_class"].to_numpy(str)
    old_fuel = fleet["fuel"].to_numpy(str)
    km = fleet["annual_km"].to_numpy(float)
    holding = fleet["holding_years"].to_numpy(float)
    old_cons = fleet["consumption_per_km"].to_numpy(float)
    old_extra = (fleet["electricity_per_km"].fillna(0.0).to_numpy(float) if "electricity_per_km" in fleet
                 else np.zeros(len(fleet)))
    factor = cold.annual_factor(case)
    new_cons = np.array([c.VEHICLE_OPTIONS[k][d]["energy_per_km"] for k, d in zip(cls, new_fuel)], float)
    new_cons = np.where(new_fuel == "electricity", new_cons * factor, new_cons)
    new_cons = np.where(new_fuel == "phev", new_cons * (1 - c.PHEV_ELECTRIC_SHARE), new_cons)
    new_extra = np.where(new_fuel == "phev", c.PHEV_KWH_PER_KM * factor * c.PHEV_ELECTRIC_SHARE, 0.0)
    fixed_old = yearly_fixed_costs(cls, old_fuel, holding, discount_rate)
    fixed_new = yearly_fixed_costs(cls, new_fuel, holding, discount_rate)
    fuels = list(c.FUELS)
    old_codes, new_codes = _codes(old_fuel), _codes(new_fuel)
    el_code, phev_code = fuels.index("electricity"), fuels.index("phev")
    fossil_codes = [fuels.index(f) for f in c.FOSSIL_FUELS]
    kwh_per_unit = np.array([c.ENERGY_MJ_PER_UNIT[f] / 3.6 for f in fuels])
    kwh_per_unit[el_code] = 1.0
    price = np.array([prices["petrol" if f == "phev" else f] for f in fuels])
    holding_int = np.maximum(holding, 1).astype(int)
    # every year at once: rows are years, columns vehicles (each row summed as one vehicle list)
    years = np.arange(start, end + 1)
    swapped = years[:, None] >= replace[None, :]
    codes = np.where(swapped, new_codes, old_codes)
    use = km * np.where(swapped, new_cons, old_cons)
    extra = km * np.where(swapped, new_extra, old_extra) * (codes == phev_code)
    factors = [emissions.emission_factors(int(year), electricity, scenario) for year in years]
    ef_unit = np.array([[ef[f] for f in fuels] for ef in factors])
    ef_electricity = np.array([ef["electricity"] for ef in factors])
    is_el = codes == el_code
    electricity_kwh = np.where(is_el, use, 0.0) + extra
    energy_kwh = use * kwh_per_unit[codes] + extra
    kg = use * np.take_along_axis(ef_unit, codes, axis=1) + extra * ef_electricity[:, None]
    cost = use * price[codes] + extra * prices["electricity"] + np.where(swapped, fixed_new, fixed_old)
    procured = swapped & (((years[:, None] - replace[None, :]) % holding_int) == 0)
    rows = np.arange(len(years))[:, None] * len(fuels)
    tally = np.bincount((codes + rows).ravel(), minlength=len(years) * len(fuels)).reshape(len(years), len(fuels))
    fossil = tally[:, fossil_codes].sum(axis=1)
    result = pd.DataFrame({"year": years, "vehicles": len(replace),
                           **{f"n_{f}": tally[:, i] for i, f in enumerate(fuels)}, "fossil_vehicles": fossil,
                           "energy_mwh": energy_kwh.sum(axis=1) / 1000,
                           "electricity_mwh": electricity_kwh.sum(axis=1) / 1000,
                           "emissions_t_co2e": kg.sum(axis=1) / 1000, "cost_sek": cost.sum(axis=1),
                           "procured": procured.sum(axis=1),
                           "procured_zero_emission": (procured & is_el).sum(axis=1), "fossil_free": fossil == 0})
    free = years[fossil == 0]
    result.attrs["fossil_free_year"] = int(free[0]) if len(free) else None
    result.attrs["rule"] = rule
    return result


def fossil_free_year(result: pd.DataFrame) -> int | None:
    """The first year of a :func:`transition` result with no fossil vehicle, or ``None``.

    Read from the result's ``year`` and ``fossil_free`` columns (so a filtered or re-indexed result
    still answers), checked like any table from outside."""
    r = check_result(result)
    free = r["year"].to_numpy()[r["fossil_free"].to_numpy(bool)]
    return int(free.min()) if len(free) else None


def check_result(result) -> pd.DataFrame:
    """A :func:`transition` result's ``year``, ``fossil_free``, ``procured`` and ``procured_zero_emission``
    columns, checked (whole years, True/False, counts ≥ 0 with no more zero-emission than procured)."""
    if isinstance(result, pd.DataFrame) and "year" not in result.columns and result.index.name == "year":
        result = result.reset_index()
    r = checks.table_in_place(result, {"year": "year", "fossil_free": "any", "procured": "non_negative",
                                       "procured_zero_emission": "non_negative"}, "result (resultatet av transition)")
    free = r["fossil_free"]
    if free.dtype != bool and not all(isinstance(v, (bool, np.bool_)) for v in free.to_numpy(dtype=object)):
        raise ValueError("result (resultatet av transition): kolumnen fossil_free måste vara sant eller falskt.")
    if (r["procured_zero_emission"].to_numpy() > r["procured"].to_numpy()).any():
        raise ValueError("result (resultatet av transition): procured_zero_emission får inte vara större än procured.")
    return r


RESULT_COLUMNS = ("year", "fossil_free", "procured", "procured_zero_emission")


def _codes(fuel: np.ndarray) -> np.ndarray:
    """Integer codes of fuel keys in the order of :data:`constants.FUELS` (keys already checked)."""
    order = np.array(list(c.FUELS))
    sorter = np.argsort(order)
    return sorter[np.searchsorted(order, fuel, sorter=sorter)]


def procurement_share(result: pd.DataFrame, first_year: int = c.CVD_ZERO_EMISSION_FROM,
                      last_year: int = 2030) -> float | None:
    """Share [%] of the vehicles procured in ``first_year``–``last_year`` that are zero-emission
    (compare with Sweden's minimum of 38.5 % clean light vehicles, Clean Vehicles Directive)."""
    r = check_result(result)
    first = checks.year(first_year, "first_year", "första år")
    last = checks.year(last_year, "last_year", "sista år")
    if last < first:
        raise ValueError(f"last_year (sista år) måste vara minst first_year ({first}), fick {last}.")
    year = r["year"].to_numpy()
    window = (year >= first) & (year <= last)
    total = r["procured"].to_numpy()[window].sum()
    return None if total == 0 else float(100 * r["procured_zero_emission"].to_numpy()[window].sum() / total)
