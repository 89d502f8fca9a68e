"""models.common.vega: the HTML a static-site chart is made of (the browser side is tested
in tests/site/test_charts.py)."""
from __future__ import annotations

import base64
import json
import re

import pandas as pd
import pytest

from models.common import vega
from models.common.formatting import fmt_number, fmt_pct

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16  # enough for the signature check


def _spec(**extra):
    spec = {"data": {"values": [{"kommun": "Luleå", "x": 1, "y": 2}]}, "mark": "point",
            "encoding": {"x": {"field": "x", "type": "quantitative"}}}
    spec.update(extra)
    return spec


def _chart(spec=None, **kwargs):
    options = dict(name="test", description="Ett diagram.", fallback_png=PNG, fallback_alt="En bild.")
    options.update(kwargs)
    return vega.chart(spec if spec is not None else _spec(), **options)


def _embedded(html: str, cls: str) -> dict:
    match = re.search(rf'<script type="application/json" class="{cls}">(.*?)</script>', html, re.S)
    assert match, cls
    return json.loads(match.group(1))


def test_spec_travels_as_json_that_cannot_end_its_script_element():
    label = "Tonnes </script><script>alert(1)</script> & <!-- mer"
    spec = _spec(encoding={"x": {"field": "x", "type": "quantitative", "title": label}})
    html = _chart(spec).html
    assert html.count("</script>") == 2  # the spec's and the options' own end tags only
    assert "<!--" not in html
    assert _embedded(html, "stratus-chart-spec")["encoding"]["x"]["title"] == label


def _heading(html: str) -> str | None:
    match = re.search(r'<div class="stratus-chart-heading" hidden>(.*?)</div>', html)
    return match and match.group(1)


def test_title_and_subtitle_become_html_above_the_chart_and_leave_the_spec():
    chart = _chart(_spec(title={"text": "Utsläpp <i>&</i> mål", "subtitle": ["Två rader", "blir en."]}))
    assert "title" not in chart.spec
    assert _heading(chart.html) == ('<p class="stratus-chart-title">Utsläpp &lt;i&gt;&amp;&lt;/i&gt; mål</p>'
                                    '<p class="stratus-chart-subtitle">Två rader blir en.</p>')
    # Above the chart, below the controls.
    assert chart.html.index("stratus-chart-controls") < chart.html.index("stratus-chart-heading") \
        < chart.html.index("stratus-chart-view")
    assert _heading(_chart(_spec(title="Bara rubrik")).html) == '<p class="stratus-chart-title">Bara rubrik</p>'
    assert _heading(_chart().html) is None


def test_a_title_expression_becomes_a_param_the_heading_follows():
    chart = _chart(_spec(title={"text": {"expr": "kommun + ': utsläpp'"}, "subtitle": "Källa: SMHI."}))
    assert {"name": vega.TITLE_PARAM, "expr": "kommun + ': utsläpp'"} in chart.spec["params"]
    assert _heading(chart.html) == (f'<p class="stratus-chart-title" data-signal="{vega.TITLE_PARAM}"></p>'
                                    '<p class="stratus-chart-subtitle">Källa: SMHI.</p>')
    with pytest.raises(ValueError, match="finns redan"):
        _chart(_spec(title={"text": {"expr": "'a'"}}, params=[{"name": vega.TITLE_PARAM, "value": 1}]))
    with pytest.raises(ValueError, match="rubrik"):
        _chart(_spec(title={"text": {"signal": "'a'"}}))
    with pytest.raises(TypeError, match="Underrubriken"):
        _chart(_spec(title={"text": "A", "subtitle": 3}))


def test_legends_stack_under_the_chart_with_labels_no_wider_than_the_plot():
    legend = _chart().spec["config"]["legend"]
    assert legend["orient"] == "bottom" and legend["columns"] == 1
    assert legend["layout"] == {"bottom": {"direction": "vertical", "anchor": "start"}}
    assert "width" in legend["labelLimit"]["expr"]


