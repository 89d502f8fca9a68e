"""The explorers' last step, ``opened``: the garbage collected, the live objects frozen, nothing leaked."""
from __future__ import annotations

import gc
import weakref

import ipywidgets as widgets
import pytest

from models.common import checks
from models.common.widgets import opened


class Node:
    """An object in a reference cycle: only the cyclic garbage collector can free it."""

    def __init__(self):
        self.me = self


def test_an_opened_explorer_leaves_the_live_objects_out_of_later_collections():
    root = widgets.VBox()
    gone = Node()
    dead = weakref.ref(gone)
    del gone
    assert opened(root) is root
    assert dead() is None                                   # the garbage from before was collected
    assert gc.get_freeze_count() > 0                        # what lives is frozen


def test_garbage_of_a_frozen_object_is_collected_at_the_next_opening():
    kept = Node()
    ref = weakref.ref(kept)
    opened(widgets.VBox())                                  # kept is alive, and frozen
    del kept
    gc.collect()
    assert ref() is not None                                # frozen: the collector does not see it
    opened(widgets.VBox())                                  # the next explorer unfreezes first
    assert ref() is None


def test_only_a_widget_opens():
    with pytest.raises(checks.WrongType, match="utforskarens widget"):
        opened("VBox")
