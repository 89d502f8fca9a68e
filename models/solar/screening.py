"""Screen a municipality's buildings for solar: size, yield, self-consumption, economics, ranking.

Pure: the caller passes each building's hourly production per kWp (from :mod:`models.solar.pv`)
and hourly load (an illustrative profile scaled to the building's annual use, or its meter data).
For each building the largest system its suitable roof area takes is
``roof_area_m2 × KWP_PER_M2``; the chosen size is the one with the highest net present value
among :data:`~models.solar.constants.SIZE_STEPS` sizes up to that maximum (never above it).
Buildings are ranked by NPV per invested krona (highest first); the shortlist holds the best
ranked buildings and says which of them pay at the given prices.
"""
from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from models.common import checks
from models.solar import constants as C
from models.solar import economics as econ
from models.solar.selfconsumption import balance_by_size

SITE_COLUMNS = ("building", "roof_area_m2", "tilt", "azimuth", "annual_use_kwh")


def roof_kwp(roof_area_m2: float) -> float:
    """The largest system [kWp] a suitable roof area [m²] takes (area × KWP_PER_M2)."""
    return checks.positive(roof_area_m2, "roof_area_m2", "lämplig takyta i m²") * C.KWP_PER_M2


def size_table(production_per_kwp: pd.Series, load: pd.Series, max_kwp: float, prices: econ.Prices,
               price_per_kwp: float, om_share: float = C.OM_SHARE_PER_YEAR, rate: float = C.DISCOUNT_RATE,
               lifetime: int = C.LIFETIME_YEARS, degradation: float = C.DEGRADATION_PER_YEAR,
               steps: int = C.SIZE_STEPS, balance: pd.DataFrame | None = None) -> pd.DataFrame:
    """Energy balance and economics for ``steps`` sizes from max_kwp/steps up to ``max_kwp``.

    Columns: those of :func:`~models.solar.selfconsumption.balance_by_size` plus
    ``investment_sek``, ``value_sek_per_year``, ``lcoe_sek_per_kwh``, ``npv_sek``, ``payback_years``
    (``None`` where a size never pays back within the lifetime) and ``pays_back`` (True/False).
    ``balance``: that energy balance for these sizes (:func:`size_balances`), when the caller keeps
    it – it does not depend on the prices; computed when omitted.
    """
    econ.check_prices(prices)
    steps = checks.count(steps, "steps", "antal storlekar", maximum=1000)
    om_share = checks.number_in_range(om_share, 0.0, 0.2, "om_share", "drift och underhåll per år (andel av "
                                      "investeringen)")
    price = checks.non_negative(price_per_kwp, "price_per_kwp", "pris i kr per kWp")
    table, money = _sized(production_per_kwp, load, max_kwp, steps, balance,
                          (prices, price, om_share, rate, lifetime, degradation))
    invest, value, om = money["investment_sek"], money["value_sek_per_year"], money["om"]
    payback = pd.Series([econ.payback_years(i, v, o, lifetime, degradation) for i, v, o in zip(invest, value, om)],
                        index=table.index, dtype=object)
    return table.assign(investment_sek=invest, value_sek_per_year=value, lcoe_sek_per_kwh=money["lcoe_sek_per_kwh"],
                        npv_sek=money["npv_sek"], payback_years=payback, pays_back=payback.notna().to_numpy())


def _sized(production_per_kwp: pd.Series, load: pd.Series, max_kwp: float, steps: int,
           balance: pd.DataFrame | None, money: tuple) -> tuple[pd.DataFrame, dict]:
    """The energy balance of ``steps`` sizes up to ``max_kwp`` (``balance`` if kept, else computed) and
    :func:`_economics` of each size; ``money``: its checked arguments after the table."""
    sizes = _sizes(checks.positive(max_kwp, "max_kwp", "största effekt i kWp", high=1e6), steps)
    table = balance_by_size(production_per_kwp, load, sizes) if balance is None else _balance(balance, sizes)
    return table, _economics(table, *money)