def test_output_is_a_figure_with_id_caption_fallback_and_options():
    chart = _chart(caption="Figurtext & mer")
    html = chart.html
    assert chart._repr_html_() == html
    assert html.startswith('<figure class="stratus-chart" id="stratus-chart-test" data-stratus-chart="test"')
    assert "<figcaption>Figurtext &amp; mer</figcaption>" in html
    src = re.search(r'<img class="stratus-chart-fallback" src="data:image/png;base64,([^"]+)" alt="En bild.">', html)
    assert src and base64.b64decode(src.group(1)) == PNG
    options = _embedded(html, "stratus-chart-options")
    assert options["renderer"] == "svg" and options["actions"] is False and options["mode"] == "vega-lite"
    # No CDN and no require.js: the page's own vega-embed draws the chart.
    assert "http" not in html.replace("https://vega.github.io/schema", "")
    assert "require" not in html


def test_description_is_the_charts_aria_label_and_default_caption():
    html = _chart().html
    assert _embedded(html, "stratus-chart-spec")["description"] == "Ett diagram."
    assert "<figcaption>Ett diagram.</figcaption>" in html


def test_swedish_locale_is_the_books_number_format():
    """The browser's d3 locale uses the very symbols of models.common.formatting."""
    loc = vega.NUMBER_LOCALE
    assert (loc["decimal"], loc["thousands"], loc["minus"], loc["grouping"]) == (",", "\u00a0", "\u2212", [3])
    assert fmt_number(-1234.5, 1) == f"{loc['minus']}1{loc['thousands']}234{loc['decimal']}5"
    assert fmt_pct(45.0, 1) == "45,0" + loc["percent"]
    assert loc["currency"] == ["", "\u00a0kr"]
    assert vega.TIME_LOCALE["months"][0] == "januari" and len(vega.TIME_LOCALE["shortMonths"]) == 12


def test_keys_become_params_and_a_definition_list():
    key = vega.Key("gap", "Gap till målet", "1000 - 200", format=",.1f", unit="ton", missing="ingen data")
    chart = _chart(keys=[key])
    params = {p["name"]: p for p in chart.spec["params"]}
    assert params["key_gap"]["expr"] == "1000 - 200"
    assert params["key_gap_text"]["expr"] == "isValid(key_gap) && isFinite(key_gap) ? format(key_gap, ',.1f') : null"
    assert chart.key_names == ("gap",)
    assert ('<dd data-key="gap" data-unit="ton" data-missing="ingen data">ingen data</dd>') in chart.html
    assert "<dt>Gap till målet</dt>" in chart.html
    assert 'aria-live="polite"' in chart.html


def test_lookup_is_an_object_literal_keyed_like_javascript():
    table = pd.DataFrame({"kommun": ["Luleå", "Luleå", "Pajala"], "year": [2024, 2025.0, 2024],
                          "share": [0.5, 0.25, 2.0], "t": [1.5, float("nan"), 3]})
    expr = vega.lookup(table, ["kommun", "year"], "t")
    literal, index = re.fullmatch(r"\((.*)\)\[(.*)\]", expr).groups()
    assert json.loads(literal) == {"Luleå|2024": 1.5, "Luleå|2025": None, "Pajala|2024": 3}
    assert index == 'kommun + "|" + year'
    # Fractions keep their shortest form, as JavaScript's String(0.25) does.
    assert json.loads(vega.lookup(table, ["share"], "t")[1:].split(")[")[0]) == {"0.5": 1.5, "0.25": None, "2": 3}


@pytest.mark.parametrize("value, text", [(True, "true"), (False, "false"), (3, "3"), (3.0, "3"),
                                         (0.1, "0.1"), (0.055, "0.055"), ("Älvsbyn", "Älvsbyn")])
def test_js_key(value, text):
    assert vega.js_key(value) == text


def test_lookup_refuses_duplicates_and_missing_columns():
    table = pd.DataFrame({"kommun": ["Luleå", "Luleå"], "t": [1, 2]})
    with pytest.raises(ValueError, match="flera gånger"):
        vega.lookup(table, ["kommun"], "t")
    with pytest.raises(ValueError, match="saknar kolumnerna"):
        vega.lookup(table, ["kommun"], "rate")


