"""Total cost of ownership (method M3): net present cost over the holding period.

``TCO = P0 − S + Σ_{t=1..N} (energy + maintenance + insurance and tax + charger share)/(1+r)^t
− RV/(1+r)^N``, annualised with ``CRF(r, N) = r(1+r)^N/((1+r)^N − 1)`` and per km ÷ km/yr (the
structure of C2ES, EUFAL and Öko-Institut's Kostenrechner). Prices are dated inputs
(:data:`constants.PRICES`); vehicle costs are assumptions the learner replaces.
"""
from __future__ import annotations


import numpy as np
import pandas as pd

from models.common import checks
from models.transport import cold
from models.transport import constants as c

COMPONENTS = ("purchase_sek", "subsidy_sek", "energy_sek", "maintenance_sek", "other_sek", "charger_sek",
              "residual_sek")
COMPONENT_LABELS = {
    "purchase_sek": "Inköp", "subsidy_sek": "Stöd", "energy_sek": "Energi", "maintenance_sek": "Service",
    "other_sek": "Försäkring och skatt", "charger_sek": "Laddbox (andel)", "residual_sek": "Restvärde",
}
MAX_YEARS = 30
#: Far above any vehicle's distance in a year (a lorry driven around the clock does about 300 000 km).
MAX_KM_PER_YEAR = 1_000_000.0


def check_years(years) -> int:
    n = checks.integer(years, "years", "innehavstid i år", minimum=1)
    if n > MAX_YEARS:
        raise ValueError(f"years (innehavstid i år) får vara högst {MAX_YEARS}, fick {n}.")
    return n


def check_rate(discount_rate) -> float:
    return checks.rate(discount_rate, "discount_rate", "kalkylränta", "0.04 för 4 %")


def annuity_factor(discount_rate, years) -> float:
    """``Σ_{t=1..N} 1/(1+r)^t`` (= N when r = 0): present value of 1 kr a year for N years."""
    r, n = check_rate(discount_rate), check_years(years)
    return float(n) if r == 0 else (1.0 - (1.0 + r) ** -n) / r


def crf(discount_rate, years) -> float:
    """Capital recovery factor ``r(1+r)^N/((1+r)^N − 1)`` (1/N when r = 0)."""
    return 1.0 / annuity_factor(discount_rate, years)


def tco(purchase_price, annual_km, years, energy_per_km, energy_price, maintenance_per_year, residual_value,
        discount_rate, subsidy=0.0, other_per_year=0.0) -> float:
    """Net present cost of owning a vehicle [SEK].

    Parameters
    ----------
    purchase_price : float
        Price when bought, year 0 [SEK].
    annual_km : float
        Distance per year [km/yr].
    years : int
        Holding period N [years], 1–30.
    energy_per_km : float
        Fuel or electricity per km [l, Nm³ or kWh per km].
    energy_price : float
        Price of that energy [SEK per l, Nm³ or kWh].
    maintenance_per_year : float
        Service and repairs [SEK/yr].
    residual_value : float
        Value when sold at the end of year N [SEK].
    discount_rate : float
        Real discount rate r [fraction per year], 0 ≤ r < 1.
    subsidy : float
        Paid at purchase [SEK], at most the purchase price.
    other_per_year : float
        Insurance, vehicle tax, the charger's share … [SEK/yr].

    Returns
    -------
    float
        ``P − S + Σ_{t=1..N}(km·e·p + maintenance + other)/(1+r)^t − RV/(1+r)^N`` [SEK].
    """
    p = checks.non_negative(purchase_price, "purchase_price", "inköpspris, kr")
    km = checks.non_negative(annual_km, "annual_km", "körsträcka per år, km")
    n = check_years(years)
    e = checks.non_negative(energy_per_km, "energy_per_km", "energi per km")
    price = checks.non_negative(energy_price, "energy_price", "energipris")
    m = checks.non_negative(maintenance_per_year, "maintenance_per_year", "service per år, kr")
    rv = checks.non_negative(residual_value, "residual_value", "restvärde, kr")
    r = check_rate(discount_rate)
    s = checks.non_negative(subsidy, "subsidy", "stöd, kr")
    other = checks.non_negative(other_per_year, "other_per_year", "övriga kostnader per år, kr")
    if s > p:
        raise ValueError(f"subsidy (stöd) får inte vara större än inköpspriset ({p:g} kr), fick {s:g}.")
    a = annuity_factor(r, n)
    return p - s + (km * e * price + m + other) * a - rv / (1.0 + r) ** n


