"""The explorers' preload: every kommun read while an explorer opens, a kommun without data skipped."""
import pytest

from models import data
from models.widgets import _preload


def test_the_preload_skips_a_kommun_it_cannot_read():
    def read(name):
        if name == "Pajala":
            raise ValueError("Pajala saknar sektordata.")
        return name
    done = _preload.read_every_kommun(read)
    assert "Pajala" not in done and len(done) == len(data.KOMMUNER) - 1
    with pytest.raises(KeyError):                              # other errors are not hidden
        _preload.read_every_kommun(lambda name: {}[name])
