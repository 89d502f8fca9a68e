"""Climate targets with different base years, restated as levels for one kommun.

A target such as "−63 % by 2030 compared with 1990" only becomes comparable with another
("−70 % by 2030 compared with 2010") once both are turned into tonnes for the same area.
:func:`restate_targets` does that with the kommun's own emissions in the chosen SMHI snapshot:
``level = base-year emissions · (1 - reduction)``, and the constant annual cut from the latest
year to that level.

The national targets cover other scopes than a kommun's territorial total (the milestones
count only emissions outside the EU ETS; the transport target excludes domestic aviation),
so the restated levels show what the *percentage* would mean for the kommun, not a target the
kommun has been given. Sources: ``strategy.md`` §1 and the book's bibliography keys in
``source``.
"""

from __future__ import annotations

from dataclasses import dataclass

from collections.abc import Mapping

import numpy as np
import pandas as pd

from models.common import checks as v

from .constants import TRANSPORT_TARGET_BASE_YEAR, TRANSPORT_TARGET_REDUCTION_PCT, TRANSPORT_TARGET_YEAR


@dataclass(frozen=True)
class Target:
    """A reduction target: ``reduction_pct`` below ``base_year`` by ``target_year``.

    ``scope`` is ``"total"`` (the kommun's territorial total) or an SMHI sector key;
    ``covers_sv`` says in Swedish what the target covers where it was set; ``source`` is the
    bibliography key.
    """

    key: str
    label_sv: str
    base_year: int
    target_year: int
    reduction_pct: float
    scope: str
    covers_sv: str
    source: str


#: Targets from the chapter's table (chapters/01-strategi/index.md), each with its source.
TARGETS = (
    Target("sweden_2045", "Sverige 2045: minst −85 % (nettonoll)", 1990, 2045, 85.0, "total",
           "Alla utsläpp, även EU ETS", "naturvardsverket_klimatmal"),
    Target("milestone_2030", "Etappmål 2030: −63 %", 1990, 2030, 63.0, "total",
           "Utsläpp utanför EU ETS", "naturvardsverket_etappmal"),
    Target("milestone_2040", "Etappmål 2040: −75 %", 1990, 2040, 75.0, "total",
           "Utsläpp utanför EU ETS", "krisinformation_klimatmal"),
    Target("esr_2030", "EU:s ansvarsfördelning 2030: −50 %", 2005, 2030, 50.0, "total",
           "Utsläpp utanför EU ETS", "ec_esr"),
    Target("transport_2030", "Inrikes transporter 2030: −70 %", TRANSPORT_TARGET_BASE_YEAR,
           TRANSPORT_TARGET_YEAR, TRANSPORT_TARGET_REDUCTION_PCT,
           "domestic_transport", "Inrikes transporter utom flyg",
           "trafikverket_klimatmal"),
)
#: The Covenant of Mayors 2030 commitment (2015): at least −40 % CO2 against the kommun's own
#: baseline inventory (BEI) year, which differs between kommuner (eumayors_steg).
COVENANT_REDUCTION_PCT = 40.0
COVENANT_TARGET_YEAR = 2030


def covenant_target(base_year) -> Target:
    """The Covenant of Mayors 2030 commitment with the kommun's own baseline year."""
    base = v.year(base_year, "com_base_year", f"basinventeringens år, före målåret {COVENANT_TARGET_YEAR}", low=1990,
                  high=COVENANT_TARGET_YEAR - 1)
    return Target("covenant_2030", f"Borgmästaravtalet 2030: minst −40 % (basår {base})", base,
                  COVENANT_TARGET_YEAR, COVENANT_REDUCTION_PCT, "total",
                  "CO₂ i basinventeringen", "eumayors_steg")