def test_match_filters_on_each_param():
    assert vega.match("kommun", "metod") == "datum[\"kommun\"] == kommun && datum[\"metod\"] == metod"
    assert vega.match("start", field_names={"start": "start_year"}) == "datum[\"start_year\"] == start"


def test_controls():
    kommun = vega.kommun_param(["Luleå", "Pajala"], "Pajala")
    assert kommun == {"name": "kommun", "value": "Pajala",
                      "bind": {"input": "select", "options": ["Luleå", "Pajala"], "name": "Kommun"}}
    radio = vega.radio_param("metod", ["a", "b"], "b", "Metod", labels=["Metod A", "Metod B"])
    assert radio["bind"] == {"input": "radio", "options": ["a", "b"], "name": "Metod", "labels": ["Metod A", "Metod B"]}
    rate = vega.range_param("rate", 0, 0.2, 0.01, 0.05, "Takt", format=".0%")
    chart = _chart(_spec(params=[kommun, rate]))
    params = {p["name"]: p for p in chart.spec["params"]}
    assert params["rate"] == {"name": "rate", "value": 0.05,
                              "bind": {"input": "range", "min": 0, "max": 0.2, "step": 0.01, "name": "Takt"}}
    assert params["rate_text"] == {"name": "rate_text", "expr": "format(rate, '.0%')"}
    assert chart.spec["usermeta"]["stratus"]["formatted"] == ["rate"]


