"""Lesson "Uppföljning med nyckeltal och styrkort": indicators from data/, scorecard, charts, Excel.

Builds the indicator set for one kommun from the book's data (SMHI, SCB, Trafikanalys via
Klimatkollen, Power Circle), assesses each with :mod:`models.strategy.follow_up`, and presents
the result as a Swedish scorecard, charts, a one-page council summary and an Excel file.
"""
from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from models import data
from models.common import checks
from models.common.export import write_xlsx
from models.common.formatting import fmt_number, fmt_pct
from models.common.live_figure import FigureChart
from models.common.plotting import ACCENT, MAIN, MUTED, OKABE_ITO, add_source, new_figure, place_ylabel, swedish_axis
from models.data import emissions as smhi
from models.strategy import carbon_law_pathway
from models.strategy import follow_up as fu
from models.strategy import kolada
from models.lessons.strategi.uppfoljning_mal import (  # noqa: F401  (re-exported for the lesson)
    METHOD_NAMES, NOT_ASSESSED, SCORECARD_COLUMNS, STATUS_LABELS, TARGET_YEAR, Indicator, _adopted_scorecard,
    _checked_until, _join, adopted_scorecard, rule_text, scorecard_sv, until_year as _until,
)
from models.strategy.constants import (
    CARBON_LAW_REDUCTION_RATE, REDUKTIONSPLIKT_CUT_YEAR, REDUKTIONSPLIKT_SOURCE, TRANSPORT_TARGET_BASE_YEAR,
    TRANSPORT_TARGET_REDUCTION_PCT, TREND_FIRST_YEAR,
)

TRANSPORT_BASE_YEAR = TRANSPORT_TARGET_BASE_YEAR
#: Example target (NOT a decided target) for the share of rechargeable cars among new cars.
EXAMPLE_EV_TARGET_PCT = 100.0

STATUS_COLOURS = {
    fu.STATUS_ON_TRACK: OKABE_ITO["bluish_green"],
    fu.STATUS_RISK: OKABE_ITO["orange"],
    fu.STATUS_OFF_TRACK: OKABE_ITO["vermillion"],
}
STATUS_HATCHES = {fu.STATUS_ON_TRACK: "", fu.STATUS_RISK: "..", fu.STATUS_OFF_TRACK: "///"}
METHODS = {"Medianregression (LAD)": "lad", "Minsta kvadratmetoden": "least_squares"}

SOURCES = (f"Utsläpp: {smhi.source_note(smhi.LATEST_DATASET).removeprefix('Källa: ')} "
           "Nyregistrerade bilar: Trafikanalys, via Klimatkollen. Laddpunkter och laddbara fordon: Power Circle, "
           "via Klimatkollen. Trender, målvärden per år och status: Stratus egna beräkningar (beräknat).")


def _carbon_law_target(series: pd.Series) -> float:
    return float(carbon_law_pathway(float(series.iloc[-1]), int(series.index[-1]), TARGET_YEAR).iloc[-1])


def indicator_names() -> list[str]:
    """Swedish names of the indicators, in scorecard order (same for every kommun)."""
    return [i.name for i in indicators("Luleå")]


#: The last year before the reduktionsplikt was cut (1 January 2024): ``until=`` this year gives
#: the emission trends without the 2024 break.
YEAR_BEFORE_BREAK = REDUKTIONSPLIKT_CUT_YEAR - 1
BREAK_NOTE = (f"{REDUKTIONSPLIKT_CUT_YEAR} är ett brott i serien i hela landet: reduktionsplikten sänktes "
              f"1 januari {REDUKTIONSPLIKT_CUT_YEAR}, och transporternas och arbetsmaskinernas utsläpp steg i "
              f"nästan alla kommuner. {REDUKTIONSPLIKT_SOURCE}")


def indicators(kommun: str, until: int | None = None) -> tuple[Indicator, ...]:
    """The scorecard's indicators for one kommun (see :func:`_indicators`), cached on the data read."""
    until = _checked_until(until)
    return _indicators(data.kommun_name(kommun), until, data.version())