def restate_targets(sectors: pd.DataFrame, labels: dict[str, str], *, exclude_sectors=(), com_base_year=None,
                    targets=TARGETS) -> pd.DataFrame:
    """Each target as a level in t CO2e for one kommun, from its own base-year emissions.

    Parameters
    ----------
    sectors : pandas.DataFrame
        The kommun's emissions per SMHI sector [t CO2e/yr]: index ``year`` (must include the
        targets' base years, e.g. 1990, 2005, 2010), one column per sector key.
    labels : dict
        Swedish label per sector key.
    exclude_sectors : iterable of str
        Sector keys taken out of ``"total"`` targets (e.g. the industry sector), in every year.
    com_base_year : int, optional
        Add the Covenant of Mayors 2030 row with this baseline year (must be in the data).
    targets : tuple of Target
        The targets to restate (default :data:`TARGETS`).

    Returns
    -------
    pandas.DataFrame
        One row per target (index ``key``): ``label_sv``, ``covers_sv``, ``measured_sv`` (what
        is measured for the kommun), ``base_year``, ``target_year``, ``reduction_pct``,
        ``base_t`` (emissions in the base year, t CO2e), ``target_level_t`` (t CO2e/yr),
        ``latest_year``, ``latest_t``, ``change_since_base_pct``, ``remaining_cut_pct`` (from
        the latest year to the target level; negative = already below) and
        ``annual_cut_needed_pct`` (constant cut per year from the latest year; 0 if already
        below), ``source``.
    """
    if not isinstance(sectors, pd.DataFrame):
        raise v.WrongType(f"sectors måste vara en pandas.DataFrame med utsläpp per sektor och år, "
                          f"fick {v.show(sectors)}.")
    if sectors.empty or len(sectors.columns) == 0:
        raise ValueError("sectors är tom: en rad per år och en kolumn per sektor krävs.")
    for column in sectors.columns:
        v.series(sectors[column], f"sectors[{v.show(column)}]", "utsläpp per år, ton CO₂e", kind="non_negative")
    sectors = sectors.astype(float)
    if not isinstance(labels, Mapping):
        raise v.WrongType(f"labels (svenska sektornamn) måste vara en ordlista sektor -> namn, fick {v.show(labels)}.")
    labels = {**{c: str(c) for c in sectors.columns}, **labels}
    if isinstance(targets, (str, bytes, Mapping, pd.DataFrame)) or not hasattr(targets, "__iter__"):
        raise v.WrongType(f"targets måste vara en lista med mål (Target), fick {v.show(targets)}.")
    if hasattr(targets, "__len__") and len(targets) > 100:
        raise ValueError(f"targets: högst 100 mål, fick {len(targets)}.")
    targets = [v.instance(t, Target, "targets", "ett mål") for t in targets]
    excluded = [s for s in v.keys(exclude_sectors, tuple(labels), "exclude_sectors", "sektor", "sektorer")
                if s in sectors.columns]
    total = sectors.sum(axis=1) - sectors[excluded].sum(axis=1)
    if com_base_year is not None:
        targets.append(covenant_target(com_base_year))
    latest = int(total.index.max())
    rows = {}
    for target in targets:
        if target.scope == "total":
            series = total
            measured = "Kommunens territoriella utsläpp, alla sektorer"
            if excluded:
                measured += " utom " + ", ".join(labels[s] for s in excluded)
        else:
            series = sectors[target.scope] if target.scope in sectors else total * 0.0
            measured = f"Sektorn {labels[target.scope]}"
        if target.base_year not in series.index:
            years = ", ".join(str(y) for y in series.index)
            raise ValueError(f"Basåret {target.base_year} för \"{target.label_sv}\" finns inte i "
                             f"utsläppsdata. Tillgängliga år: {years}.")
        base = float(series.loc[target.base_year])
        level = base * (1.0 - target.reduction_pct / 100.0)
        now = float(series.loc[latest])
        years_left = target.target_year - latest
        if now <= level or now == 0:
            annual = 0.0
        elif years_left <= 0:  # the target year is here or past: the whole remaining cut, now
            annual = 100.0 * (1.0 - level / now)
        else:
            annual = 100.0 * (1.0 - (level / now) ** (1.0 / years_left)) if level > 0 else 100.0
        rows[target.key] = {
            "label_sv": target.label_sv,
            "covers_sv": target.covers_sv,
            "measured_sv": measured,
            "base_year": target.base_year,
            "target_year": target.target_year,
            "reduction_pct": target.reduction_pct,
            "base_t": base,
            "target_level_t": level,
            "latest_year": latest,
            "latest_t": now,
            "change_since_base_pct": 100.0 * (now / base - 1.0) if base > 0 else np.nan,
            "remaining_cut_pct": 100.0 * (1.0 - level / now) if now > 0 else np.nan,
            "annual_cut_needed_pct": annual,
            "source": target.source,
        }
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis("key")
