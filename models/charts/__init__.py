"""Static-site twins of the lesson explorers: one Vega-Lite chart per lesson (see models.common.vega).

``models/charts/<chapter>/<stem>.py`` holds a ``chart()`` that builds the spec from the
lesson module's functions over the 14 kommuner and the lesson's main controls. No model
logic lives here.
"""