@lru_cache(maxsize=128)
def _indicators(kommun: str, until: int | None, key: tuple) -> tuple[Indicator, ...]:
    """The scorecard's indicators for one kommun, with real values from ``data/``.

    Emission targets follow the Carbon Law (−11.72 % per year from the latest data year)
    except transport, which gets the national target (−70 % 2010–2030). The share of
    rechargeable new cars gets an *example* target (100 % in 2030), clearly marked as such.
    Fleet share and charging points have no target: the scorecard shows the trend and says
    that a target is missing. Emissions per inhabitant (N00401) are left out: the book's
    population data cover 2023–2025, which gives only two years with emissions – too few
    for a trend (the adopted per-capita target is judged in :func:`adopted_scorecard`).

    ``until`` (e.g. :data:`YEAR_BEFORE_BREAK`) drops the emission years after it, so the
    trends and targets are computed as if the 2024 figures did not exist.
    """
    name = data.kommun_name(kommun)
    if until is not None and int(until) not in smhi.total(name).index:
        raise ValueError(f"until ({until}) måste vara ett år i SMHI:s utgåva, t.ex. {YEAR_BEFORE_BREAK}.")
    total = _until(smhi.total(name), until)
    sectors = _until(smhi.by_sector(name), until)
    evs = data.load("ev_new_registrations")
    evs = evs[evs["kommun"] == name].set_index("year")["rechargeable_share_pct"].astype(float)
    charging = data.load("charging_infrastructure")
    charging = charging[charging["kommun"] == name].copy()
    charging["year"] = charging["snapshot"].str[:4].astype(int)
    charging = charging.set_index("year").sort_index()
    cl = f"Carbon Law: −{fmt_pct(CARBON_LAW_REDUCTION_RATE * 100, 2)} per år från senaste året (Klimatkollen)"
    smhi_source = "SMHI (Nationella emissionsdatabasen)"
    result = [Indicator("total", "Växthusgasutsläpp totalt", "N07702", "ton CO₂e", "lower", total,
                        _carbon_law_target(total), cl, smhi_source)]
    transport = sectors["domestic_transport"]
    result.append(Indicator(
        "transport", "Växthusgasutsläpp, transporter", kolada.SECTOR_KPI["domestic_transport"], "ton CO₂e", "lower",
        transport, float(transport.loc[TRANSPORT_BASE_YEAR]) * (1 - TRANSPORT_TARGET_REDUCTION_PCT / 100),
        f"Nationellt transportmål: −{fmt_pct(TRANSPORT_TARGET_REDUCTION_PCT, 0)} {TRANSPORT_BASE_YEAR}–2030 "
        "(Trafikverket)", smhi_source))
    for key, label in (("work_machinery", "arbetsmaskiner"),
                       ("own_heating_of_dwellings_and_premises", "egen uppvärmning"),
                       ("electricity_and_district_heating", "el och fjärrvärme")):
        series = sectors[key]
        result.append(Indicator(key, f"Växthusgasutsläpp, {label}", kolada.SECTOR_KPI[key], "ton CO₂e", "lower",
                                series, _carbon_law_target(series), cl, smhi_source))
    result += [
        Indicator("ev_new", "Laddbara bilar, andel av nyregistrerade personbilar", "– (Klimatkollen)", "%",
                  "higher", evs, EXAMPLE_EV_TARGET_PCT,
                  f"Exempelmål, inte beslutat: {fmt_pct(EXAMPLE_EV_TARGET_PCT, 0)} år {TARGET_YEAR}",
                  "Trafikanalys, via Klimatkollen", target_shape="linear", upper=100.0, decimals=1),
        Indicator("ev_fleet", "Laddbara bilar, andel av bilparken", "– (närmast N07945 + N07947)", "%", "higher",
                  charging["rechargeable_share_of_car_fleet_pct"].astype(float).dropna(), None, "Inget mål satt",
                  "Power Circle, via Klimatkollen", upper=100.0, decimals=1),
        Indicator("charging_points", "Laddpunkter", "N07713", "antal", "higher",
                  charging["charging_points"].astype(float), None, "Inget mål satt",
                  "Power Circle, via Klimatkollen"),
    ]
    return tuple(result)


def indicator(kommun: str, name: str, until: int | None = None) -> Indicator:
    """One indicator by its Swedish name (see :func:`indicator_names`)."""
    until = _checked_until(until)
    return _indicator(data.kommun_name(kommun), name, until, data.version())


def _indicator(kommun: str, name: str, until: int | None, key: tuple) -> Indicator:
    for item in _indicators(kommun, until, key):
        if item.name == name:
            return item
    valid = ", ".join(f'"{n}"' for n in indicator_names())
    raise ValueError(f'Okänt nyckeltal "{name}". Giltiga: {valid}.')