def _economics(table: pd.DataFrame, prices: econ.Prices, price: float, om_share: float, rate: float,
               lifetime: int, degradation: float) -> dict:
    """Investment, yearly value, O&M, LCOE and NPV of each size of an energy balance (arrays, checked inputs)."""
    disc = econ.discount_factors(rate, lifetime)
    out_f = econ.output_factors(degradation, lifetime)
    invest = table["kwp"].to_numpy() * price
    eligible = np.minimum(np.minimum(table["exported_kwh"].to_numpy(), C.MICRO_TAX_REDUCTION_CAP_KWH),
                          table["bought_kwh"].to_numpy())
    value = (table["self_used_kwh"].to_numpy() * prices.self_used
             + table["exported_kwh"].to_numpy() * (prices.spot + prices.grid_benefit) + eligible * prices.tax_reduction)
    om = invest * om_share
    energy = table["production_kwh"].to_numpy()
    if not (energy > 0).all():
        raise ValueError("production_per_kwp (produktion per kWp) är noll över året: anläggningen ger ingen el, "
                         "så produktionskostnad och lönsamhet går inte att räkna ut.")
    lcoe = (invest + om * disc.sum()) / (energy * (out_f * disc).sum())
    npv = -invest + value * (out_f * disc).sum() - om * disc.sum()
    return {"investment_sek": invest, "value_sek_per_year": value, "om": om, "lcoe_sek_per_kwh": lcoe, "npv_sek": npv}


def _sizes(max_kwp: float, steps: int) -> np.ndarray:
    return max_kwp * np.arange(1, steps + 1) / steps


BALANCE_COLUMNS = ("kwp", "production_kwh", "self_used_kwh", "exported_kwh", "bought_kwh", "self_consumption",
                   "self_sufficiency")


def _balance(balance, sizes: np.ndarray) -> pd.DataFrame:
    """A kept energy balance, if it is :func:`balance_by_size`'s table for exactly these sizes."""
    checks.table_with_columns(balance, BALANCE_COLUMNS, "balance (energibalans per storlek)")
    kwp = balance["kwp"].to_numpy()
    if kwp.shape != sizes.shape or not np.array_equal(kwp.astype(float), sizes):
        raise ValueError(f"balance (energibalans per storlek) gäller andra storlekar än de {len(sizes)} som räknas "
                         "(räkna den med size_balances för samma byggnader).")
    return balance


def size_balances(sites: pd.DataFrame, production_per_kwp: Mapping, loads: Mapping,
                  steps: int = C.SIZE_STEPS) -> dict:
    """Per building (the site table's index): the energy balance of every size :func:`screen` tries.

    The balance depends on the production, the load and the roof, not on the prices, so an
    explorer that moves a price keeps it and passes it to :func:`screen` (``balances``).
    """
    sites = checks.table(sites, {"building": "text", "roof_area_m2": "positive"}, "sites", label="building")
    steps = checks.count(steps, "steps", "antal storlekar", maximum=1000)
    out = {}
    for key, site in sites.iterrows():
        if key not in production_per_kwp or key not in loads:
            raise ValueError(f"Produktion eller elanvändning saknas för byggnaden {checks.show(site['building'])}.")
        out[key] = balance_by_size(production_per_kwp[key], loads[key], _sizes(roof_kwp(site["roof_area_m2"]), steps))
    return out


