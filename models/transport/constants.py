"""Every sourced number of the chapter Transporter, once, with its source and year.

Sources are cited with their original publisher (keys in ``book/references.bib`` or
``book/references-transporter.bib``). Values that no source in the book's material gives are
collected in :data:`ASSUMPTIONS` and labelled as assumptions wherever they are shown: the learner
replaces them with the kommun's own figures. Prices and policy levels change; each is dated.
"""
from __future__ import annotations

from types import MappingProxyType

# ----------------------------------------------------------------------------- fuels
#: Fuel keys of the models, with the Swedish label and the unit a vehicle consumes.
FUELS = MappingProxyType({
    "petrol": ("Bensin", "l"),
    "diesel": ("Diesel", "l"),
    "hvo100": ("HVO100", "l"),
    "biogas": ("Fordonsgas (biogas)", "Nm³"),
    "e85": ("E85", "l"),
    "electricity": ("El", "kWh"),
    "phev": ("Laddhybrid (bensin + el)", "l"),
})
FUEL_LABELS = MappingProxyType({key: label for key, (label, _) in FUELS.items()})
FUEL_UNITS = MappingProxyType({key: unit for key, (_, unit) in FUELS.items()})
#: Fuels that are fossil-based (the fleet is fossil-free when none of its vehicles uses one).
FOSSIL_FUELS = ("petrol", "diesel", "phev")
#: Drivetrains that count as clean light-duty vehicles in procurement from 2026 (zero-emission only).
ZERO_EMISSION_FUELS = ("electricity",)

#: Vehicle classes of the fleet register (light duty only; heavy vehicles are outside the chapter).
VEHICLE_CLASSES = MappingProxyType({
    "car": "Personbil",
    "van": "Lätt lastbil",
})

# ----------------------------------------------------------------------------- emission factors
#: Energimyndigheten, average well-to-wheel emissions of fuels delivered in 2016 [kg CO2e per litre / Nm³]
#: (key ``transport_energimyndigheten_2016``). The only year in the book's material: newer
#: "Drivmedel 20xx" reports have other values, especially for HVO, biogas and E85.
EM_2016_KG_PER_UNIT = MappingProxyType({
    "petrol_mk1": 2.890,          # Bensin MK1 with bio blend, 91.3 g/MJ
    "petrol_fossil": 3.004,       # Alkylatbensin / Bensin MK2, no bio, 93.3 g/MJ
    "diesel_mk1": 2.853,          # Diesel MK1 with bio blend, 80.4 g/MJ
    "diesel_fossil": 3.414,       # Diesel MK3, no bio, 95.1 g/MJ
    "hvo100": 0.476,              # HVO100, 14 g/MJ
    "e85": 1.181,                 # E85, 51 g/MJ
    "biogas": 1.173,              # Fordonsgas (mix) per Nm³, 30.5 g/MJ
})
EM_YEAR = 2016

#: Reduktionsplikt: the required reduction of lifecycle GHG emissions of petrol and diesel
#: [fraction], by year. 2018 from 1 July (Drivkraft Sverige); 2020–2023 law 2017:1201 §5 as in
#: Prop. 2021/22:243 (2023 paused at the 2022 level); 2024–2026 Prop. 2023/24:28 (6 % for both).
#: 2019 is not available in the book's material.
REDUCTION_OBLIGATION = MappingProxyType({
    2018: (0.026, 0.193),
    2020: (0.042, 0.21),
    2021: (0.06, 0.26),
    2022: (0.078, 0.305),
    2023: (0.078, 0.305),
    2024: (0.06, 0.06),
    2025: (0.06, 0.06),
    2026: (0.06, 0.06),
})
LAST_DECIDED_YEAR = 2026
#: The earlier plan for 2030 (Prop. 2021/22:243), removed by Prop. 2023/24:28: petrol 28 %, diesel 66 %.
EARLIER_PLAN_2030 = (0.28, 0.66)
#: Scenarios for the undecided levels from 2027 (the government "avser att återkomma", Prop. 2023/24:28).
RP_SCENARIOS = MappingProxyType({
    "stay_6": "6 % även från 2027 (nuvarande nivå ligger kvar)",
    "none": "Ingen reduktionsplikt från 2027 (0 %)",
    "earlier_plan": "Den tidigare planen: 28 % bensin och 66 % diesel 2030 (rak linje 2027–2029)",
})
FIRST_YEAR, LAST_YEAR = 2018, 2050

