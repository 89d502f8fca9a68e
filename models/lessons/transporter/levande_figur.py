"""Live figures for the chapter's explorers: moved to :mod:`models.common.live_figure` (issue 13).

Kept so the chapter's modules can still import ``LiveFigure`` and ``LiveCharts`` from here.
"""
from __future__ import annotations

from models.common.live_figure import LiveCharts, LiveFigure

__all__ = ["LiveCharts", "LiveFigure"]
