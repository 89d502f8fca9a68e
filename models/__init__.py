"""Stratus models: shared, tested calculations and data access for the Norrbotten curriculum.

Notebooks import from here (``from models import data``); no model logic lives only in a notebook.
"""