def screen(sites: pd.DataFrame, production_per_kwp: Mapping, loads: Mapping, prices: econ.Prices,
           price_per_kwp: float, om_share: float = C.OM_SHARE_PER_YEAR, rate: float = C.DISCOUNT_RATE,
           lifetime: int = C.LIFETIME_YEARS, degradation: float = C.DEGRADATION_PER_YEAR,
           balances: Mapping | None = None) -> pd.DataFrame:
    """One row per building with its best size, energy balance, economics and rank.

    Parameters
    ----------
    sites : DataFrame
        Columns :data:`SITE_COLUMNS` (building name, suitable roof area [m²], tilt [°], azimuth
        [°], annual electricity use [kWh/yr]); the index identifies each building.
    production_per_kwp, loads : mapping index → hourly Series [kWh]
        Production of 1 kWp at the building's orientation, and the building's hourly load.
    balances : mapping index → DataFrame, optional
        :func:`size_balances` for the same buildings, production and loads (kept by a caller that
        screens again at other prices); computed when omitted.

    Returns
    -------
    DataFrame
        ``building``, ``max_kwp``, ``kwp``, ``yield_kwh_per_kwp``, ``production_kwh``,
        ``self_consumption``, ``self_sufficiency``, ``investment_sek``, ``lcoe_sek_per_kwh``,
        ``npv_sek``, ``npv_per_sek``, ``payback_years`` (``None``: never pays back within the
        lifetime), ``pays_back``, ``break_even_sek_per_kwp`` (the system
        price at which the chosen size breaks even), ``rank`` (1 = best), sorted by rank.
    """
    sites = checks.table(sites, {"building": "text", "roof_area_m2": "positive", "tilt": "number",
                                 "azimuth": "number", "annual_use_kwh": "positive"}, "sites", label="building")
    if sites.index.duplicated().any():
        raise ValueError("sites (byggnadslistan) har samma radnyckel flera gånger: varje byggnad måste ha en egen rad.")
    for mapping, label in ((production_per_kwp, "production_per_kwp"), (loads, "loads")):
        if not isinstance(mapping, Mapping):
            raise checks.WrongType(f"{label} måste vara en ordlista byggnad → timserie, fick {checks.show(mapping)}.")
    econ.check_prices(prices)
    if balances is not None and not isinstance(balances, Mapping):
        raise checks.WrongType(f"balances måste vara en ordlista byggnad → energibalans, fick {checks.show(balances)}.")
    om_share = checks.number_in_range(om_share, 0.0, 0.2, "om_share", "drift och underhåll per år (andel av "
                                      "investeringen)")
    price = checks.non_negative(price_per_kwp, "price_per_kwp", "pris i kr per kWp")
    out = []
    for key, building, area in zip(sites.index, sites["building"], sites["roof_area_m2"]):
        if key not in production_per_kwp or key not in loads:      # the index of a checked table is hashable
            raise ValueError(f"Produktion eller elanvändning saknas för byggnaden {checks.show(building)}.")
        per_kwp, top = production_per_kwp[key], roof_kwp(area)
        table, money = _sized(per_kwp, loads[key], top, C.SIZE_STEPS, None if balances is None else balances.get(key),
                              (prices, price, om_share, rate, lifetime, degradation))
        best = int(np.argmax(money["npv_sek"]))       # the first of equal NPVs, as size_table's idxmax
        invest, value, npv = (money[c][best] for c in ("investment_sek", "value_sek_per_year", "npv_sek"))
        payback = econ.payback_years(invest, value, money["om"][best], lifetime, degradation)
        row = table.iloc[best]
        out.append({"building": building, "max_kwp": top, "kwp": row["kwp"],
                    "yield_kwh_per_kwp": float(per_kwp.sum()), "production_kwh": row["production_kwh"],
                    "self_consumption": row["self_consumption"], "self_sufficiency": row["self_sufficiency"],
                    "investment_sek": invest, "lcoe_sek_per_kwh": money["lcoe_sek_per_kwh"][best],
                    "npv_sek": npv, "npv_per_sek": npv / invest, "payback_years": payback,
                    "pays_back": payback is not None,
                    "break_even_sek_per_kwp": econ.break_even_price_per_kwp(
                        row["kwp"], value, om_share, rate, lifetime, degradation)})
    result = pd.DataFrame(out, index=sites.index)
    result["payback_years"] = result["payback_years"].astype(object).where(result["pays_back"], None)
    result["rank"] = result["npv_per_sek"].rank(ascending=False, method="first").astype(int)
    return result.sort_values("rank")


