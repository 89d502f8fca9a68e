"""Constants for the strategy models, each with its source and year.

All values come from the project's researched strategy reference, and each comment
cites the primary source. Change a
value here and nowhere else. Units are in the names: ``_T`` tonnes CO2 (or CO2e where
stated), ``_RATE`` a fraction per year.
"""

from models.common import checks

# --- Carbon Law (Klimatkollen since June 2025) -----------------------------------------
# Constant cut of 11.72 % per year ("halvera utsläppen vart femte år").
# Source: Klimatbyran/municipality-data-pipeline@af3346d2
#   kpis/emissions/carbon_law_calculations.py (CARBON_LAW_REDUCTION_RATE = 0.1172), 2025;
#   derived from Global Carbon Budget 2024, 1.5 °C (50 %) = 305 GtCO2.
#   Klimatbyran/frontend:src/lib/blog/posts/carbon-law-from-2025-sv.md@a7a07bc2 (2025).
CARBON_LAW_REDUCTION_RATE = 0.1172
# Last year of Klimatkollen's Carbon Law path and trend (END_YEAR = 2050), same file (2025).
CARBON_LAW_END_YEAR = 2050

# --- Klimatkollen's municipal carbon budgets (budget year 2024) ------------------------
# Source: Klimatbyran/klimatkollen@2fc6856b data/issues/emissions/emission_data_calculations.py
#   (Dec 2024), citing "Paris-compliant carbon budgets for Sweden's counties", CEMUS,
#   Uppsala University, Dec 2023, tables pp. 10 and 19. strategy.md §2.3.
NATIONAL_BUDGET_15C_2024_T = 80e6  # 1.5 °C (50 %) national CO2 budget from 2024 [t CO2]
NATIONAL_BUDGET_17C_2024_T = 285e6  # 1.7 °C national CO2 budget from 2024 [t CO2]
# "National overhead" for 1.7 °C: 53.433 + 1.364 Mt (strategy.md §2.3 rounds the sum to
# 55 Mt). The overhead for 1.5 °C is scaled by 80/285 (see budget.budget_net_of_overhead).
NATIONAL_OVERHEAD_17C_2024_T = 53.433e6 + 1.364e6  # [t CO2]
# Year from which Klimatkollen's 2024 budgets apply (BUDGET_YEAR = 2024), same file.
KLIMATKOLLEN_BUDGET_YEAR = 2024

# First year of the grandfathering key and of the trend fit: 2015 through the latest SMHI
# year. Source: Klimatbyran/klimatkollen-deprecated issue #372 and the file above (2024);
# kpis/emissions/trend_calculations.py in Klimatbyran/municipality-data-pipeline (2025).
GRANDFATHERING_FIRST_YEAR = 2015
TREND_FIRST_YEAR = 2015

# Klimatkollen converts decimal years to dates with 365-day years
# (YEAR_SECONDS = 60 * 60 * 24 * 365), same klimatkollen file (2024).
KLIMATKOLLEN_YEAR_SECONDS = 60 * 60 * 24 * 365

# --- National budgets, Stoddard & Anderson CBBN1 (21 March 2022) -----------------------
# Energy-related territorial CO2 incl. international bunkers, excl. cement process.
# Source: Klimatbyran/klimatkollen:public/Paris_compliant_Swedish_CO2_budgets-March_2022-
#   Stoddard&Anderson.pdf@2fc6856b (2022); strategy.md §2.2. The note prints each budget
#   with its 2023-start value in brackets; the first value is the note's own (2022) value.
CBBN1_BUDGET_17C_T = 355e6  # 50 % chance of 1.7 °C [t CO2]
CBBN1_BUDGET_17C_FROM_2023_T = 305e6
CBBN1_BUDGET_15C_T = 170e6  # 50 % chance of 1.5 °C [t CO2]
CBBN1_BUDGET_15C_FROM_2023_T = 125e6

# --- Targets ------------------------------------------------------------------------------
# Sweden: net-zero greenhouse gas emissions by 2045. Source: Naturvårdsverket / Krisinformation
#   "Sveriges klimatmål" (Climate Act in force 2018); strategy.md §1.
SWEDEN_NET_ZERO_YEAR = 2045
# Norrbotten county: climate neutral by 2045; Länsstyrelsen Norrbotten "Koldioxidbudget"
#   (2022 data); strategy.md §1.
NORRBOTTEN_NET_ZERO_YEAR = 2045

