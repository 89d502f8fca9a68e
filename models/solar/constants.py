"""Constants of the chapter *Solel*, each once, with its source and year.

Source tags as in the book's reference pack: [P] primary/official, [S] secondary, [C] code or
package documentation. Values marked *(computed)* were calculated from a cited file or package;
values marked *assumption* are the book's own modelling choices, stated as such in the lessons.
"""
from __future__ import annotations

from types import MappingProxyType

# ----------------------------------------------------------------------------- time
#: Time zone of every hourly series in the chapter.
TZ = "Europe/Stockholm"
#: Standard time (UTC+1, no summer time), the time of the EPW file's months, days and hours.
STANDARD_TZ = "Etc/GMT-1"
#: The calendar year the typical year is placed in (any non-leap year; 2023 as in the sun table
#: of the chapter intro, computed with pvlib for 2023).
YEAR = 2023
HOURS_PER_YEAR = 8760
MONTHS_SV = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")

# ----------------------------------------------------------------------------- Luleå typical year
#: Luleå airport TMYx 2009–2023, Climate.OneBuilding.org (NCEI ISD + ERA5); file header.
LULEA_EPW_FILE = "SWE_NB_Lulea.AP.021860_TMYx.2009-2023.epw"
LULEA_SITE = MappingProxyType({"name": "Luleå flygplats (Kallax)", "wmo": "021860", "lat": 65.543, "lon": 22.119,
                               "altitude_m": 17.0})
#: Monthly GHI of the Luleå file [kWh/m²] (computed from the file; reference pack solar.md §1.2).
LULEA_GHI_KWH_M2 = (2.85, 17.16, 68.06, 114.84, 165.72, 182.32, 164.64, 126.01, 67.47, 30.40, 4.16, 0.45)
#: Monthly diffuse fraction DHI/GHI of the Luleå file (computed; solar.md §1.2).
LULEA_DIFFUSE_FRACTION = (0.737, 0.589, 0.407, 0.427, 0.344, 0.354, 0.360, 0.379, 0.375, 0.431, 0.699, 0.883)
#: Monthly mean temperature of the Luleå file [°C] (computed; solar.md §1.2).
LULEA_TEMP_MEAN_C = (-8.91, -8.08, -3.82, 0.91, 6.31, 13.62, 16.68, 15.17, 10.48, 3.92, -1.72, -4.98)
#: Snow days (snow depth ≥ 1 cm) per month in the Luleå file (computed; solar.md §1.2b).
LULEA_SNOW_DAYS = (31, 28, 31, 30, 15, 0, 0, 0, 0, 7, 4, 31)
LULEA_GHI_YEAR_KWH_M2 = 944.08

#: Stockholm Arlanda IWEC monthly GHI [kWh/m²] (computed from ASHRAE's IWEC file, 59.65 °N;
#: solar.md §1.3). A different data set and era than the Luleå file: compare broad features only.
STOCKHOLM_GHI_KWH_M2 = (8.07, 21.40, 54.77, 112.28, 163.62, 160.81, 156.94, 118.11, 69.73, 36.51, 13.40, 6.19)
STOCKHOLM_GHI_YEAR_KWH_M2 = 921.82
STOCKHOLM_LAT = 59.65

# ----------------------------------------------------------------------------- typical-year generator
#: Decomposition model for DNI/DHI: Erbs (1982) as implemented in pvlib.irradiance.erbs [C].
DECOMPOSITION = "erbs"
#: Hours with clear-sky GHI below this are "low sun" hours [W/m²]: the hourly clear-sky index is
#: unstable there, so the day's index is used instead (assumption; cf. pvlib issue #435 on the
#: Ineichen artefact for sun close to the horizon at high latitudes).
LOW_SUN_CLEARSKY_W_M2 = 50.0
#: Highest clear-sky index accepted in one hour (assumption; cloud-edge enhancement can exceed 1).
#: The day's total is kept: hours are rescaled so each day has the reference day's index.
MAX_CLEARSKY_INDEX = 2.0
#: Minutes from a weather row's time label to the moment the sun's position is computed for it.
#: The Luleå file's irradiance is centred on pvlib's label (computed: the file's morning and
#: evening clear-sky indices balance at an offset of 0–15 min and its correlation with the
#: clear sky peaks there, while the EPW convention "hour ending" would imply +30 min).
SUN_TIME_OFFSET_MIN = 0