def residual_value(purchase_price, years, half_value_years: float = c.HALF_VALUE_YEARS) -> float:
    """Value after ``years`` when the value halves every ``half_value_years`` (DN 2020: 4 years)."""
    p = checks.non_negative(purchase_price, "purchase_price", "inköpspris, kr")
    h = checks.positive(half_value_years, "half_value_years", "år tills värdet halverats")
    return p * 0.5 ** (check_years(years) / h)


def default_prices() -> dict[str, float]:
    """The dated prices the lessons start from [SEK per unit], by fuel (see :data:`constants.PRICES`)."""
    return {fuel: value for fuel, (value, *_rest) in c.PRICES.items()}


def check_km(annual_km) -> float:
    """A distance per year [km/yr] > 0 and at most :data:`MAX_KM_PER_YEAR` (a cost per km needs km)."""
    return checks.number(annual_km, "annual_km", "körsträcka per år", low=1.0, high=MAX_KM_PER_YEAR, unit=" km")


def check_class(vehicle_class) -> str:
    return checks.choice(vehicle_class, c.VEHICLE_CLASSES, name="vehicle_class", singular="fordonsslag",
                         plural="fordonsslag")


def check_drivetrain(drivetrain) -> str:
    return checks.choice(drivetrain, c.DRIVETRAINS, name="drivetrain", singular="drivlina", plural="drivlinor")


def energy_cost_per_km(vehicle_class, drivetrain, prices=None, case: str = "central",
                       charging_efficiency: float = c.CHARGING_EFFICIENCY) -> float:
    """Energy cost [SEK/km] of a new vehicle, year average in Luleå's climate for electricity."""
    return energy_cost_per_km_at(vehicle_class, drivetrain, prices_with_defaults(prices), cold.annual_factor(case),
                                 charging_efficiency)


def energy_cost_per_km_at(vehicle_class, drivetrain, prices: dict, cold_factor: float,
                          charging_efficiency: float = c.CHARGING_EFFICIENCY) -> float:
    """Energy cost [SEK/km] of a new vehicle of ``vehicle_class`` with ``drivetrain`` at given prices and cold.

    ``prices`` maps fuel -> SEK per unit (litre, Nm³ or kWh) and must hold the fuels the drivetrain uses
    (:func:`prices_with_defaults` gives every one); ``cold_factor`` is the EV's year-average consumption
    factor (:func:`cold.annual_factor`, 1 at 20 °C); ``charging_efficiency`` the share of the grid's kWh
    that reaches the battery. :func:`energy_cost_per_km` with the prices merged and the factor computed
    once, for a caller that prices many options alike (:func:`models.transport.turnover.replacement_plan`).
    """
    option = c.VEHICLE_OPTIONS[check_class(vehicle_class)][check_drivetrain(drivetrain)]
    if not isinstance(prices, dict):
        raise checks.WrongType(f"prices måste vara en ordlista drivmedel -> pris (t.ex. {{\"diesel\": 20.0}}), "
                               f"fick {checks.show(prices)}.")
    used = {"electricity": ("electricity",), "phev": ("petrol", "electricity")}.get(drivetrain, (drivetrain,))
    price = {f: checks.non_negative(prices.get(f), f"prices['{f}']", "pris per enhet") for f in used}
    factor = checks.positive(cold_factor, "cold_factor", "förbrukningsfaktor i kyla", high=10.0)
    eta = checks.number_in_range(charging_efficiency, 0.5, 1.0, "charging_efficiency", "laddverkningsgrad")
    if drivetrain == "electricity":
        return option["energy_per_km"] * factor / eta * price["electricity"]
    if drivetrain == "phev":
        s = c.PHEV_ELECTRIC_SHARE
        return ((1 - s) * option["energy_per_km"] * price["petrol"]
                + s * c.PHEV_KWH_PER_KM * factor / eta * price["electricity"])
    return option["energy_per_km"] * price[drivetrain]


