"""Explorers of the chapter *Solel*: one thin module per lesson (``view`` + ``explorer``)."""