# ----------------------------------------------------------------------------- the PV system
#: System losses before the inverter: pvlib 0.16.1 ``pvsystem.pvwatts_losses`` defaults in % [C],
#: with ``snow=0`` because the chapter models snow separately. Sum as pvlib combines them: 14.08 %
#: (computed), close to the 14 % that PVGIS assumes (JRC, Gounari et al. 2026) [P].
PVWATTS_LOSSES_PCT = MappingProxyType({"soiling": 2.0, "shading": 3.0, "snow": 0.0, "mismatch": 2.0, "wiring": 2.0,
                                       "connections": 0.5, "lid": 1.5, "nameplate_rating": 1.0, "age": 0.0,
                                       "availability": 3.0})
PVGIS_SYSTEM_LOSS_PCT = 14.0
#: Temperature coefficient of power [1/°C]. Assumption: a typical crystalline-silicon value;
#: the book's reference pack has no published figure. Check the module's data sheet.
GAMMA_PDC_PER_C = -0.004
#: Nominal inverter efficiency: pvlib ``inverter.pvwatts`` default ``eta_inv_nom=0.96`` [C].
ETA_INVERTER = 0.96
#: DC/AC ratio (array kWp / inverter kW). Assumption: 1.0, so the inverter never clips.
DC_AC_RATIO = 1.0
#: Cell temperature: pvlib ``TEMPERATURE_MODEL_PARAMETERS['sapm']['open_rack_glass_polymer']``
#: a = −3.56, b = −0.075, ΔT = 3 [C] (modules on a rack with air behind them; assumption).
SAPM_TEMPERATURE = MappingProxyType({"a": -3.56, "b": -0.075, "deltaT": 3.0})
#: Transposition model: Hay–Davies (pvlib ``irradiance.haydavies``) [C]. The Perez model has a
#: reported low-sun issue at 66 °N (pvlib issue #2710), so it is not the default.
TRANSPOSITION = "haydavies"
#: Ground albedo when a weather file has none (pvlib's ``get_ground_diffuse`` default 0.25 [C]).
DEFAULT_ALBEDO = 0.25

# ----------------------------------------------------------------------------- snow
#: Marion et al. (2013), pvlib ``snow.coverage_nrel`` defaults [C]: snowfall ≥ 1 cm per time
#: step covers the panels, ground snow depth ≥ 1 cm keeps them covered; sliding coefficients.
SNOW_THRESHOLD_SNOWFALL_CM = 1.0
SNOW_THRESHOLD_DEPTH_CM = 1.0
SNOW_CAN_SLIDE_COEFFICIENT = -80.0
SNOW_SLIDE_AMOUNT = 0.197
#: Strings stacked up the slant height, for ``snow.dc_loss_nrel``. Assumption: 1 (a partly
#: covered row of modules loses its whole string), the cautious end.
SNOW_NUM_STRINGS = 1

# ----------------------------------------------------------------------------- published yields
#: Simulated specific yield, south, optimal tilt [kWh/kWp·yr]: Stridh & Hedström (2011) as quoted
#: by Luleå kommun, "Solenergi" [P].
PUBLISHED_YIELD_KWH_PER_KWP = MappingProxyType({"Luleå": 880.0, "Malmö": 895.0, "Göteborg": 822.0,
                                                "Stockholm": 889.0})
PUBLISHED_YIELD_SOURCE = "Stridh och Hedström (2011), enligt Luleå kommun"
#: Tilt guidance 30–50° from Luleå kommun, "Solceller" [P].
RECOMMENDED_TILT_DEG = (30.0, 50.0)
#: Measured Swedish spread 2014, 230 systems: 555–1 119 kWh/kW (MDH thesis data via
#: bengtsvillablogg 2015) [S].
SWEDISH_MEASURED_RANGE_2014 = (555.0, 1119.0)