def scorecard(kommun: str, tolerance=fu.DEFAULT_TOLERANCE, method: str = "lad",
              until: int | None = None) -> pd.DataFrame:
    """Assess every indicator (model columns in English; see :func:`scorecard_sv` for Swedish).

    Returns
    -------
    pandas.DataFrame
        Index = indicator name; columns ``kpi_id``, ``unit``, ``direction``, ``target_text``,
        ``data_source``, ``decimals`` and the fields of :func:`models.strategy.follow_up.assess`.
        ``until=2023`` judges the emission indicators on the years up to 2023 (without the
        2024 break, see :data:`BREAK_NOTE`).
    """
    tolerance = fu.check_tolerance(tolerance)
    method = checks.choice(method, fu.TREND_METHODS)
    until = _checked_until(until)
    return _scorecard(data.kommun_name(kommun), tolerance, method, until, data.version()).copy()


@lru_cache(maxsize=512)
def _scorecard(kommun: str, tolerance: float, method: str, until: int | None, key: tuple) -> pd.DataFrame:
    card = _method_card(kommun, method, until, key).copy()
    for m in fu.TREND_METHODS:          # only the status depends on the tolerance
        card[f"status_{m}"] = [s if math.isnan(t) else fu.status(x, p, t, d, tolerance) for s, x, p, t, d in zip(
            card[f"status_{m}"], card["latest_value"], card[f"projection_{m}"], card["target_value"], card["direction"])]
    card["status"] = card[f"status_{method}"]
    return card


@lru_cache(maxsize=128)
def _method_card(kommun: str, method: str, until: int | None, key: tuple) -> pd.DataFrame:
    """The scorecard for ``method`` with tolerance 0 (the statuses are set per tolerance by :func:`_scorecard`)."""
    rows, assessments = {}, _assessments(kommun, until, key)
    for item in _indicators(kommun, until, key):
        assessed = assessments[item.name].to_dict()
        assessed["projection"] = assessed[f"projection_{method}"]      # both trends are in every assessment
        if not math.isnan(assessed["target_value"]):
            assessed["share_of_needed_change_pct"] = fu.share_of_needed_change_pct(
                assessed["latest_value"], assessed["projection"], assessed["target_value"])
        assessed["status"] = assessed[f"status_{method}"]
        rows[item.name] = {"kpi_id": item.kpi_id, "unit": item.unit, "direction": item.direction,
                           "target_text": item.target_text, "data_source": item.data_source,
                           "decimals": item.decimals, **assessed}
    return pd.DataFrame.from_dict(rows, orient="index", dtype=object).rename_axis("indicator")


def trend_assessments(kommun: str, until: int | None = None) -> dict[str, pd.Series]:
    """Each indicator's :func:`models.strategy.follow_up.assess` (tolerance 0, both fits) by name; kept per kommun."""
    until = _checked_until(until)
    return {name: a.copy() for name, a in _assessments(data.kommun_name(kommun), until, data.version()).items()}


@lru_cache(maxsize=128)
def _assessments(kommun: str, until: int | None, key: tuple) -> dict[str, pd.Series]:
    """Each indicator assessed with tolerance 0: both trend fits, shared by every tolerance and method."""
    return {item.name: fu.assess(item.series, item.target_value, TARGET_YEAR, item.direction, 0.0, "lad",
                                 upper=item.upper) for item in _indicators(kommun, until, key)}


def target_table(kommun: str) -> pd.DataFrame:
    """Target value per year, from the latest data year to 2030, for the indicators with a target.

    Returns a wide table: column ``År`` and one column per indicator ("name (unit)").
    """
    table = pd.DataFrame({f"{item.name} ({item.unit})": _target_path(item)
                          for item in indicators(data.kommun_name(kommun)) if item.target_value is not None})
    return table.rename_axis("År").reset_index()


def _target_path(item: Indicator) -> pd.Series:
    """Target value per year from the latest observation to the target year."""
    start = float(item.series.iloc[-1])
    shape = item.target_shape if start > 0 and item.target_value > 0 else "linear"
    return fu.target_path(start, int(item.series.index[-1]), item.target_value, TARGET_YEAR, shape)


def council_summary(kommun: str, tolerance=fu.DEFAULT_TOLERANCE, method: str = "lad") -> str:
    """A one-page follow-up summary for a council report, as Markdown (Swedish)."""
    name = data.kommun_name(kommun)
    tolerance, method = fu.check_tolerance(tolerance), checks.choice(method, fu.TREND_METHODS)
    return _council_summary(name, tolerance, method, data.version())


