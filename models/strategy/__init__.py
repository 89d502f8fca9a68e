"""Strategy models: carbon budgets, emission pathways, trends and abatement cost curves.

Pure functions for the Strategy chapter. Each module has one job:

* ``budget`` – required annual cut (F1–F3), grandfathering shares, remaining budget;
* ``pathways`` – annual emission paths from a budget or a rate, the Carbon Law path;
* ``trend`` – least-squares and LAD trend lines and their paths;
* ``exhaustion`` – when a budget runs out on a trend (Klimatkollen's date);
* ``macc`` – marginal abatement cost curve with the annuity method;
* ``constants`` – published numbers with source and year.

Invalid input raises ``ValueError`` with a Swedish message naming the bad value.
"""

from . import constants
from .carbon_budget import (
    METHODS,
    budget_net_of_overhead,
    budget_share,
    finite_horizon_sum,
    remaining_budget,
    required_annual_reduction,
)
from .constants import CARBON_LAW_REDUCTION_RATE
from .exhaustion import budget_exhaustion_date, budget_exhaustion_year, decimal_year_to_date
from .macc import MEASURE_COLUMNS, capital_recovery_factor, macc
from .pathways import carbon_law_pathway, pathway
from .trend import TrendLine, cagr_pct, lad_trend, linear_trend, trend_pathway, trend_zero_year

__all__ = [
    "CARBON_LAW_REDUCTION_RATE",
    "MEASURE_COLUMNS",
    "METHODS",
    "TrendLine",
    "budget_exhaustion_date",
    "budget_exhaustion_year",
    "budget_net_of_overhead",
    "budget_share",
    "cagr_pct",
    "capital_recovery_factor",
    "carbon_law_pathway",
    "constants",
    "decimal_year_to_date",
    "finite_horizon_sum",
    "lad_trend",
    "linear_trend",
    "macc",
    "pathway",
    "remaining_budget",
    "required_annual_reduction",
    "trend_pathway",
    "trend_zero_year",
]
