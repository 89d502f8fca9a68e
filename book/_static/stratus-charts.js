/* Stratus: interactive charts on the static site (no kernel, nothing from another host).
 *
 * Every lesson chart is a <figure class="stratus-chart"> written by models/common/vega.py:
 * the Vega-Lite spec and the embedding options as JSON, a container for the controls, the
 * chart's title as HTML, a <dl> of key numbers and a fallback PNG. This script (loaded with `defer` after
 * vega, vega-lite and vega-embed, which the site serves itself) draws each chart as SVG,
 * writes the key numbers whenever a control moves, and remembers the reader's kommun in
 * localStorage so every chart on every page opens on it.
 *
 * For the tests and the benchmark: each figure gets data-state="ready" (or "error"), and
 * window.stratusCharts holds {name, view, figure} for every chart drawn;
 * window.stratusChartsReady is a promise that settles when all charts on the page have;
 * window.stratusChartsIdle() one that settles when every chart has redrawn after a change.
 */
(function () {
  "use strict";
  var STORAGE_KEY = "stratus-kommun";
  var KOMMUN = "kommun";
  var NBSP = "\u00a0";
  var charts = [];
  window.stratusCharts = charts;

  /* Work that a signal listener starts (another chart's kommun, a new layout) runs in a task
   * of its own: vega must not be asked to run while it is running. */
  var pending = [];
  function later(work) {
    var done = new Promise(function (resolve) {
      window.setTimeout(function () { Promise.resolve(work()).then(resolve, resolve); }, 0);
    });
    pending.push(done);
    done.then(function () { pending.splice(pending.indexOf(done), 1); });
  }

  /* Vega's fit layout sizes the plot from what it drew at the old size (labels, a centred axis
   * title), so one pass may leave a label over the edge: fit again until the width holds. */
  function settle(view, width, passes) {
    if (view.width() === width || passes < 1) return Promise.resolve();
    var now = view.width();
    return view.resize().runAsync().then(function () { return settle(view, now, passes - 1); });
  }

  /* Mark the layout for a new fit in the run that is about to happen; the returned function
   * settles it afterwards, if that fit moved the width. */
  function refit(view) {
    var width = view.width();
    view.resize();
    return function () { return settle(view, width, 3); };
  }

  /* For the tests and the benchmark: settles when every chart has finished redrawing. */
  window.stratusChartsIdle = function () {
    return new Promise(function (resolve) { window.setTimeout(resolve, 0); })
      .then(function () { return Promise.all(pending.slice()); })
      .then(function () { return Promise.all(charts.map(function (c) { return c.view.runAsync(); })); })
      .then(function () { return pending.length ? window.stratusChartsIdle() : true; });
  };

  /* A link such as lektion.html?kommun=Pajala (from the kommun profiles) chooses the kommun,
   * and it is remembered like a choice made in a chart. */
  function kommunFromLink() {
    try { return new URLSearchParams(window.location.search).get(KOMMUN); } catch (e) { return null; }
  }

  function storedKommun() {
    try { return window.localStorage.getItem(STORAGE_KEY); } catch (e) { return null; }
  }

  function storeKommun(value) {
    try { window.localStorage.setItem(STORAGE_KEY, value); } catch (e) { /* private mode */ }
  }

  function readJson(figure, cls) {
    var node = figure.querySelector("script." + cls);
    return node ? JSON.parse(node.textContent) : null;
  }

  /* Start the kommun control on the reader's kommun, if this chart offers it. */
  function applyStoredKommun(spec) {
    var linked = kommunFromLink();
    var saved = storedKommun();
    (spec.params || []).forEach(function (param) {
      if (param.name !== KOMMUN || !param.bind) return;
      var options = param.bind.options || [];
      if (linked && options.indexOf(linked) >= 0) {
        param.value = linked;
        storeKommun(linked);
      } else if (saved && options.indexOf(saved) >= 0) {
        param.value = saved;
      }
    });
  }

  function hasSignal(view, name) {
    try { view.signal(name); return true; } catch (e) { return false; }
  }

  function writeKeys(figure, view) {
    figure.querySelectorAll("dd[data-key]").forEach(function (dd) {
      var name = "key_" + dd.getAttribute("data-key");
      var raw = view.signal(name);
      var text = view.signal(name + "_text");
      var unit = dd.getAttribute("data-unit");
      if (text === null || text === undefined) {
        dd.textContent = dd.getAttribute("data-missing") || "–";
        dd.removeAttribute("data-value");
      } else {
        dd.textContent = unit ? text + NBSP + unit : text;
        dd.setAttribute("data-value", String(raw));
      }
    });
  }

  /* Show a signal's value as a node's text, now and whenever it changes; returns the writer. */
  function showSignal(view, name, node) {
    var write = function () { node.textContent = view.signal(name); };
    view.addSignalListener(name, write);
    write();
    return write;
  }

  /* A title written as an expression (models/common/vega.py: _heading) follows its signal. */
  function writeTitle(figure, view) {
    var title = figure.querySelector(".stratus-chart-title[data-signal]");
    if (title) showSignal(view, title.getAttribute("data-signal"), title);
  }

  /* Radio buttons as one named group; slider values in Swedish (the params listed in
   * usermeta.stratus.formatted have a <name>_text signal, written by models/common/vega.py). */
  function labelControls(figure, view, spec) {
    figure.querySelectorAll(".stratus-chart-controls .vega-bind").forEach(function (bind, i) {
      if (!bind.querySelector("input[type=radio]")) return;
      var name = bind.querySelector(".vega-bind-name");
      var group = bind.querySelector(".vega-bind-radio") || bind;
      if (name) {
        name.id = figure.id + "-control-" + i;
        group.setAttribute("aria-labelledby", name.id);
      }
      group.setAttribute("role", "radiogroup");
    });
    var formatted = ((spec.usermeta || {}).stratus || {}).formatted || [];
    formatted.forEach(function (param) {
      var input = figure.querySelector(".stratus-chart-controls input[name='" + param + "']");
      var output = input && input.nextElementSibling;
      if (!output) return;
      var write = showSignal(view, param + "_text", output);
      input.addEventListener("input", function () { window.requestAnimationFrame(write); });
    });
  }

  /* Keep every other chart on the page on the same kommun. */
  function followKommun(source, value) {
    charts.forEach(function (chart) {
      if (chart.view === source || !hasSignal(chart.view, KOMMUN)) return;
      if (chart.view.signal(KOMMUN) !== value && chart.kommuner.indexOf(value) >= 0) {
        later(function () {
          var settled = refit(chart.view);
          return chart.view.signal(KOMMUN, value).runAsync().then(settled);
        });
      }
    });
  }

  function drawChart(figure) {
    var spec = readJson(figure, "stratus-chart-spec");
    var options = readJson(figure, "stratus-chart-options") || {};
    var controls = figure.querySelector(".stratus-chart-controls");
    var kommunParam = (spec.params || []).filter(function (p) { return p.name === KOMMUN && p.bind; })[0];
    var keys = figure.querySelector(".stratus-chart-keys");
    var heading = figure.querySelector(".stratus-chart-heading");
    applyStoredKommun(spec);
    options.bind = controls;
    /* Show the controls and key numbers first: "container" width is measured when drawn. */
    controls.hidden = false;
    if (keys) keys.hidden = false;
    if (heading) heading.hidden = false;
    figure.setAttribute("data-state", "drawing");
    return window.vegaEmbed(figure.querySelector(".stratus-chart-view"), spec, options).then(function (result) {
      var view = result.view;
      var chart = {name: figure.getAttribute("data-stratus-chart"), view: view, figure: figure,
                   kommuner: kommunParam ? kommunParam.bind.options : []};
      charts.push(chart);
      labelControls(figure, view, spec);
      writeTitle(figure, view);
      /* One accessible image with the chart's description (vega's own ARIA marks describe
       * every data point, which is noise for a screen reader here). */
      var container = figure.querySelector(".stratus-chart-view");
      container.setAttribute("role", "img");
      container.setAttribute("aria-label", spec.description || "");
      figure.querySelectorAll("dd[data-key]").forEach(function (dd) {
        view.addSignalListener("key_" + dd.getAttribute("data-key") + "_text", function () {
          writeKeys(figure, view);
        });
      });
      /* A control can change the axis labels (another kommun, another view), so the layout is
       * marked for a new fit before vega's own handler runs the change (listening in the capture
       * phase): long labels then move the plot instead of being cut, in the same redraw. */
      ["input", "change"].forEach(function (type) {
        controls.addEventListener(type, function () {
          var settled = refit(view);
          later(function () { return view.runAsync().then(settled); });
        }, true);
      });
      if (kommunParam) {
        view.addSignalListener(KOMMUN, function (name, value) {
          storeKommun(value);
          followKommun(view, value);
        });
      }
      writeKeys(figure, view);
      return settle(view, null, 3).then(function () {
        figure.setAttribute("data-state", "ready");
        return chart;
      });
    }).catch(function (error) {
      figure.setAttribute("data-state", "error");
      var note = document.createElement("p");
      note.className = "stratus-chart-error";
      note.textContent = "Det interaktiva diagrammet kunde inte visas. Bilden visar standardvalen.";
      figure.insertBefore(note, figure.querySelector(".stratus-chart-fallback"));
      console.error("Stratus: diagrammet " + figure.id + " kunde inte ritas: " + error);
    });
  }

  function drawAll() {
    var figures = Array.prototype.slice.call(document.querySelectorAll("figure.stratus-chart"));
    if (!figures.length) return Promise.resolve([]);
    if (typeof window.vegaEmbed !== "function") {
      figures.forEach(function (f) { f.setAttribute("data-state", "error"); });
      console.error("Stratus: vega-embed saknas på sidan; diagrammen visas som bilder.");
      return Promise.resolve([]);
    }
    /* One after the other: the first chart the reader sees is ready soonest. */
    return figures.reduce(function (done, figure) {
      return done.then(function () { return drawChart(figure); });
    }, Promise.resolve()).then(function () { return charts; });
  }

  /* Draw after the page is parsed and in a task of its own, so the page is never held up
   * by the charts (vega's work runs in promise callbacks). */
  window.stratusChartsReady = new Promise(function (resolve) {
    var start = function () { window.setTimeout(function () { drawAll().then(resolve); }, 0); };
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", start);
    } else {
      start();
    }
  });
})();