#: Electricity factors [kg CO2e/kWh] as named scenarios: they change EV results up to tenfold.
ELECTRICITY_FACTORS = MappingProxyType({
    # Swedish user mix, lifecycle incl. import/export, 13.1 g/MJ (JRC 2017, 2013 data, in Energimyndigheten's
    # 2016 table) -> 13.1 * 3.6 = 47.2 g/kWh (computed).
    "swedish_mix": 0.0472,
    # Nordic mix incl. import and export, average of 3 years (IVL/SMED report 4 for Naturvårdsverket, 2021).
    "nordic_mix": 0.090,
    # Nordic residual mix 2021 (Energimarknadsinspektionen / Grexel, published 2022-06-08).
    "residual_mix": 0.37199,
    # Eco-labelled electricity counted as 0 g/MJ (2030-sekretariatet indicators, 2022).
    "renewable": 0.0,
})
ELECTRICITY_LABELS = MappingProxyType({
    "swedish_mix": "Svensk elmix, livscykel (47 g/kWh, JRC 2017)",
    "nordic_mix": "Nordisk elmix (90 g/kWh, IVL 2021)",
    "residual_mix": "Nordisk residualmix (372 g/kWh, Ei 2021)",
    "renewable": "Förnybart elavtal, miljömärkt (0 g/kWh, 2030-sekretariatet 2022)",
})

# ----------------------------------------------------------------------------- cold climate
#: Reference temperature of the base consumption [°C] and the linear heating / cooling penalties
#: [fraction per °C]: 0.98 %/°C below and 0.63 %/°C above (Tesla Model S data, arXiv:1801.05290, as
#: quoted in rl-institut/simbev#6). This is the *central* case.
REFERENCE_TEMP_C = 20.0
HEATING_PENALTY_PER_C = 0.0098
COOLING_PENALTY_PER_C = 0.0063
#: Geotab 2020 (4 200 EVs): 54 % of rated range at −15 °C, best at 21.5 °C with +15 % against rated.
GEOTAB_COLD = (-15.0, 0.54)
GEOTAB_BEST = (21.5, 1.15)
#: NAF / Motor El Prix, January 2022 (31 cars, 0 to −10 °C): range 11–21 % shorter than WLTP.
NAF_2022_SHORTFALL = (0.11, 0.21)
NAF_2022_TEMPS_C = (0.0, -10.0)
#: Penalty slopes of the band [fraction per °C below the reference] (computed from the points above):
#: low = NAF 2022 middle (16 % at −5 °C): (1/0.84 − 1) / 25; high = Geotab: (1.15/0.54 − 1) / 35, with
#: Geotab's optimum (21.5 °C) taken as the 20 °C reference so that the −15 °C point is met exactly.
LOW_PENALTY_PER_C = (1 / (1 - sum(NAF_2022_SHORTFALL) / 2) - 1) / (REFERENCE_TEMP_C - sum(NAF_2022_TEMPS_C) / 2)
HIGH_PENALTY_PER_C = (GEOTAB_BEST[1] / GEOTAB_COLD[1] - 1) / (REFERENCE_TEMP_C - GEOTAB_COLD[0])
CASES = MappingProxyType({
    "low": "Låg: långa resor, varm bil (NAF 2022)",
    "central": "Mitten: 0,98 % per grad (Tesla-data, arXiv 2018)",
    "high": "Hög: korta resor i stadstrafik (Geotab 2020)",
})
#: Norrbotten regional project (Fossilfritt Sverige): a garage or preheating on the grid saves 2–3 mil
#: (20–30 km) of range; ≈25 % of energy goes to cabin heating in severe cold on longer trips.
PREHEAT_SAVING_KM = MappingProxyType({"low": 30.0, "central": 25.0, "high": 20.0})
NORRBOTTEN_HEATING_SHARE = 0.25

#: Luleå typical year (Climate.OneBuilding.org TMYx 2009–2023, Luleå airport), per month: mean, lowest
#: hourly temperature [°C]. The only monthly temperatures in the book's material; inland kommuner are colder.
LULEA_MONTHLY_MEAN_C = (-8.91, -8.08, -3.82, 0.91, 6.31, 13.62, 16.68, 15.17, 10.48, 3.92, -1.72, -4.98)
LULEA_MONTHLY_MIN_C = (-25.0, -28.4, -19.2, -11.0, -3.0, 4.2, 10.3, 6.6, 4.5, -11.2, -15.6, -26.2)
LULEA_DAILY_MIN_MEAN_C = (-13.2, -12.5, -7.9, -2.7, 3.2, 9.5, 13.1, 11.2, 7.5, 0.8, -3.9, -8.1)
DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
MONTHS_SV = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")

