"""Live explorers for the notebooks: ``models.widgets.<chapter>.<lesson stem>``.

Each module is a thin ipywidgets layer with one shape: a pure ``view(**controls)`` (tested in
pytest over the whole range of every control) and an ``explorer()`` that wires controls to it.
"""