def tco_breakdown(vehicle_class, drivetrain, annual_km, years, prices=None, discount_rate: float = c.DISCOUNT_RATE,
                  subsidy: float = 0.0, residual_share=None, case: str = "central",
                  charging_efficiency: float = c.CHARGING_EFFICIENCY) -> dict[str, float]:
    """The present value of each cost component [SEK] and the totals for one drivetrain.

    Components (signed so that they add up to ``tco_sek``): purchase, −subsidy, energy, maintenance,
    insurance and tax, charger share, −discounted residual value. Also ``tco_sek``,
    ``per_year_sek`` (× CRF) and ``per_km_sek``. ``residual_share`` is the residual value as a share of
    the price (default: halving every 4 years, DN 2020).
    """
    vehicle_class, drivetrain = check_class(vehicle_class), check_drivetrain(drivetrain)
    option = c.VEHICLE_OPTIONS[vehicle_class][drivetrain]
    n, r = check_years(years), check_rate(discount_rate)
    km = check_km(annual_km)
    per_km = energy_cost_per_km(vehicle_class, drivetrain, prices, case, charging_efficiency)
    p = float(option["purchase"])
    share = (0.5 ** (n / c.HALF_VALUE_YEARS) if residual_share is None
             else checks.number_in_range(residual_share, 0.0, 1.0, "residual_share", "restvärde som andel av priset"))
    total = tco(p, km, n, per_km, 1.0, option["maintenance"], p * share, r, subsidy,
                option["other"] + option["charger"])
    a = annuity_factor(r, n)
    parts = {"purchase_sek": p, "subsidy_sek": -float(subsidy), "energy_sek": km * per_km * a,
             "maintenance_sek": option["maintenance"] * a, "other_sek": option["other"] * a,
             "charger_sek": option["charger"] * a, "residual_sek": -p * share / (1 + r) ** n}
    per_year = total * crf(r, n)
    return {**parts, "tco_sek": total, "per_year_sek": per_year, "per_km_sek": per_year / km}


def compare(vehicle_class, annual_km, years, prices=None, discount_rate: float = c.DISCOUNT_RATE,
            ev_subsidy: float = 0.0, residual_share=None, case: str = "central",
            drivetrains=c.DRIVETRAINS) -> pd.DataFrame:
    """One row per drivetrain (index): the components of :func:`tco_breakdown` and the totals."""
    rows = {d: tco_breakdown(vehicle_class, d, annual_km, years, prices, discount_rate,
                             ev_subsidy if d == "electricity" else 0.0, residual_share, case)
            for d in drivetrains}
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index.name = "drivetrain"
    return table


def break_even_km(vehicle_class, electric: str, other: str, years, prices=None,
                  discount_rate: float = c.DISCOUNT_RATE, ev_subsidy: float = 0.0, residual_share=None,
                  case: str = "central") -> float | None:
    """The distance per year [km/yr] above which ``electric`` costs less than ``other``.

    TCO is linear in km, ``a + b·km``, so the break-even is ``(a_el − a_other)/(b_other − b_el)``.
    ``0.0`` when the electric option is cheaper at any distance, ``None`` when it never is.
    """
    # TCO is linear in km: intercept and slope from two distances (a cost per km needs km > 0)
    at = {km: compare(vehicle_class, km, years, prices, discount_rate, ev_subsidy, residual_share, case,
                      (electric, other))["tco_sek"] for km in (10_000.0, 20_000.0)}
    b_el = (at[20_000.0][electric] - at[10_000.0][electric]) / 10_000.0
    b_ot = (at[20_000.0][other] - at[10_000.0][other]) / 10_000.0
    a_el, a_ot = at[10_000.0][electric] - 10_000.0 * b_el, at[10_000.0][other] - 10_000.0 * b_ot
    if a_el <= a_ot and b_el <= b_ot:
        return 0.0
    if b_ot <= b_el:
        return None
    return max(0.0, (a_el - a_ot) / (b_ot - b_el))


def sensitivity(vehicle_class, annual_km, years, prices=None, discount_rate: float = c.DISCOUNT_RATE,
                factors=(0.8, 1.0, 1.2), ev_subsidy: float = 0.0) -> pd.DataFrame:
    """How the cost per km [SEK/km] moves when one input changes by each of ``factors``.

    Rows: parameter (``energy_prices``, ``annual_km``, ``residual_value``) × factor; columns: the
    drivetrains' ``per_km_sek``.
    """
    vehicle_class = check_class(vehicle_class)
    km = check_km(annual_km)
    n = check_years(years)
    base_prices = prices_with_defaults(prices)
    base_share = 0.5 ** (n / c.HALF_VALUE_YEARS)
    factors = checks.number_list(factors, "factors", "faktorer (t.ex. 0.8 för −20 %)", low=0.01, high=10.0,
                                 max_length=50)
    annual_km = km
    if km * max(factors) > MAX_KM_PER_YEAR or km * min(factors) < 1.0:
        raise ValueError(f"annual_km × factors ger en körsträcka utanför 1–{MAX_KM_PER_YEAR:g} km per år: "
                         f"välj en mindre faktor eller körsträcka.")
    rows = []
    for factor in factors:
        f = factor
        variants = {
            "energy_prices": dict(prices={k: v * f for k, v in base_prices.items()}),
            "annual_km": dict(annual_km=annual_km * f),
            "residual_value": dict(residual_share=min(1.0, base_share * f)),
        }
        for parameter, change in variants.items():
            kwargs = dict(vehicle_class=vehicle_class, annual_km=annual_km, years=years, prices=base_prices,
                          discount_rate=discount_rate, ev_subsidy=ev_subsidy) | change
            per_km = compare(**kwargs)["per_km_sek"]
            rows.append({"parameter": parameter, "factor": f, **per_km.to_dict()})
    return pd.DataFrame(rows)


