"""The data behind an interactive chart as tidy tables with Swedish headers (for its downloads).

A static-site chart (:mod:`models.common.vega`) carries its precomputed grid inline in the
Vega-Lite spec, sometimes packed for the browser: a list of yearly values in one cell that a
``flatten`` transform unpacks, a year counted from a first year (``datum.y0 + datum.i - 1``),
a series code turned into its Swedish name by a ``calculate``. :func:`chart_tables` undoes
exactly those steps, so the downloaded table has one row per value, and names each column
in Swedish from the chart itself:

1. :data:`FIELD_LABELS` for the grid fields listed there (units that the chart leaves out);
2. else the axis or tooltip title of the field;
3. else the label of the control (bound param) with the same name, or of the one control
   whose choices the column's values are;
4. else the field name as it is.

A column of a control's choices is written with the choices' Swedish labels; a column that is
then the same as another one is dropped. Numbers stay numbers.
"""
from __future__ import annotations

import json
import re
from collections.abc import Mapping

import pandas as pd

from models.common.checks import WrongType, show

#: Swedish headers with units for grid fields whose chart title is missing or lacks the unit.
FIELD_LABELS = {
    "kommun": "Kommun",
    "year": "År",
    "label": "År/sektor",
    "order": "Ordning i diagrammet",
    "vy": "Diagram",
    "measure": "Åtgärd",
    "x0": "Minskning från (ton CO₂e per år, sammanlagt)",
    "x1": "Minskning till (ton CO₂e per år, sammanlagt)",
    "cost": "Kostnad (kr per ton CO₂e)",
    "gap": "Gap (ton CO₂e per år)",
    "value": "Värde (i nyckeltalets enhet)",
    "vehicles": "Fordon (antal)",
    "factor": "Förbrukning jämfört med +20 °C (faktor)",
    "case_sv": "Fall (beskrivning)",
    "n_now": "Fordon som klarar dagens körning (antal)",
    "n_larger_battery": "Fordon som behöver större batteri (antal)",
    "n_charge_stop": "Fordon som behöver laddstopp (antal)",
    "n_renewable_fuel": "Fordon som behöver förnybart drivmedel (antal)",
    "drivetrain": "Drivlina (kod)",
    "rule": "Regel för utbyte (kod)",
    "vehicles_projected": "Laddbara fordon vid målåret (antal)",
    "points_2025": "Publika laddpunkter december 2025 (antal)",
    "points_needed": "Publika laddpunkter som behövs (antal)",
    "points_missing": "Publika laddpunkter som saknas (antal)",
    "month": "Månad (nummer)",
    "azimuth": "Riktning (grader, 180 = söder)",
    "matt": "Mått",
    "andel": "Andel (0–1)",
    "kwp": "Anläggningens storlek (kWp)",
    "production_kwh": "Produktion (kWh per år)",
    "self_consumption": "Egenanvändning (andel)",
    "self_sufficiency": "Självförsörjning (andel)",
    "lcoe_sek_per_kwh": "Produktionskostnad (kr per kWh)",
    "npv_sek": "Nuvärde (kr)",
    "payback_years": "Återbetalningstid (år)",
    "building": "Byggnad (som i exemplet)",
    "rank": "Rang",
    "byggnad": "Byggnad",
    "price_per_kwp": "Systempris (kr per kWp)",
    "serie": "Serie",
}
_MAPPING = re.compile(r"^\(\s*(\{.*\})\s*\)\s*\[\s*datum\.(\w+)\s*\]$", re.S)
_CONSTANT = re.compile(r"^'([^'\\]*)'$")
_COUNTED = re.compile(r"^datum\.(\w+)\s*\+\s*datum\.(\w+)\s*-\s*1$")
_VALID = re.compile(r"^isValid\(datum\.(\w+)\)$")
_TITLE_CHANNELS = ("x", "y", "x2", "y2", "theta", "color", "size", "text", "tooltip")


