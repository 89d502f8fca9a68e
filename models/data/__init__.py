"""Data access: the only part of ``models`` that opens files.

* :mod:`models.data.package` – typed tables from ``data/`` (``load``, ``validate``) and the 14
  kommuner (``kommun``, ``kommun_name``);
* :mod:`models.data.validation` – problems, messages and the fast parser behind ``load``;
* :mod:`models.data.package_checks` – ``frictionless`` and the project's cross-file checks behind ``validate``;
* :mod:`models.data.emissions` – SMHI's emission series per kommun and sector, population;
* :mod:`models.data.klimatkollen` – Klimatkollen's published budgets, KPIs and the local targets;
* :mod:`models.data.upload` – the one reader for a learner's own files (CSV or Excel);
* :mod:`models.data.templates` – the book's file templates in ``data/templates/``.

Every dataset has one ``source_note()`` that the lessons print under tables and charts::

    from models import data
    data.load("emissions_total")          # typed DataFrame, long format
    data.kommun("Lulea").population       # inhabitants on 2025-12-31 (SCB)
"""
from models.data.package import (
    COUNTY_CODE, COUNTY_NAME, DATA_DIR, DATA_DIR_ENV, KOMMUN_CODES, KOMMUNER, SWEDEN_CODE, SWEDEN_NAME,
    DataValidationError, Kommun, data_dir, kommun, kommun_name, load, resource_names, validate, version,
)

__all__ = [
    "COUNTY_CODE", "COUNTY_NAME", "DATA_DIR", "DATA_DIR_ENV", "DataValidationError", "KOMMUNER", "KOMMUN_CODES",
    "Kommun", "SWEDEN_CODE", "SWEDEN_NAME", "data_dir", "kommun", "kommun_name", "load", "resource_names",
    "validate", "version",
]
