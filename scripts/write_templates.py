"""Write the Excel twins of the book's CSV templates in data/templates/ (maintainers only).

    .venv/bin/python scripts/write_templates.py

Each .xlsx holds exactly the CSV's rows (numbers as numbers) and an "Instruktioner" sheet.
"""
from models.common.export import write_xlsx
from models.data import fleet_file, measures_file, sites_file

ILLUSTRATIVE = ("Exempelvärdena är illustrativa, inte fakta om någon kommun. Byt ut dem mot kommunens egna. "
                "Rubrikerna på rad 1 ska stå kvar.")


def main() -> None:
    table, instructions = measures_file.template_tables()
    print(write_xlsx(measures_file.TEMPLATE_XLSX, {measures_file.SHEET_NAME: table, "Instruktioner": instructions},
                     notes={"Instruktioner": ILLUSTRATIVE}))
    table, instructions = fleet_file.template_tables()
    print(write_xlsx(fleet_file.TEMPLATE_XLSX, {fleet_file.SHEET_NAME: table, "Instruktioner": instructions},
                     notes={"Instruktioner": ILLUSTRATIVE}))
    table, instructions = sites_file.template_tables()
    print(write_xlsx(sites_file.TEMPLATE_XLSX, {sites_file.SHEET_NAME: table, "Instruktioner": instructions},
                     notes={"Instruktioner": ILLUSTRATIVE}))


if __name__ == "__main__":
    main()
