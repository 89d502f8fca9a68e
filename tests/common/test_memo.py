"""The bounded least-recently-used memo every cache of the book uses (models.common.memo), checked by hand."""
from __future__ import annotations

import pytest

from models.common.checks import WrongType
from models.common.memo import Memo


def counting(results: dict):
    """make() functions that record each call, so hits and misses can be counted."""
    calls = []

    def make(key):
        def build():
            calls.append(key)
            return results[key]
        return build

    return make, calls


def test_a_hit_returns_the_kept_value_without_making_it_again():
    memo = Memo(2)
    make, calls = counting({"a": 1, "b": 2})
    assert memo.get("a", make("a")) == 1
    assert memo.get("a", make("a")) == 1
    assert memo.get("b", make("b")) == 2
    assert memo.get("a", lambda: 1 / 0) == 1          # a hit never calls make
    assert calls == ["a", "b"]                       # two misses, two hits
    assert len(memo) == 2 and "a" in memo and "b" in memo and "c" not in memo


def test_the_least_recently_used_falls_out_first_and_on_evict_gets_its_value():
    evicted = []
    memo = Memo(2, on_evict=evicted.append)
    memo.get("a", lambda: "A")
    memo.get("b", lambda: "B")
    memo.get("a", lambda: "?")                       # a is now the most recent: b is the oldest
    memo.get("c", lambda: "C")                       # past the bound: b falls out
    assert evicted == ["B"]
    assert "b" not in memo and memo["a"] == "A" and memo["c"] == "C"
    memo.get("d", lambda: "D")                       # then a (c was used after it)
    assert evicted == ["B", "A"] and list(memo.values()) == ["C", "D"]
    assert len(memo) == 2                            # never more than the bound


def test_put_replaces_and_counts_as_a_use_touch_moves_a_key_up():
    evicted = []
    memo = Memo(3, on_evict=evicted.append)
    for key in "abc":
        memo.put(key, key.upper())
    memo.put("a", "A2")                              # replaced, now the most recent: order b, c, a
    memo.touch("b")                                  # order c, a, b
    memo.touch("x")                                  # nothing kept for x: nothing happens
    memo.put("d", "D")                               # c falls out
    assert evicted == ["C"] and list(memo.values()) == ["A2", "B", "D"]
    assert memo["a"] == "A2" and list(memo.values()) == ["A2", "B", "D"]    # [] only reads: order kept


def test_clear_forgets_everything_and_tells_on_evict_oldest_first():
    evicted = []
    memo = Memo(4, on_evict=evicted.append)
    for key in "abc":
        memo.get(key, lambda k=key: k)
    memo.clear()
    assert evicted == ["a", "b", "c"] and len(memo) == 0
    assert memo.get("a", lambda: "new") == "new"     # made again after clear


def test_a_failed_make_keeps_nothing():
    memo = Memo(2)
    with pytest.raises(ZeroDivisionError):
        memo.get("a", lambda: 1 / 0)
    assert "a" not in memo and len(memo) == 0


def test_a_size_of_one_keeps_only_the_last():
    memo, made = Memo(1), []
    for key in ("a", "b", "a"):
        memo.get(key, lambda k=key: made.append(k) or k)
    assert made == ["a", "b", "a"] and list(memo.values()) == ["a"]


@pytest.mark.parametrize("size", [0, -3, 10_001, 2.5, float("nan")])
def test_a_bad_size_gives_a_swedish_value_error(size):
    with pytest.raises(ValueError, match="size \\(antal sparade värden\\)"):
        Memo(size)


@pytest.mark.parametrize("size", ["8", None, [8]])
def test_a_size_that_is_no_number_gives_a_type_error(size):
    with pytest.raises(TypeError, match="size \\(antal sparade värden\\) måste vara ett heltal"):
        Memo(size)


def test_what_is_not_callable_gives_a_swedish_type_error():
    with pytest.raises(WrongType, match="on_evict måste vara en funktion"):
        Memo(2, on_evict="stäng")
    memo = Memo(2)
    with pytest.raises(TypeError, match="make måste vara en funktion"):
        memo.get("a", 42)
    assert memo.get("a", lambda: 1) == 1 and memo.get("a", 42) == 1      # a hit does not need make
    with pytest.raises(TypeError, match="Nyckeln .* måste vara oföränderlig"):
        memo.get(["a"], lambda: 1)
    with pytest.raises(TypeError, match="Nyckeln .* måste vara oföränderlig"):
        memo.put({"a": 1}, 1)