def chart_tables(spec: Mapping) -> dict[str, pd.DataFrame]:
    """The inline data of a Vega-Lite spec as tidy tables with Swedish headers (sheet name -> table).

    One table per dataset (named ``datasets`` and inline ``data.values``), identical ones once;
    datasets with fewer than two rows (a reference line, a label position) are left out.
    Sheet names are ``"Diagramdata"``, or ``"Diagramdata 1"``, ``"Diagramdata 2"`` … for several.
    """
    if not isinstance(spec, Mapping):
        raise WrongType(f"spec ska vara en Vega-Lite-specifikation (dict), fick {show(spec)}.")
    titles, params = {}, {}
    _titles(spec, titles)
    _params(spec, params)
    tables: list[pd.DataFrame] = []
    for rows, transforms in _sources(spec, spec.get("datasets") or {}):
        if len(rows) < 2 or not all(isinstance(r, Mapping) for r in rows):
            continue
        table = _unpacked(pd.DataFrame([dict(r) for r in rows]), transforms)
        if table.shape[1] == 0:
            continue
        table = _swedish(table, titles, params)
        if not any(table.equals(t) for t in tables):
            tables.append(table)
    if len(tables) == 1:
        return {"Diagramdata": tables[0]}
    return {f"Diagramdata {i}": t for i, t in enumerate(tables, start=1)}


def _sources(spec: Mapping, datasets: Mapping) -> list[tuple[list, list]]:
    """(rows, transforms that apply to them) for each dataset in the spec, each dataset once."""
    found, seen = [], set()

    def own_transforms(node) -> list:
        """The node's transforms and those of its sub-views that have no data of their own."""
        out = [t for t in node.get("transform") or [] if isinstance(t, Mapping)]
        for key in ("layer", "hconcat", "vconcat", "concat"):
            for sub in node.get(key) or []:
                if isinstance(sub, Mapping) and "data" not in sub:
                    out += own_transforms(sub)
        return out

    def visit(node) -> None:
        if not isinstance(node, Mapping):
            return
        data = node.get("data")
        if isinstance(data, Mapping):
            rows = data.get("values") if isinstance(data.get("values"), list) else datasets.get(data.get("name"))
            if isinstance(rows, list) and id(rows) not in seen:
                seen.add(id(rows))
                found.append((rows, own_transforms(node)))
        for key in ("layer", "hconcat", "vconcat", "concat"):
            for sub in node.get(key) or []:
                visit(sub)
        if isinstance(node.get("spec"), Mapping):
            visit(node["spec"])

    visit(spec)
    for rows in datasets.values():  # datasets no view names (kept: they are still the chart's data)
        if isinstance(rows, list) and id(rows) not in seen:
            seen.add(id(rows))
            found.append((rows, []))
    return found


def _unpacked(table: pd.DataFrame, transforms: list) -> pd.DataFrame:
    """Undo the browser-side packing: flatten lists, count years, relabel codes, drop empty values."""
    flatten = [f for t in transforms for f in t.get("flatten") or [] if f in table.columns]
    counted = {}
    for t in transforms:
        expr, target = t.get("calculate"), t.get("as")
        match = _COUNTED.match(expr) if isinstance(expr, str) else None
        if match and match.group(1) in table.columns:
            counted[target] = match.group(1)
    if flatten:
        lists = table[flatten[0]].map(lambda v: v if isinstance(v, list) else [v])
        table = table.assign(**{"_position": lists.map(lambda v: list(range(len(v))))})
        table = table.assign(**{f: table[f].map(lambda v: v if isinstance(v, list) else [v]) for f in flatten})
        lengths_equal = all((table[f].map(len) == table["_position"].map(len)).all() for f in flatten)
        if not lengths_equal:
            raise ValueError("Diagrammets data går inte att packa upp: listorna i en rad är olika långa.")
        table = table.explode([*flatten, "_position"], ignore_index=True)
        table = table[table["_position"].notna()].reset_index(drop=True)  # an empty list: no values
        for f in flatten:
            if table[f].map(_is_number).all():
                table[f] = pd.to_numeric(table[f])
        for target, first in counted.items():
            table[target] = table[first] + table["_position"].astype(int)
            if first != target:
                table = table.drop(columns=[first])
        table = table.drop(columns=["_position"])
    for t in transforms:
        expr, target = t.get("calculate"), t.get("as")
        if not isinstance(expr, str) or not isinstance(target, str):
            valid = _VALID.match(t["filter"]) if isinstance(t.get("filter"), str) else None
            if valid and valid.group(1) in table.columns:
                table = table[table[valid.group(1)].notna()].reset_index(drop=True)
            continue
        constant, mapping = _CONSTANT.match(expr), _MAPPING.match(expr)
        if constant:
            table[target] = constant.group(1)
        elif mapping and mapping.group(2) in table.columns:
            try:
                labels = json.loads(mapping.group(1))
            except ValueError:
                continue
            source = mapping.group(2)
            table[target] = table[source].map(lambda v, m=labels: m.get(v, v) if isinstance(v, str) else v)
            if source != target:
                table = table.drop(columns=[source])
    return table