# ----------------------------------------------------------------------------- procurement
#: Clean Vehicles Directive (EU) 2019/1161, Annex table 3: Sweden's minimum share of clean light-duty
#: vehicles in contracts, 2 Aug 2021–31 Dec 2025 and 2026–2030. From 1 Jan 2026 only zero-emission
#: light vehicles count as clean (European Commission).
CVD_LIGHT_MIN_SHARE = 0.385
CVD_ZERO_EMISSION_FROM = 2026

# ----------------------------------------------------------------------------- prices (dated)
#: Spot price SE1 2023, annual average excl. VAT [SEK/kWh] (elpriser24.se) and energy tax on electricity
#: from 1 Jan 2023 excl. VAT [SEK/kWh] (Luleå Energi). Network tariffs are not in the book's material.
SPOT_SE1_2023 = 0.457
ENERGY_TAX_2023 = 0.392
#: Public charging ≈5 kr/kWh (Dalarnas Tidningar 2019).
PUBLIC_CHARGING_2019 = 5.0
#: Pump prices late 2023 [SEK/l]: diesel ≈23, petrol ≈20 (Finanstid / Svenska Morgonbladet).
PETROL_LATE_2023 = 20.0
DIESEL_LATE_2023 = 23.0
#: Klimatpremie for light electric trucks: up to 50 000 SEK per vehicle for municipalities, phased out by
#: end 2025 (from 13 Feb 2024). Klimatbonus for cars abolished for orders after 8 Nov 2022.
KLIMATPREMIE_VAN_MAX = 50_000.0
KLIMATPREMIE_LAST_YEAR = 2025
#: Depreciation rule of thumb: a car's value halves in 4 years (DN guide 2020).
HALF_VALUE_YEARS = 4.0

#: Prices the TCO lesson starts from: value, unit, date and source (the learner can change each).
PRICES = MappingProxyType({
    "petrol": (PETROL_LATE_2023, "kr/l", "slutet av 2023", "Finanstid"),
    "diesel": (DIESEL_LATE_2023, "kr/l", "slutet av 2023", "Finanstid"),
    "hvo100": (DIESEL_LATE_2023 + 3.0, "kr/l", "antagande", "diesel + 3 kr/l (antagande; pris saknas i underlaget)"),
    "biogas": (25.0, "kr/Nm³", "antagande", "antagande; pris saknas i underlaget"),
    "e85": (17.0, "kr/l", "antagande", "antagande; pris saknas i underlaget"),
    "electricity": (round(SPOT_SE1_2023 + ENERGY_TAX_2023, 3), "kr/kWh", "2023",
                    "spotpris SE1 2023 (elpriser24.se) + energiskatt 2023 (Luleå Energi), utan nätavgift och moms"),
})