def prices_with_defaults(prices) -> dict[str, float]:
    """The dated default prices with the learner's ``prices`` (fuel -> SEK per unit) on top, checked."""
    merged = default_prices()
    if prices is not None:
        if not isinstance(prices, dict):
            raise checks.WrongType(f"prices måste vara en ordlista drivmedel -> pris (t.ex. {{\"diesel\": 20.0}}), "
                                   f"fick {checks.show(prices)}.")
        for fuel, value in prices.items():
            checks.choice(fuel, c.PRICES, name="prices", singular="drivmedel", plural="drivmedel")
            merged[fuel] = checks.non_negative(value, f"prices['{fuel}']", "pris per enhet")
    return merged


def yearly_fixed_costs(vehicle_class, drivetrain, years, discount_rate: float) -> np.ndarray:
    """Vectorised yearly cost without energy [SEK/yr] of many vehicles: maintenance, insurance and tax,
    charger share and the capital annuity ``(P − RV/(1+r)^N)·CRF(r, N)``.

    ``vehicle_class``, ``drivetrain`` and ``years`` (holding period, 1–30) are arrays of one value per
    vehicle (keys of :data:`constants.VEHICLE_CLASSES` and :data:`constants.FUELS`; a fuel without a cost
    assumption in :data:`constants.VEHICLE_OPTIONS`, E85, gets no fixed cost)."""
    r = check_rate(discount_rate)
    cls = _key_array(vehicle_class, c.VEHICLE_CLASSES, "vehicle_class", "fordonsslag")
    drive = _key_array(drivetrain, c.FUELS, "drivetrain", "drivmedel")
    years = _years_array(years)
    if not len(cls) == len(drive) == len(years):
        raise ValueError(f"vehicle_class, drivetrain och years måste ha lika många värden (ett per fordon), fick "
                         f"{len(cls)}, {len(drive)} och {len(years)}.")
    a = years if r == 0 else (1 - (1 + r) ** -years) / r
    out = np.zeros(len(years))
    for k, options in c.VEHICLE_OPTIONS.items():
        for d, o in options.items():
            mask = (cls == k) & (drive == d)
            if not mask.any():
                continue
            p = o["purchase"]
            rv = p * 0.5 ** (years[mask] / c.HALF_VALUE_YEARS)
            out[mask] = o["maintenance"] + o["other"] + o["charger"] + (p - rv / (1 + r) ** years[mask]) / a[mask]
    return out


def _key_array(values, valid, name: str, word: str) -> np.ndarray:
    """One key per vehicle as a str array; every key one of ``valid`` (a single string is not a list)."""
    if isinstance(values, (str, bytes, dict)) or values is None or np.ndim(values) != 1:
        raise checks.WrongType(f"{name} måste vara en lista med ett {word} per fordon, fick {checks.show(values)}.")
    raw = np.asarray(values, dtype=object)
    bad = [v for v in raw if not (isinstance(v, str) and v in valid)]
    if bad:
        raise ValueError(f"{name}: okänt {word} {checks.show(bad[0])}. Giltiga: {', '.join(valid)}.")
    return raw.astype(str)


def _years_array(values) -> np.ndarray:
    """Holding periods (1–:data:`MAX_YEARS` years), one per vehicle, as a float array."""
    if isinstance(values, (str, bytes, dict)) or values is None or np.ndim(values) != 1:
        raise checks.WrongType(f"years (innehavstid per fordon) måste vara en lista med tal, fick {checks.show(values)}.")
    if isinstance(values, np.ndarray) and values.dtype.kind in "fiu":
        x = values.astype(float)
    else:
        x = np.array(checks.number_list(values, "years", "innehavstid per fordon", allow_empty=True,
                                        max_length=checks.MAX_COUNT * 10), dtype=float)
    bad = ~np.isfinite(x) | (x < 1) | (x > MAX_YEARS)
    if bad.any():
        raise ValueError(f"years (innehavstid per fordon) måste ligga mellan 1 och {MAX_YEARS} år, fick "
                         f"{checks.show(float(x[bad][0]))}.")
    return x