# Domestic transport (excluding domestic aviation): at least −70 % by 2030 compared with 2010.
# Source: Trafikverket "Klimatmål för transportsektorn" (the milestone adopted 2017); strategy.md §1.
TRANSPORT_TARGET_REDUCTION_PCT = 70.0
TRANSPORT_TARGET_BASE_YEAR = 2010
TRANSPORT_TARGET_YEAR = 2030

# --- Carbon Law: the original rule and Klimatkollen's rate --------------------------------
# Rockström, J. et al. (2017) "A roadmap for rapid decarbonization", Science 355(6331),
#   1269–1271, doi:10.1126/science.aah3443: the "carbon law" of halving gross anthropogenic
#   CO2 emissions every decade (global). Klimatkollen's 11.72 %/yr (above, from Global Carbon
#   Budget 2024, 1.5 °C 50 % = 305 GtCO2) is a different, faster path: it halves emissions
#   about every 5.6 years (strategy.md §2.6, computed: ln 0.5 / ln(1 − 0.1172) ≈ 5.56).
ROCKSTROM_CARBON_LAW_HALVING_YEARS = 10
#: Annual cut that halves emissions every decade: 1 − 0.5^(1/10) ≈ 6.7 % per year (computed).
ROCKSTROM_CARBON_LAW_RATE = 1 - 0.5 ** (1 / ROCKSTROM_CARBON_LAW_HALVING_YEARS)

# --- Reduktionsplikt (GHG-reduction obligation for petrol and diesel) --------------------
# Share of lifecycle GHG that suppliers must cut versus fossil fuel, by year [%].
# 2020–2023: prop. 2021/22:243 (table in lag 2017:1201 5 §); 2023 paused at the 2022 level.
# 2024–2026: 6 % for both, prop. 2023/24:28 (in force 1 January 2024). Levels from 2027 are
#   not decided ("avser att återkomma", prop. 2023/24:28). transport.md §2.3 (2026).
REDUKTIONSPLIKT_DIESEL_PCT = {2020: 21.0, 2021: 26.0, 2022: 30.5, 2023: 30.5, 2024: 6.0, 2025: 6.0, 2026: 6.0}
REDUKTIONSPLIKT_PETROL_PCT = {2020: 4.2, 2021: 6.0, 2022: 7.8, 2023: 7.8, 2024: 6.0, 2025: 6.0, 2026: 6.0}
#: The year of the cut: the 2024 SMHI figures are the first with the lower obligation.
REDUKTIONSPLIKT_CUT_YEAR = 2024
#: The last year with a decided level; the book's reference paths assume it stays after that.
REDUKTIONSPLIKT_DECIDED_TO = 2026
REDUKTIONSPLIKT_SOURCE = ("Reduktionsplikten: prop. 2021/22:243 (nivåerna t.o.m. 2023) och prop. 2023/24:28 "
                          "(6 procent för bensin och diesel 2024–2026, från 1 januari 2024; nivåer från 2027 "
                          "ej beslutade).")

# --- Emission factor of diesel at a given obligation (well-to-wheel) ---------------------
# Fossil diesel MK3 (no bio): 95.1 g CO2e/MJ, 35.9 MJ/l; Energimyndigheten, fuels delivered
#   2016 (transport.md §2.2). Blend at obligation RP: EF ≈ 95.1·(1 − RP) g/MJ, a floor on the
#   cut (transport.md M6, computed): RP 6 % → 89.4 g/MJ ≈ 3.21 kg/l; RP 30.5 % → ≈ 2.37 kg/l.
DIESEL_FOSSIL_G_PER_MJ = 95.1
DIESEL_MJ_PER_L = 35.9


def diesel_kg_co2e_per_l(obligation_pct: float) -> float:
    """Diesel blend at a reduktionsplikt level [kg CO2e/l]: 95.1 g/MJ·(1 − RP)·35.9 MJ/l / 1000.

    ``obligation_pct`` is the reduktionsplikt in percent, 0–100.
    """
    obligation_pct = checks.number_in_range(obligation_pct, 0, 100, "obligation_pct", "reduktionsplikt",
                                            " procent")
    return DIESEL_FOSSIL_G_PER_MJ * (1 - obligation_pct / 100) * DIESEL_MJ_PER_L / 1000


#: Diesel at the 2024–2026 obligation (6 %): ≈ 3.21 kg CO2e/l (computed, see above).
DIESEL_2024_KG_PER_L = diesel_kg_co2e_per_l(REDUKTIONSPLIKT_DIESEL_PCT[2024])
