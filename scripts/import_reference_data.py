"""Maintainer-only: regenerate the CSV files in data/ from the shared reference folder.

Never called by the book, the models or the tests (a user's clone has no ../shared).

Usage (from the repository root)::

    .venv/bin/python scripts/import_reference_data.py [--source ../shared/reference/data]
                                                      [--reset-coordinates]

What it does, per CSV in the source folder:

* reads it as UTF-8 (a byte-order mark is dropped) and writes it to data/ under the same name,
  comma-separated, LF line endings, minimal quoting;
* strips leading/trailing whitespace from every cell (a few free-text cells in
  klimatkollen_kpis_latest.csv end in spaces); no value is otherwise changed;
* municipalities.csv only: adds ``coordinate_source`` and ``coordinate_source_url`` after
  ``main_town_lon``. Coordinates that a maintainer has already verified in data/municipalities.csv
  (lat, lon and both source columns) are kept unless ``--reset-coordinates`` is given.

data/datapackage.json and data/README.md are maintained by hand; the script only warns when the
set of CSV files no longer matches the resources in datapackage.json. Run
``python -c "from models import data; data.validate()"`` afterwards.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = REPO.parent / "shared" / "reference" / "data"
DATA_DIR = REPO / "data"

# Citation for the reference coordinates (sakerhetspolisen/uv-kollen, commit of 2025-05-18).
UV_COMMIT = "9886a84df73bf1c7f3872e9b597f252ea40b0ab4"
UV_SOURCE = f"github.com/sakerhetspolisen/uv-kollen @ {UV_COMMIT} src/assets/cityCoord.js"
UV_URL = f"https://github.com/sakerhetspolisen/uv-kollen/blob/{UV_COMMIT}/src/assets/cityCoord.js"
COORDINATE_COLUMNS = ["main_town_lat", "main_town_lon", "coordinate_source", "coordinate_source_url"]


def read_rows(path: Path) -> list[list[str]]:
    """Read a CSV file as a list of rows of stripped strings."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [[cell.strip() for cell in row] for row in csv.reader(handle)]


def write_rows(path: Path, rows: list[list[str]]) -> None:
    """Write rows as UTF-8, comma-separated, LF line endings."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def add_coordinate_sources(rows: list[list[str]], keep_from: Path | None) -> list[list[str]]:
    """Insert coordinate_source(_url) after main_town_lon; keep verified coordinates if present."""
    header = rows[0]
    at = header.index("main_town_lon") + 1
    out = [header[:at] + COORDINATE_COLUMNS[2:] + header[at:]]
    out += [row[:at] + [UV_SOURCE, UV_URL] + row[at:] for row in rows[1:]]
    if keep_from is None or not keep_from.exists():
        return out
    old = read_rows(keep_from)
    old_header = old[0]
    if not set(COORDINATE_COLUMNS + ["kommun_code"]) <= set(old_header):
        return out
    code_at = old_header.index("kommun_code")
    kept = {row[code_at]: row for row in old[1:]}
    new_header = out[0]
    for row in out[1:]:
        previous = kept.get(row[new_header.index("kommun_code")])
        if previous is None:
            continue
        for column in COORDINATE_COLUMNS:
            row[new_header.index(column)] = previous[old_header.index(column)]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--reset-coordinates", action="store_true",
                        help="overwrite verified coordinates in data/municipalities.csv with uv-kollen's")
    args = parser.parse_args(argv)

    sources = sorted(args.source.glob("*.csv"))
    if not sources:
        print(f"No CSV files in {args.source}", file=sys.stderr)
        return 1
    DATA_DIR.mkdir(exist_ok=True)
    for source in sources:
        rows = read_rows(source)
        target = DATA_DIR / source.name
        if source.name == "municipalities.csv":
            rows = add_coordinate_sources(rows, None if args.reset_coordinates else target)
        write_rows(target, rows)
        print(f"{source.name}: {len(rows) - 1} rows")

    described_path = DATA_DIR / "datapackage.json"
    if described_path.exists():
        described = {r["path"] for r in json.loads(described_path.read_text(encoding="utf-8"))["resources"]}
        present = {p.name for p in DATA_DIR.glob("*.csv")}
        for name in sorted(present - described):
            print(f"WARNING: {name} is not described in datapackage.json", file=sys.stderr)
        for name in sorted(described - present):
            print(f"WARNING: datapackage.json describes {name}, which is missing", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