def _is_number(value) -> bool:
    return value is None or (isinstance(value, (int, float)) and not isinstance(value, bool))


def _swedish(table: pd.DataFrame, titles: Mapping, params: Mapping) -> pd.DataFrame:
    """Swedish headers and choice labels; a column equal to an earlier one is dropped."""
    out = {}
    for column in table.columns:
        values = table[column]
        label, choices = params.get(column, (None, {}))
        if not choices:
            label, choices = _choices_of(values, params, label)
        if choices:
            values = values.map(lambda v, m=choices: m.get(v, v) if isinstance(v, str) else v)
        if any(values.equals(earlier) for earlier in out.values()):
            continue
        header = FIELD_LABELS.get(column) or titles.get(column) or label or str(column)
        while header in out:
            header = f"{header} ({column})"
        out[header] = values
    return pd.DataFrame(out)


def _choices_of(values: pd.Series, params: Mapping, label):
    """(label, choices) of the one labelled control whose options are all of the column's values."""
    present = {v for v in values.dropna().unique() if isinstance(v, str)}
    if not present or len(present) != values.dropna().nunique():
        return label, {}
    fits = [(name, choices) for name, choices in params.values() if choices and present <= set(choices)]
    if len(fits) != 1:
        return label, {}
    return fits[0]


def _titles(node, titles: dict) -> None:
    """field -> title over every encoding in the spec (axis channels before tooltips)."""
    if isinstance(node, Mapping):
        encoding = node.get("encoding")
        if isinstance(encoding, Mapping):
            for channel in sorted(encoding, key=lambda c: _TITLE_CHANNELS.index(c) if c in _TITLE_CHANNELS else 99):
                for item in encoding[channel] if isinstance(encoding[channel], list) else [encoding[channel]]:
                    if isinstance(item, Mapping) and isinstance(item.get("field"), str) and isinstance(item.get("title"), str):
                        titles.setdefault(item["field"], item["title"])
        for key, value in node.items():
            if key not in ("encoding", "datasets", "data"):
                _titles(value, titles)
    elif isinstance(node, list):
        for item in node:
            _titles(item, titles)


def _params(spec: Mapping, params: dict) -> None:
    """param name -> (its Swedish label, {option: label}) for every bound control."""
    for param in spec.get("params") or []:
        bind = param.get("bind") if isinstance(param, Mapping) else None
        if isinstance(bind, Mapping) and isinstance(bind.get("name"), str):
            options, labels = bind.get("options") or [], bind.get("labels") or []
            choices = {o: lab for o, lab in zip(options, labels) if isinstance(o, str)} if labels else {}
            params[param["name"]] = (bind["name"].strip().rstrip(":"), choices)
    for key in ("layer", "hconcat", "vconcat", "concat"):
        for sub in spec.get(key) or []:
            if isinstance(sub, Mapping):
                _params(sub, params)
