"""Constants for the strategy models, each with its source and year.

All values come from the project's researched strategy reference, and each comment
cites the primary source. Change a
value here and nowhere else. Units are in the names: ``_T`` tonnes CO2 (or CO2e where
stated), ``_RATE`` a fraction per year.
"""

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