@pytest.mark.parametrize("call, message", [
    (lambda: vega.select_param("metod", ["a"], "b", "Metod"), "finns inte bland valen"),
    (lambda: vega.select_param("metod", [], "b", "Metod"), "minst ett val"),
    (lambda: vega.select_param("metod", ["a", "b"], "a", "Metod", labels=["A"]), "1 etiketter för 2 val"),
    (lambda: vega.select_param("Metod", ["a"], "a", "Metod"), "små bokstäver"),
    (lambda: vega.select_param("case", ["a"], "a", "Fall"), "reserverat"),
    (lambda: vega.select_param("metod", ["a"], "a", " "), "inte är tom"),
    (lambda: vega.range_param("rate", 1, 0, 0.1, 0.5, "Takt"), "min < max"),
    (lambda: vega.range_param("rate", 0, 1, 0, 0.5, "Takt"), "steg > 0"),
    (lambda: vega.range_param("rate", 0, 1, 0.1, 2, "Takt"), "startvärde"),
    (lambda: vega.range_param("rate", 0, 1, 0.1, 0.5, "Takt", format="'"), "d3-format"),
    (lambda: vega.Key("gap", "Gap", "1", format="x'y"), "d3-format"),
    (lambda: vega.Key("gap", "", "1"), "inte är tom"),
    (lambda: vega.match(), "minst en parameter"),
    (lambda: _chart(name="Mitt diagram"), "Diagrammets namn"),
    (lambda: _chart(fallback_png=b"GIF89a"), "PNG-bild"),
    (lambda: _chart(fallback_alt=""), "Alt-texten"),
    (lambda: _chart(keys=[vega.Key("a", "A", "1"), vega.Key("a", "B", "2")]), "samma namn"),
    (lambda: _chart(_spec(params=[{"name": "key_a", "value": 1}]), keys=[vega.Key("a", "A", "1")]), "finns redan"),
])
def test_bad_arguments_give_swedish_value_errors(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_wrong_types():
    with pytest.raises(TypeError, match="Vega-Lite"):
        _chart(spec="{}")
    with pytest.raises(TypeError, match="Key-objekt"):
        _chart(keys=["gap"])
    with pytest.raises(TypeError):
        vega.js_key([1])


def test_inline_data_is_capped():
    rows = [{"x": i} for i in range(vega.MAX_ROWS + 1)]
    with pytest.raises(ValueError, match="summera data"):
        _chart(_spec(data={"values": rows}))
    assert _chart(_spec(data={"values": rows[:-1]}))  # exactly the cap is fine
    with pytest.raises(ValueError, match="summera data"):
        _chart({"datasets": {"a": rows[:3000], "b": rows[:3000]}, "mark": "point"})


def test_altair_chart_is_accepted_and_its_datasets_counted():
    import altair as alt

    frame = pd.DataFrame({"kommun": ["Luleå", "Pajala"], "t": [1.0, None]})
    chart = _chart(alt.Chart(frame).mark_bar().encode(x="kommun:N", y="t:Q"))
    datasets = chart.spec["datasets"]
    assert [row["t"] for rows in datasets.values() for row in rows] == [1.0, None]
    assert chart.spec["$schema"].endswith("v6.4.1.json")  # the vega-lite the site serves


def test_book_palette_in_config():
    chart = _chart(_spec(config={"axis": {"grid": False}}))
    assert chart.spec["config"]["range"]["category"][0] == "#0072B2"
    assert chart.spec["config"]["axis"] == {"grid": False}


def test_mapping_and_lookup_param():
    expr = vega.mapping({"history": "Utfall", 2024: "År"}, "datum.serie")
    literal, key = re.fullmatch(r"\((.*)\)\[(.*)\]", expr).groups()
    assert json.loads(literal) == {"history": "Utfall", "2024": "År"} and key == "datum.serie"
    table = pd.DataFrame({"kommun": ["Luleå", "Pajala"], "a": [1.5, float("nan")], "b": ["x", "y"]})
    param, columns = vega.lookup_param("rad", table, ["kommun"], ["a", "b"])
    literal, index = re.fullmatch(r"\((.*)\)\[(.*)\]", param["expr"]).groups()
    assert param["name"] == "rad" and index == "kommun"
    assert json.loads(literal) == {"Luleå": [1.5, "x"], "Pajala": [None, "y"]}
    assert columns == {"a": "(rad ? rad[0] : null)", "b": "(rad ? rad[1] : null)"}
    with pytest.raises(ValueError, match="saknar kolumnerna"):
        vega.lookup_param("rad", table, ["kommun"], ["c"])
    with pytest.raises(ValueError, match="minst ett värde"):
        vega.mapping({}, "datum.serie")


def test_text_key_shows_the_string_itself():
    key = vega.Key("sektor", "Största sektor", "'Transporter'", format=None)
    text = {p["name"]: p for p in key.params()}["key_sektor_text"]["expr"]
    assert text == "isValid(key_sektor) && key_sektor !== '' ? '' + key_sektor : null"


def test_nan_in_a_hand_written_spec_becomes_null_and_charts_relayout():
    import numpy as np

    chart = _chart(_spec(data={"values": [{"x": float("nan"), "y": np.float64(2.5), "n": np.int64(3)}]}))
    assert chart.spec["data"]["values"] == [{"x": None, "y": 2.5, "n": 3}]
    assert chart.spec["autosize"] == {"type": "fit", "contains": "padding"}


def test_fallback_png_is_a_small_png():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 4))
    ax.plot([1, 2], [3, 4])
    png = vega.fallback_png(fig)
    assert png.startswith(b"\x89PNG")
    width = int.from_bytes(png[16:20], "big")
    assert width <= 8 * 60 + 10  # 60 dpi, not the figure's 100
    assert not plt.fignum_exists(fig.number)


# ----------------------------------------------------------------------------- issue 14, class 7: wrong types
@pytest.mark.parametrize("call", [
    lambda: vega.select_param("val", None, "a", "Val"),
    lambda: vega.radio_param("val", "ab", "a", "Val"),
    lambda: vega.kommun_param(None, "Luleå"),
    lambda: vega.lookup_param("rad", None, ["kommun"], ["a"]),
    lambda: vega.fallback_png(None),
])
def test_wrong_types_give_our_own_swedish_type_error(call):
    with pytest.raises(TypeError) as info:
        call()
    assert "måste vara" in str(info.value)


def test_select_param_refuses_nan_and_repeated_options():
    with pytest.raises(ValueError, match="odefinierade"):
        vega.select_param("val", ["a", float("nan")], "a", "Val")
    with pytest.raises(ValueError, match="flera gånger"):
        vega.select_param("val", ["a", "a"], "a", "Val")
