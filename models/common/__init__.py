"""Helpers shared by every chapter; they import nothing else from ``models``.

* :mod:`~models.common.formatting` – Swedish numbers and percentages;
* :mod:`~models.common.checks` – argument checks with Swedish ``ValueError``/``TypeError``;
* :mod:`~models.common.plotting` – the book's figure style (Okabe–Ito palette) and PNG rendering;
* :mod:`~models.common.tables` – Swedish-formatted tables for the page;
* :mod:`~models.common.export` – atomic Excel export;
* :mod:`~models.common.widgets` – kommun dropdown, chart cache, file upload for the explorers.
"""