@lru_cache(maxsize=256)
def _council_summary(name: str, tolerance: float, method: str, key: tuple) -> str:
    card = _scorecard(name, tolerance, method, None, key)
    with_target = card[card["status"] != fu.STATUS_NO_TARGET]
    counts = with_target["status"].value_counts()
    n = len(with_target)
    parts = [f"{counts.get(s, 0)} {label}" for s, label in (
        (fu.STATUS_ON_TRACK, "på rätt spår"), (fu.STATUS_RISK, "med risk"), (fu.STATUS_OFF_TRACK, "på fel spår"))]
    lines = [f"**Uppföljning av klimatmålen – {name}**", "",
             f"Av {n} nyckeltal med mål för {TARGET_YEAR} är {parts[0]}, {parts[1]} och {parts[2]} *(beräknat)*."]
    off = with_target[with_target["status"] == fu.STATUS_OFF_TRACK]
    if len(off):
        worst = off.assign(share=pd.to_numeric(off["share_of_needed_change_pct"])).sort_values("share").iloc[0]
        d = int(worst["decimals"])
        lines[-1] += (f" Längst från målet är *{worst.name.lower()}*: med nuvarande trend blir värdet "
                      f"{fmt_number(worst['projection'], d)} {worst['unit']} år {TARGET_YEAR}, målet är "
                      f"{fmt_number(worst['target_value'], d)} {worst['unit']}.")
    no_target = card[card["status"] == fu.STATUS_NO_TARGET].index.str.lower().tolist()
    if no_target:
        lines[-1] += f" Mål saknas för {_join(no_target)}; vi föreslår att målvärden beslutas."
    lines += ["", "| Nyckeltal | Senaste värde (år) | Mål " + str(TARGET_YEAR) + " | Trend " + str(TARGET_YEAR)
              + " | Status |", "|---|---|---|---|---|"]
    for indicator_name, row in card.iterrows():
        d = int(row["decimals"])
        lines.append(f"| {indicator_name} ({row['unit']}) | {fmt_number(row['latest_value'], d)} ({int(row['latest_year'])}) "
                     f"| {fmt_number(row['target_value'], d)} | {fmt_number(row['projection'], d)} "
                     f"| {STATUS_LABELS[row['status']]} |")
    adopted = _adopted_scorecard(name, None, tolerance, method, None, key)
    if len(adopted):
        lines += ["", f"**Kommunens antagna mål** (från kommunens webbplats; bedömda där bokens data räcker):", ""]
        for _, a in adopted.iterrows():
            if a["status"] == NOT_ASSESSED:
                lines.append(f"- {a['Mål']}: {a['Status'].lower()}. {a['Så har vi räknat']}")
            else:
                lines.append(f"- {a['Mål']}: {a['Status']} – senaste värde {fmt_number(a['Senaste värde'], 1)} "
                             f"({int(a['Senaste år'])}), trend {a['Målår']} {fmt_number(a['Trend målåret'], 1)} "
                             f"{a['Enhet']}. {a['Så har vi räknat']}")
    else:
        lines += ["", "Kommunens egna antagna klimatmål finns inte i bokens data; lägg in dem och bedöm dem på "
                  "samma sätt. Målen ovan är nationella eller allmänna riktmärken."]
    lines += ["", BREAK_NOTE, "", rule_text(tolerance, method),
              "", "Mål: transporterna enligt det nationella målet (−70 % 2010–2030); övriga utsläpp enligt Carbon Law "
              "(−11,72 % per år); andelen laddbara nya bilar är ett exempelmål, inte beslutat.",
              "", _missing_kpis_line(), "", f"*Källor:* {SOURCES}"]
    return "\n".join(lines)


@lru_cache(maxsize=1)
def _missing_kpis_line() -> str:
    """The summary's line on the Kolada KPIs missing in the book's data (the same for every kommun)."""
    m = kolada.missing_kpis()
    return (f"Saknas i underlaget: {len(m)} nyckeltal i Kolada om energi och transporter (till exempel "
            f"{m.iloc[0]['Id (Kolada)']} {m.iloc[0]['Nyckeltal'].lower()}).")


