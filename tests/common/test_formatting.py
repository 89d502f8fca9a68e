"""Swedish number formatting (models.common.formatting): no-break thousands space, decimal comma,
a real minus sign (U+2212), "–" for a missing value (Språkrådet, Svenska skrivregler, 2017)."""
import math

import pytest

from models.common.formatting import MINUS, NBSP, fmt_auto, fmt_number, fmt_pct, fmt_plain


def test_swedish_number_format():
    assert fmt_number(2995747.739) == "2\u00a0995\u00a0748"
    assert fmt_number(37.61, 1) == "37,6"
    assert fmt_pct(-4.54) == "−4,5\u00a0%"
    assert fmt_pct(0.753, 2, signed=True) == "+0,75\u00a0%"


def test_negative_numbers_get_a_real_minus_sign_never_a_hyphen():
    assert MINUS == "\u2212" and NBSP == "\u00a0"
    assert fmt_number(-1234567.5) == "\u22121\u00a0234\u00a0568"
    assert fmt_number(-4.25, 1) in ("\u22124,2", "\u22124,3")  # binary -4.25 rounds either way
    assert fmt_number(-93291.256, 1) == "\u221293\u00a0291,3"
    for value in (-0.5, -12.0, -1e6, -3.14159):
        assert "-" not in fmt_number(value, 2)
        assert "-" not in fmt_pct(value, 2, signed=True)


def test_missing_values_and_signs():
    assert fmt_number(None) == "–"
    assert fmt_number(float("nan"), 2) == "–"
    assert fmt_pct(math.nan) == "–"
    assert fmt_number(5, signed=True) == "+5"
    assert fmt_number(-5, signed=True) == "\u22125"
    # rounds to zero: no sign at all
    assert fmt_number(-0.04, 1) == "0,0"
    assert fmt_number(0.04, 1, signed=True) == "0,0"


@pytest.mark.parametrize("value, text", [(1500000, "1\u00a0500\u00a0000"), (2.5, "2,5"), (-2.25, "\u22122,2")])
def test_fmt_auto(value, text):
    # -2.25 -> one decimal, round-half-even in binary: -2.2
    assert fmt_auto(value) == text


def test_fmt_plain_has_no_thousands_separator():
    assert fmt_plain(2.5) == "2,5"
    assert fmt_plain(1500000) == "1500000"
    assert fmt_plain(-0.25) == "\u22120,25"
    # whole numbers too get a real minus sign, as every other number the book writes
    assert fmt_plain(-1) == "\u22121" and fmt_plain(-300000.0) == "\u2212300000"


@pytest.mark.parametrize("function", [fmt_number, fmt_auto, fmt_plain])
def test_ints_beyond_float_range_print_as_infinity_not_overflow(function):
    # issue 14, class 6: 10**400 raised OverflowError inside the NaN check
    assert function(10 ** 400) == "∞"
    assert function(-(10 ** 400)) == "\u2212∞"