# ----------------------------------------------------------------------------- prices and rules
#: Rooftop system price [kr/kWp incl. VAT]: "En 10 kW-anläggning kan kosta 15 000 SEK/kW …
#: en 4 kW-anläggning … 22 000 SEK/kW", solenergiguiden.se, page dated 2025-11-06 [S].
PRICE_SEK_PER_KWP_10KW_2025 = 15_000.0
PRICE_SEK_PER_KWP_4KW_2025 = 22_000.0
PRICE_SOURCE = "Solenergiguiden (2025-11-06)"
#: SE1 day-ahead spot price, annual averages [kr/kWh excl. VAT], Nord Pool via elpriser24.se [S].
SE1_SPOT_SEK_PER_KWH = MappingProxyType({2018: 0.454, 2019: 0.401, 2020: 0.150, 2021: 0.432, 2022: 0.634,
                                         2023: 0.457})
#: General energy tax on electricity from 1 Jan 2023 [kr/kWh excl. VAT], Luleå Energi nätpriser [S].
ENERGY_TAX_GENERAL_2023 = 0.392
#: Reduction for Norrbotten, Västerbotten and Jämtland [kr/kWh excl. VAT], 2017 level
#: (Jönköping Energi "Energiskatt") [S]. The current reduction is not in the book's sources.
ENERGY_TAX_REDUCTION_NORTH_2017 = 0.096
#: Default energy tax in the chapter (computed: 2023 general rate − 2017 northern reduction).
ENERGY_TAX_NORRBOTTEN_ESTIMATE = round(ENERGY_TAX_GENERAL_2023 - ENERGY_TAX_REDUCTION_NORTH_2017, 3)
#: Self-consumed solar power is exempt from energy tax below this installed power [kW] from
#: 1 July 2021 (Gislaved Energi) [S].
ENERGY_TAX_EXEMPT_BELOW_KW = 500.0
#: Tax reduction for micro-production [kr/kWh fed in], from 1 Jan 2015, capped at 30 000 kWh/yr and
#: the kWh bought; fuse ≤ 100 A. Skatteverket [P]. Prop. 2024/25:109 proposes to abolish it from
#: 1 Jan 2026 [P]; whether the Riksdag adopted it is not confirmed in the book's sources.
MICRO_TAX_REDUCTION_SEK_PER_KWH = 0.60
MICRO_TAX_REDUCTION_CAP_KWH = 30_000.0
MICRO_TAX_REDUCTION_PROPOSED_END = "2026-01-01"
#: Micro-producer limits: fuse ≤ 63 A and feed-in ≤ 43.5 kW (ellagen; Luleå Energi) [P].
MICRO_PRODUCER_MAX_KW = 43.5
#: Green-technology deduction for private persons: 15 % from 1 Jan 2021, 20 % from 2023, proposed
#: 15 % from 1 July 2025 (Prop. 2024/25:109) [P]. Not for municipalities; shown for context only.
GREEN_DEDUCTION_PCT = MappingProxyType({"2021": 15.0, "2023": 20.0, "2025-07 (förslag)": 15.0})

# ----------------------------------------------------------------------------- economics (assumptions)
#: Economic lifetime [years]. Assumption; no figure in the book's sources.
LIFETIME_YEARS = 25
#: Real discount rate. Assumption; a municipality sets its own calculation rate.
DISCOUNT_RATE = 0.03
#: Yearly degradation of output. Assumption (pvlib's ``pvwatts_losses`` has ``age=0`` by default).
DEGRADATION_PER_YEAR = 0.005
#: Yearly operation and maintenance as a share of the investment. Assumption.
OM_SHARE_PER_YEAR = 0.01

# ----------------------------------------------------------------------------- county scenario
#: Installed W per inhabitant in 2022 (Energimyndigheten via Newsworthy): data/solar_pv.csv.
SOLAR_PV_METRIC_W = "installed_w_per_inhabitant"

# ----------------------------------------------------------------------------- screening (assumptions)
#: Peak power per m² of module area [kWp/m²]: 1 000 W/m² (standard test conditions) × a module
#: efficiency of 20 % (assumption; check the chosen module's data sheet).
KWP_PER_M2 = 0.20
#: Sizes tried when looking for the most profitable size, as shares of the largest size the roof takes.
SIZE_STEPS = 20
#: How many buildings the shortlist holds by default.
SHORTLIST_LENGTH = 5