def explorer_tables(kommun: str, tolerance=fu.DEFAULT_TOLERANCE, method: str = "lad",
                    until: int | None = None) -> tuple[pd.DataFrame, str, pd.DataFrame]:
    """The explorer's Swedish scorecard, council summary and adopted targets (no model column ``status``)."""
    name, key = data.kommun_name(kommun), data.version()
    tolerance, method = fu.check_tolerance(tolerance), checks.choice(method, fu.TREND_METHODS)
    until = _checked_until(until)   # one data check: key
    card = scorecard_sv(_scorecard(name, tolerance, method, until, key))
    adopted = _adopted_scorecard(name, None, tolerance, method, until, key).drop(columns="status")
    return card, _council_summary(name, tolerance, method, key), adopted


# ------------------------------------------------------------------ charts
def overview_figure(kommun: str, tolerance=fu.DEFAULT_TOLERANCE, method: str = "lad"):
    """How much of the needed change each trend delivers by the target year (status in text)."""
    card = scorecard(kommun, tolerance, method)
    card = card[card["status"] != fu.STATUS_NO_TARGET].iloc[::-1]
    share = pd.to_numeric(card["share_of_needed_change_pct"]).to_numpy()
    shown = np.clip(share, -100, 200)
    fig, ax = new_figure(height=0.55 * len(card) + 1.6, width=9)
    bars = ax.barh(card.index, shown, color=[STATUS_COLOURS[s] for s in card["status"]],
                   hatch=[STATUS_HATCHES[s] for s in card["status"]], edgecolor="black", linewidth=0.5)
    for bar, value, state in zip(bars, share, card["status"]):
        ax.annotate(f"{fmt_pct(value, 0)}   {STATUS_LABELS[state]}", (215, bar.get_y() + bar.get_height() / 2),
                    va="center", fontsize=9)
    ax.axvline(100, color="black", linewidth=1.2, label="100 %: målet nås")
    ax.axvline((1 - tolerance) * 100, color="black", linestyle="--", linewidth=1,
               label=f"{fmt_pct((1 - tolerance) * 100, 0)}: gräns mellan risk och fel spår")
    ax.axvline(0, color=MUTED, linewidth=0.8)
    ax.set_xlim(min(-10, float(shown.min()) - 10), 330)
    ax.set_ylim(-0.6, len(card) + 0.4)
    ax.set_xticks([t for t in range(-100, 201, 50) if t >= ax.get_xlim()[0]])
    ax.legend(loc="upper right", fontsize=8)
    ax.set_xlabel(f"Andel av behövd förändring till {TARGET_YEAR} som trenden ger (%)")
    ax.grid(axis="y", visible=False)
    ax.set_title(f"{data.kommun_name(kommun)}: styrkort – räcker trenden till målen {TARGET_YEAR}? "
                 f"({METHOD_NAMES[method]})")
    add_source(fig, f"{SOURCES} Staplar utanför −100…200 % kapas; värdet står i texten.")
    return fig


def indicator_figure(kommun: str, name: str, tolerance=fu.DEFAULT_TOLERANCE, method: str = "lad"):
    """One indicator: observed values, both trend lines to 2030 and the target path.

    The figure keeps its artists: :func:`update_indicator_figure` moves it to another kommun,
    indicator, tolerance or method (for the live explorer) instead of drawing a new one.
    """
    fig, ax = new_figure(height=4.1)
    fig.set_layout_engine("none")  # fixed, with room for the widest labels (Luleå's tonnes): updates never re-lay out
    ax.set_position((0.135, 0.135, 0.855, 0.803))
    # the y axis (limits, ticks, label) and the spines over its grid move; the x axis (2015–2030) and the legend
    # under the chart are the same for every indicator (the target's kind is in the note): kept, never redrawn
    parts = {"ax": ax, "title": ax.title, "yaxis": ax.yaxis, "spines": list(ax.spines.values())}
    parts["data"], = ax.plot([], [], color=MAIN, marker="o", linewidth=0, label="Statistik")
    parts["lad"], = ax.plot([], [], linestyle="-", color=MAIN, linewidth=2, label="Trend, medianregression")
    parts["least_squares"], = ax.plot([], [], linestyle="--", color=ACCENT, linewidth=2,
                                      label="Trend, minsta kvadratmetoden")
    parts["path"], = ax.plot([], [], color="black", linestyle=":", marker="s", markersize=3, label="Målvärde per år")
    parts["target"], = ax.plot([], [], marker="*", markersize=14, color="black", linestyle="none",
                               label=f"Mål {TARGET_YEAR}")
    ax.legend(handles=[parts[k] for k in ("data", "lad", "least_squares", "path", "target")], loc="upper center",
              bbox_to_anchor=(0.5, -0.075), ncol=5, fontsize=8, frameon=False)
    ax.set_xlim(TREND_FIRST_YEAR - 0.05 * (TARGET_YEAR - TREND_FIRST_YEAR),
                TARGET_YEAR + 0.05 * (TARGET_YEAR - TREND_FIRST_YEAR))
    add_source(fig, "")
    parts["source"] = fig.texts[-1]
    fig.stratus_indicator_parts = parts
    update_indicator_figure(fig, kommun, name, tolerance, method)
    return fig


