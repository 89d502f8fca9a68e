"""Åtgärdsplan's charts write their changing texts (titles, totals) in pieces, so a live update lays out only
the short piece that is new (issue 13): the pieces must read as the one text they stand for."""
import io

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from PIL import Image  # noqa: E402

from models.common.live_figure import LiveFigure  # noqa: E402
from models.lessons.strategi import atgarder  # noqa: E402
from models.widgets.strategi import atgarder as explorer  # noqa: E402

PIECES = ("Åtgärdskostnadskurva (i tur och ordning, sektorsutsläpp ", "Övertorneå", "), kalkylränta ", "10,0 %")


def _png(figure) -> np.ndarray:
    live = LiveFigure(figure)
    try:
        return np.asarray(Image.open(io.BytesIO(live.png())).convert("RGB"))
    finally:
        live.close()


def test_a_title_in_pieces_draws_as_the_whole_title():
    # the same title as one string and as four pieces: the same picture, except that each piece starts on a whole
    # pixel (its letters may sit up to half a pixel from where the whole string puts them)
    curve = atgarder.measures_case("Övertorneå", discount_rate_pct=10.0).curve
    whole = _png(atgarder.macc_figure(curve, "".join(PIECES)))
    pieces = _png(atgarder.macc_figure(curve, PIECES))
    assert whole.shape == pieces.shape
    differ = ~(whole == pieces).all(axis=-1)
    rows = np.nonzero(differ.any(axis=1))[0]
    assert rows.max() < 30                                  # only in the title line, at the top of the picture
    band = slice(0, 30)
    ink_whole, ink_pieces = (255 - image[band].astype(float).mean(axis=(0, 2)) for image in (whole, pieces))
    assert ink_pieces.sum() == pytest.approx(ink_whole.sum(), rel=0.01)          # the same letters
    for start in range(0, whole.shape[1] - 100, 100):                          # at the same places
        shifts = [np.abs(np.roll(ink_pieces[start:start + 100], s) - ink_whole[start:start + 100]).sum()
                  for s in range(-3, 4)]
        assert int(np.argmin(shifts)) - 3 == 0
    plt.close("all")


def test_the_pieces_sit_end_to_end_on_one_line_and_the_axes_keep_the_whole_title():
    curve = atgarder.measures_case("Luleå").curve
    fig = atgarder.macc_figure(curve, PIECES)
    parts = fig.stratus_macc_parts
    assert parts["ax"].get_title() == "".join(PIECES) and not parts["ax"].title.get_visible()
    renderer = fig.canvas.get_renderer()
    boxes = [text.get_window_extent(renderer) for text in parts["heading"]]
    assert [t.get_text() for t in parts["heading"]] == list(PIECES)
    for before, after in zip(boxes, boxes[1:]):
        assert after.x0 == pytest.approx(before.x1, abs=0.5)         # no gap, no overlap
        assert after.y0 == pytest.approx(before.y0, abs=0.5)         # one baseline
    plt.close("all")


def test_the_coverage_totals_read_as_before():
    case = atgarder.measures_case("Kiruna")
    fig = atgarder.coverage_figure(case.coverage, case.gap)
    parts = fig.stratus_coverage_parts
    counted = case.coverage.loc[case.coverage["counted"], "abatement_t_per_year"].sum()
    share = round(100 * counted / case.gap["gap_t_per_year"])
    total = "".join(t.get_text() for t in parts["total_text"]).replace("\u00a0", " ")
    assert total == f"  {round(counted):,} ton/år ({share} % av gapet)".replace(",", " ")
    gap = "".join(t.get_text() for t in parts["gap_text"]).replace("\u00a0", " ")
    assert gap == f"  {round(case.gap['gap_t_per_year']):,} ton/år".replace(",", " ")
    assert parts["ax"].get_title() == "Kiruna: åtgärdernas minskning jämfört med gapet 2030"
    plt.close("all")


def test_the_explorer_titles_name_the_kommun_and_rate_in_their_own_pieces():
    assert explorer._title("Kiruna", 0.04, True) == ("Åtgärdskostnadskurva (i tur och ordning, sektorsutsläpp ",
                                                      "Kiruna", "), kalkylränta ", "4,0 %")
    separate = "".join(explorer._title("Kiruna", 0.105, False))
    assert separate == "Åtgärdskostnadskurva (var för sig), kalkylränta 10,5 %"


@pytest.mark.parametrize("change", [("Jokkmokk", 10.0, 2030), ("Övertorneå", 0.5, 2045)])
def test_a_live_update_of_the_pieces_redraws_like_a_whole_drawing(change, redraws_like_a_whole_drawing):
    luleå = atgarder.measures_case("Luleå")
    other = atgarder.measures_case(change[0], discount_rate_pct=change[1], year=change[2])
    limits = atgarder.macc_limits()
    redraws_like_a_whole_drawing(
        lambda: atgarder.macc_chart(luleå.curve, explorer._title("Luleå", 0.04, True), limits),
        lambda c: c.update(other.curve, explorer._title(change[0], change[1] / 100, True), limits))
    redraws_like_a_whole_drawing(
        lambda: atgarder.coverage_chart(luleå.coverage, luleå.gap, atgarder.coverage_limit("Luleå")),
        lambda c: c.update(other.coverage, other.gap, atgarder.coverage_limit(change[0])))


def test_a_title_of_bad_pieces_is_refused():
    curve = atgarder.measures_case("Luleå").curve
    with pytest.raises(TypeError, match="textbitar"):
        atgarder.macc_figure(curve, ("Kurva", 4))
    with pytest.raises(ValueError, match="för lång"):
        atgarder.macc_figure(curve, ("x" * 150, "y" * 60))
    plt.close("all")
