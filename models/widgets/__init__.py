"""Thin ipywidgets layers over the pure model functions (one module per lesson topic).

Each explorer has a pure ``*_view`` function doing all the work (tested in pytest over the
whole range of every control) and a builder that only wires controls to it.
"""
from models.widgets.budget import budget_explorer, budget_view
from models.widgets.climate_budget import climate_budget_explorer, climate_budget_view
from models.widgets.emissions import CHARTS as EMISSION_CHARTS
from models.widgets.emissions import emissions_explorer, emissions_view
from models.widgets.follow_up import follow_up_explorer, follow_up_view
from models.widgets.measures import measures_explorer, measures_view

__all__ = ["EMISSION_CHARTS", "budget_explorer", "budget_view", "climate_budget_explorer", "climate_budget_view",
           "emissions_explorer", "emissions_view", "follow_up_explorer", "follow_up_view",
           "measures_explorer", "measures_view"]
