"""Explorers of the chapter Transporter (one per lesson; each a pure ``view`` and an ``explorer``)."""