def shortlist(screened: pd.DataFrame, length: int = C.SHORTLIST_LENGTH) -> pd.DataFrame:
    """The ``length`` best-ranked buildings, with ``profitable`` (NPV > 0 at the given prices).

    The buildings to start with are the best-ranked ones even when none pays at today's prices:
    their break-even system price tells what a tender must reach.
    """
    n = checks.count(length, "length", "antal byggnader på kortlistan")
    screened = checks.table(screened, {"rank": "integer", "npv_sek": "number"}, "screened", allow_empty=True)
    return screened.sort_values("rank").head(n).assign(profitable=lambda t: t["npv_sek"] > 0)


def county_scenario(w_per_inhabitant: pd.Series, population: pd.Series,
                    yield_kwh_per_kwp: pd.Series) -> pd.DataFrame:
    """Installed PV today and if every kommun reached the leading kommun's W per inhabitant.

    Inputs indexed by kommun: installed W/inhabitant, inhabitants, specific yield [kWh/kWp·yr].
    A kommun without a W/inhabitant value (e.g. Kiruna 2022, confidential) has ``None`` today (in
    ``w_per_inhabitant``, ``installed_mw`` and ``production_gwh``, never NaN) and the leader's level
    in the scenario. Returns per kommun ``w_per_inhabitant``, ``installed_mw``,
    ``scenario_mw``, ``production_gwh``, ``scenario_gwh``, ``is_leader`` (MW = W/inh × inh ÷ 10⁶;
    GWh = MW × kWh/kWp ÷ 1000).
    """
    w = _by_kommun(w_per_inhabitant, "w_per_inhabitant", "installerad effekt i W per invånare", missing=True)
    if w.isna().all():
        raise ValueError("w_per_inhabitant (installerad effekt i W per invånare) saknar värden för alla kommuner.")
    pop = _by_kommun(population, "population", "invånare").reindex(w.index)
    spec = _by_kommun(yield_kwh_per_kwp, "yield_kwh_per_kwp", "årsproduktion i kWh per kWp").reindex(w.index)
    for values, label in ((pop, "population"), (spec, "yield_kwh_per_kwp")):
        if values.isna().any():
            raise ValueError(f"{label} saknar värde för kommunen {checks.show(values.index[values.isna()][0])}.")
    leader = float(w.max())
    frame = pd.DataFrame({"w_per_inhabitant": w.astype(object).where(w.notna(), None), "population": pop})
    frame["installed_mw"] = (w * pop / 1e6).astype(object).where(w.notna(), None)
    frame["scenario_mw"] = np.maximum(w.fillna(0.0), leader) * pop / 1e6
    frame["production_gwh"] = (w * pop / 1e6 * spec / 1000.0).astype(object).where(w.notna(), None)
    frame["scenario_gwh"] = frame["scenario_mw"] * spec / 1000.0
    frame["is_leader"] = w.index == w.idxmax()
    return frame


def _by_kommun(values, name: str, what: str, missing: bool = False) -> pd.Series:
    """A Series of numbers ≥ 0 indexed by kommun name; empty cells allowed only if ``missing``."""
    if not isinstance(values, pd.Series):
        raise checks.WrongType(f"{name} ({what}) måste vara en pandas.Series indexerad med kommun, fick "
                               f"{checks.show(values)}.")
    if values.empty:
        raise ValueError(f"{name} ({what}) är tom: minst en kommun krävs.")
    if len(values) > 1000 or values.index.duplicated().any() or not all(isinstance(k, str) for k in values.index):
        raise ValueError(f"{name} ({what}) måste ha en rad per kommun med kommunens namn som index.")
    present = [not (x is None or (isinstance(x, float) and np.isnan(x))) for x in values.to_numpy(dtype=object)]
    if not missing and not all(present):
        raise ValueError(f"{name} ({what}) saknar värde för kommunen {checks.show(values.index[present.index(False)])}.")
    checked = checks.series(values[present], name, what, kind="non_negative", years=False, allow_empty=True)
    return checked.reindex(values.index)