# ----------------------------------------------------------------------------- assumptions
#: Values with no source in the book's material (illustrative; replace with the kommun's own).
#: Per class and drivetrain: purchase price [SEK], energy use at 20 °C [unit/km], maintenance
#: [SEK/yr], insurance and vehicle tax [SEK/yr], charger share [SEK/yr]; plus the EV's usable battery [kWh].
#: E85 is costed for vehicles already in a fleet but not offered as a replacement (``DRIVETRAINS``).
#: EV car consumption 0.15 kWh/km = middle of NAF's summer test 12.2–17.5 kWh/100 km (2021, computed).
DRIVETRAINS = ("electricity", "petrol", "diesel", "hvo100", "biogas", "phev")
VEHICLE_OPTIONS = MappingProxyType({
    "car": MappingProxyType({
        "electricity": dict(purchase=420_000, energy_per_km=0.15, maintenance=3_000, other=6_000, charger=2_000),
        "petrol": dict(purchase=330_000, energy_per_km=0.065, maintenance=5_000, other=8_000, charger=0),
        "diesel": dict(purchase=350_000, energy_per_km=0.055, maintenance=5_500, other=9_000, charger=0),
        "hvo100": dict(purchase=350_000, energy_per_km=0.056, maintenance=5_500, other=9_000, charger=0),
        "biogas": dict(purchase=360_000, energy_per_km=0.065, maintenance=6_000, other=8_000, charger=0),
        "phev": dict(purchase=430_000, energy_per_km=0.065, maintenance=5_000, other=7_000, charger=2_000),
        "e85": dict(purchase=330_000, energy_per_km=0.085, maintenance=5_000, other=8_000, charger=0),
    }),
    "van": MappingProxyType({
        "electricity": dict(purchase=520_000, energy_per_km=0.22, maintenance=4_000, other=7_000, charger=2_000),
        "petrol": dict(purchase=400_000, energy_per_km=0.09, maintenance=6_500, other=9_000, charger=0),
        "diesel": dict(purchase=420_000, energy_per_km=0.075, maintenance=7_000, other=10_000, charger=0),
        "hvo100": dict(purchase=420_000, energy_per_km=0.077, maintenance=7_000, other=10_000, charger=0),
        "biogas": dict(purchase=450_000, energy_per_km=0.09, maintenance=7_500, other=9_000, charger=0),
        "phev": dict(purchase=520_000, energy_per_km=0.09, maintenance=6_500, other=8_000, charger=2_000),
        "e85": dict(purchase=400_000, energy_per_km=0.12, maintenance=6_500, other=9_000, charger=0),
    }),
})
#: Usable battery of a new battery-electric vehicle per class [kWh] (assumption).
EV_BATTERY_KWH = MappingProxyType({"car": 64.0, "van": 70.0})
#: The largest usable battery the cold-range test considers buying instead [kWh] (assumption).
LARGE_BATTERY_KWH = MappingProxyType({"car": 95.0, "van": 95.0})
#: A plug-in hybrid's electric share of km (assumption) and its electricity use [kWh/km] (assumption).
PHEV_ELECTRIC_SHARE = 0.4
PHEV_KWH_PER_KM = 0.20
#: Discount rate [fraction per year] (assumption, as in the chapter Strategi).
DISCOUNT_RATE = 0.04
#: Charging efficiency from the grid meter to the battery (the book's material gives no value: 1.0 means
#: the consumption figures are taken as metered at the charger, as Tibber's are).
CHARGING_EFFICIENCY = 1.0
#: AC charging point power used as the default [kW]: the AC example connection 7.4 kW (Chargetrip); normal
#: charging 2.3–3.7 kW, typical on-board chargers 3.3–6.6 kW, fast charging ≥50 kW (Vi Bilägare).
CHARGER_KW = 7.4
POWER_LEVELS_KW = MappingProxyType({"normal": (2.3, 3.7), "on_board_ac": (3.3, 6.6), "fast_min": 50.0})
#: Hours a vehicle stands at its home site between working days (assumption: overnight).
DWELL_HOURS = 12.0
#: Three-phase supply voltage for converting kW to a fuse size [V] (Swedish low-voltage grid, 400 V).
GRID_VOLTAGE_V = 400.0

#: Range reserve kept in the battery on the longest day [fraction] (assumption).
RANGE_RESERVE = 0.2

ASSUMPTIONS = MappingProxyType({
    "Inköpspris, förbrukning, service, försäkring och skatt per fordonstyp": "antagande (illustrativt)",
    "Användbar batterikapacitet för nya elbilar (64 kWh) och ellastbilar (70 kWh), största batteri 95 kWh":
        "antagande",
    "Laddhybridens elandel (40 % av körsträckan) och elförbrukning (0,20 kWh/km)": "antagande",
    "Pris på HVO100 (diesel + 3 kr/l), fordonsgas (25 kr/Nm³) och E85 (17 kr/l)": "antagande; saknas i underlaget",
    "Nätavgift för el": "saknas i underlaget; lägg till kommunens egen",
    "Kalkylränta 4 %": "antagande (samma som i kapitlet Strategi)",
    "Reserv i batteriet den längsta dagen (20 %)": "antagande",
    "Ståtid på hemmaplatsen mellan arbetsdagar (12 timmar)": "antagande",
    "Laddförluster": "saknas i underlaget; sätt verkningsgraden själv (1,0 = förbrukning mätt vid laddaren)",
})

#: Energy content [MJ per litre or Nm³] (Energimyndigheten's 2016 table): blended petrol MK1 31.7, diesel MK1
#: 35.5, HVO 34.0, E85 23.2, fordonsgas 36.2; electricity 3.6 MJ/kWh by definition.
ENERGY_MJ_PER_UNIT = MappingProxyType({
    "petrol": 31.7, "diesel": 35.5, "hvo100": 34.0, "biogas": 36.2, "e85": 23.2, "electricity": 3.6, "phev": 31.7,
})
