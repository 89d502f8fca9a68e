"""What a PV system is worth: value of self-used and exported kWh, LCOE, NPV and payback.

Money in kronor (kr) excluding VAT, energies in kWh, rates as fractions. Cash flows are yearly,
at the end of years 1 … ``lifetime``; the investment is paid at the start (year 0). Output falls
by ``degradation`` per year (year t produces (1 − d)^(t−1) of year 1).

* LCOE (levelised cost of energy) = (I + Σ OM/(1+r)^t) / Σ E_t/(1+r)^t;
* NPV = −I + Σ (V_t − OM)/(1+r)^t, with V_t the value of year t's energy;
* simple payback = the first year in which the undiscounted cumulative net cash flow reaches I
  (interpolated within the year); ``None`` if it never does within the lifetime ("never pays
  back": a readable answer, never ``inf`` or NaN, shown as "mer än livslängden" in the tables).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from models.common import checks
from models.common.formatting import fmt_number
from models.solar import constants as C


@dataclass(frozen=True)
class Prices:
    """Prices per kWh [kr, excl. VAT] for the value of the electricity.

    ``spot``: the SE1 spot price; ``energy_tax``: energy tax avoided on each self-used kWh that is
    not bought; ``grid_fee``: the grid company's variable transfer fee per bought kWh (not in the
    book's sources: take it from the grid tariff); ``retail_markup``: the supplier's margin per
    bought kWh; ``grid_benefit``: nätnyttoersättning per exported kWh; ``tax_reduction``: the
    micro-production tax reduction per exported kWh (0 if not eligible or abolished).
    """

    spot: float = C.SE1_SPOT_SEK_PER_KWH[2023]
    energy_tax: float = C.ENERGY_TAX_NORRBOTTEN_ESTIMATE
    grid_fee: float = 0.0
    retail_markup: float = 0.0
    grid_benefit: float = 0.0
    tax_reduction: float = 0.0

    def __post_init__(self):
        for name in ("spot", "energy_tax", "grid_fee", "retail_markup", "grid_benefit", "tax_reduction"):
            value = checks.number(getattr(self, name), name, "pris i kr/kWh")
            if not -5.0 <= value <= 20.0:
                raise ValueError(f"{name} (pris i kr/kWh) måste ligga mellan −5 och 20 kr/kWh, fick {value:g}.")

    @property
    def self_used(self) -> float:
        """Value of one self-used kWh: the purchase it replaces [kr/kWh]."""
        return self.spot + self.retail_markup + self.grid_fee + self.energy_tax

    @property
    def exported(self) -> float:
        """Value of one exported kWh before any cap on the tax reduction [kr/kWh]."""
        return self.spot + self.grid_benefit + self.tax_reduction


def check_prices(prices) -> Prices:
    """Return ``prices`` if it is a :class:`Prices`, else raise a Swedish ``TypeError``."""
    return checks.instance(prices, Prices, "prices", "elpriserna")


def annual_value(self_used_kwh: float, exported_kwh: float, prices: Prices, bought_kwh: float | None = None) -> float:
    """Value of one year's production [kr]: self-used × purchase price + exported × export price.

    The tax reduction is paid on at most min(exported, bought, 30 000) kWh (Skatteverket); with
    ``bought_kwh`` None the cap on bought kWh is not applied.
    """
    check_prices(prices)
    used = checks.non_negative(self_used_kwh, "self_used_kwh", "egenanvänd el i kWh")
    out = checks.non_negative(exported_kwh, "exported_kwh", "såld el i kWh")
    eligible = min(out, C.MICRO_TAX_REDUCTION_CAP_KWH)
    if bought_kwh is not None:
        eligible = min(eligible, checks.non_negative(bought_kwh, "bought_kwh", "köpt el i kWh"))
    return (used * prices.self_used + out * (prices.spot + prices.grid_benefit)
            + eligible * prices.tax_reduction)


def _years(lifetime) -> np.ndarray:
    n = checks.integer(lifetime, "lifetime", "livslängd i år", minimum=1)
    if n > 60:
        raise ValueError(f"lifetime (livslängd i år) får vara högst 60 år, fick {n}.")
    return np.arange(1, n + 1)


def _rate(rate) -> float:
    return checks.number_in_range(rate, 0.0, 0.5, "rate", "kalkylränta (andel, t.ex. 0.03 för 3 %)")


def _degradation(value) -> float:
    return checks.number_in_range(value, 0.0, 0.1, "degradation", "årlig försämring (andel, t.ex. 0.005)")


def discount_factors(rate: float, lifetime: int) -> np.ndarray:
    """1/(1+r)^t for t = 1 … lifetime."""
    return (1.0 + _rate(rate)) ** -_years(lifetime).astype(float)


def output_factors(degradation: float, lifetime: int) -> np.ndarray:
    """(1 − d)^(t−1) for t = 1 … lifetime."""
    return (1.0 - _degradation(degradation)) ** (_years(lifetime) - 1.0)


def lcoe(investment: float, energy_year1_kwh: float, om_per_year: float = 0.0, rate: float = C.DISCOUNT_RATE,
         lifetime: int = C.LIFETIME_YEARS, degradation: float = C.DEGRADATION_PER_YEAR) -> float:
    """Levelised cost of energy [kr/kWh] (see the module docstring)."""
    invest = checks.non_negative(investment, "investment", "investering i kr")
    energy = checks.positive(energy_year1_kwh, "energy_year1_kwh", "årsproduktion första året i kWh")
    om = checks.non_negative(om_per_year, "om_per_year", "drift och underhåll i kr/år")
    disc = discount_factors(rate, lifetime)
    return float((invest + om * disc.sum()) / (energy * (output_factors(degradation, lifetime) * disc).sum()))


def npv(investment: float, value_year1: float, om_per_year: float = 0.0, rate: float = C.DISCOUNT_RATE,
        lifetime: int = C.LIFETIME_YEARS, degradation: float = C.DEGRADATION_PER_YEAR) -> float:
    """Net present value [kr]: −investment + discounted (value × output factor − O&M)."""
    invest = checks.non_negative(investment, "investment", "investering i kr")
    value = checks.number(value_year1, "value_year1", "elens värde första året i kr")
    om = checks.non_negative(om_per_year, "om_per_year", "drift och underhåll i kr/år")
    flows = value * output_factors(degradation, lifetime) - om
    return float(-invest + (flows * discount_factors(rate, lifetime)).sum())


def payback_years(investment: float, value_year1: float, om_per_year: float = 0.0,
                  lifetime: int = C.LIFETIME_YEARS, degradation: float = C.DEGRADATION_PER_YEAR) -> float | None:
    """Simple (undiscounted) payback time [years], or ``None`` if the system never pays back.

    ``None`` means the cumulative net cash flow does not reach the investment within ``lifetime``
    years (never ``inf`` or NaN: a table shows it as "mer än livslängden", see :func:`payback_text`).
    """
    invest = checks.non_negative(investment, "investment", "investering i kr")
    value = checks.number(value_year1, "value_year1", "elens värde första året i kr")
    om = checks.non_negative(om_per_year, "om_per_year", "drift och underhåll i kr/år")
    if invest == 0:
        return 0.0
    flows = value * output_factors(degradation, lifetime) - om
    cumulative = np.cumsum(flows)
    reached = np.nonzero(cumulative >= invest)[0]
    if len(reached) == 0:
        return None
    year = int(reached[0])
    before = cumulative[year - 1] if year > 0 else 0.0
    return float(year + (invest - before) / flows[year])


def payback_text(years: float | None) -> str:
    """A payback time in Swedish: "7,3 år", or "mer än livslängden" for ``None`` (never pays back)."""
    if years is None:
        return "mer än livslängden"
    return f"{fmt_number(checks.non_negative(years, 'years', 'återbetalningstid i år'), 1)} år"


def investment(kwp: float, price_per_kwp: float) -> float:
    """Investment [kr] = kWp × price per kWp."""
    return (checks.positive(kwp, "kwp", "toppeffekt i kWp")
            * checks.non_negative(price_per_kwp, "price_per_kwp", "pris i kr per kWp"))


def break_even_price_per_kwp(kwp: float, value_year1: float, om_share: float = C.OM_SHARE_PER_YEAR,
                             rate: float = C.DISCOUNT_RATE, lifetime: int = C.LIFETIME_YEARS,
                             degradation: float = C.DEGRADATION_PER_YEAR) -> float:
    """The system price [kr/kWp] at which the NPV is zero, with O&M a share of the investment.

    NPV = −P·kWp·(1 + om_share·Σ d_t) + V·Σ g_t·d_t = 0  ⇒  P = V·Σ g_t·d_t / (kWp·(1 + om_share·Σ d_t)),
    with d_t the discount and g_t the output factors.
    """
    size = checks.positive(kwp, "kwp", "toppeffekt i kWp")
    value = checks.non_negative(value_year1, "value_year1", "elens värde första året i kr")
    share = checks.number_in_range(om_share, 0.0, 0.2, "om_share", "drift och underhåll per år (andel)")
    disc = discount_factors(rate, lifetime)
    return float(value * (output_factors(degradation, lifetime) * disc).sum() / (size * (1.0 + share * disc.sum())))