def indicator_chart(kommun: str, name: str, tolerance=fu.DEFAULT_TOLERANCE, method: str = "lad") -> FigureChart:
    """:func:`indicator_figure` as a live chart: ``chart.update(kommun, name, tolerance, method)`` moves it."""
    return FigureChart(indicator_figure(kommun, name, tolerance, method), update_indicator_figure, "stratus_indicator_parts",
                       moving_legends=False)


def update_indicator_figure(fig, kommun: str, name: str, tolerance=fu.DEFAULT_TOLERANCE, method: str = "lad"):
    """Move a figure from :func:`indicator_figure` to another indicator and status rule (data, texts, limits)."""
    parts = getattr(fig, "stratus_indicator_parts", None)
    if parts is None:
        raise checks.WrongType(f"fig måste vara en figur från indicator_figure(), fick {checks.show(fig)}.")
    key = data.version()
    item = _indicator(data.kommun_name(kommun), name, None, key)
    tolerance, method = fu.check_tolerance(tolerance), checks.choice(method, fu.TREND_METHODS)
    row = _scorecard(data.kommun_name(kommun), tolerance, method, None, key).loc[name]
    ax = parts["ax"]
    s = item.series[item.series.index >= TREND_FIRST_YEAR]
    parts["data"].set_data(s.index.to_numpy(dtype=float), s.to_numpy(dtype=float))
    last_year, last = int(s.index[-1]), float(s.iloc[-1])
    ends = []
    for key in ("lad", "least_squares"):
        ends.append(float(row[f"projection_{key}"]))
        parts[key].set_data([last_year, TARGET_YEAR], [last, ends[-1]])
    has_target = item.target_value is not None
    path = _target_path(item) if has_target else pd.Series(dtype=float)
    parts["path"].set_data(path.index.to_numpy(dtype=float), path.to_numpy(dtype=float))
    parts["target"].set_data([TARGET_YEAR] if has_target else [], [item.target_value] if has_target else [])
    top = max([float(s.max()), *ends, *path.to_numpy(dtype=float), 1e-9])
    ax.set_ylim(0, item.upper * 1.05 if item.upper else top * 1.05)
    ax.set_ylabel(item.unit)
    swedish_axis(ax.yaxis, decimals=item.decimals if s.max() < 100 else 0)
    place_ylabel(ax)                    # the y axis is drawn in every frame of a live chart: its label placed here
    ax.set_title(f"{data.kommun_name(kommun)}: {name.lower()} – {STATUS_LABELS[row['status']]}")
    parts["source"].set_text(f"Mål: {item.target_text}. Data: {item.data_source}. "
                             "Trender och mål: Stratus egna beräkningar (beräknat).")


# ------------------------------------------------------------------ Excel
def export_xlsx(path, kommun: str, tolerance=fu.DEFAULT_TOLERANCE, method: str = "lad") -> Path:
    """Write the scorecard, the target values per year and the missing KPIs to .xlsx."""
    name = data.kommun_name(kommun)
    card = scorecard_sv(scorecard(name, tolerance, method), numbers=True)
    rule = rule_text(tolerance, method).replace("*", "")
    return write_xlsx(path, {
        "Styrkort": card,
        "Målvärden per år": target_table(name),
        "Saknade nyckeltal": kolada.missing_kpis(),
    }, notes={
        "Styrkort": f"{name}. Värdena anges i enheten i kolumnen Enhet. {rule} {SOURCES} {kolada.KOLADA_ID_SOURCE}",
        "Målvärden per år": "Målvärde per år från senaste året med data till målåret (beräknat). " + SOURCES,
        "Saknade nyckeltal": "Uppgifterna finns inte i bokens data; hämta dem från Kolada. " + kolada.KOLADA_ID_SOURCE,
    })
