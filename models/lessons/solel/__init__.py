"""Lesson modules of the chapter *Solel* (one per lesson) and :mod:`.platser`, the kommun-named
entry points they share (typical year, prepared site, yield)."""
