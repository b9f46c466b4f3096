"""``-f json``: the layout document equals the SVG's geometry exactly, in fixed bytes.

Every card, level box, arrow path, arrowhead and label plate of every bundled spec and public
ladder is read back from the SVG and compared with the JSON with no tolerance: both are written
from the same plan, rounded to 0.01 px. Geometry in the expected tiny document comes from the
plan, so the test holds whatever the layout decides.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import defusedxml.ElementTree as ET
import jsonschema
import pytest
from click.testing import CliRunner

import skillsmap
from skillsmap.backends.base import num
from skillsmap.cli import main
from skillsmap.examples import bundled, flagship
from skillsmap.ids import label_id, level_id, move_id, role_id
from skillsmap.layout.plan import Area
from skillsmap.outputs.json import dumps, layout_document

ROOT = Path(__file__).parent.parent
SPECS = [*bundled(), *sorted((ROOT / "tests" / "ladders").glob("*.yaml"))]
SVG = "{http://www.w3.org/2000/svg}"
SCHEMA = ROOT / "schema" / "skillsmap-layout.schema.json"

TINY = """\
title: Tiny map
tracks:
  ic: {label: Engineer, color: "#0072B2"}
levels:
  - id: L1
    label: Level one
roles:
  - {id: junior, title: Junior Engineer, track: ic, level: L1, soft: 2, hard: 2}
  - {id: senior, title: Senior Engineer, track: ic, soft: 6, hard: 7, url: "https://example.com/s"}
moves:
  - {from: junior, to: senior, label: 2 years}
"""


def groups(svg: bytes) -> dict[str, Any]:
    """Every ``<g>`` of the SVG with an id, by id."""
    root = ET.fromstring(svg)
    return {g.get("id"): g for g in root.iter(f"{SVG}g") if g.get("id")}


def rect_of(group: Any) -> dict[str, float]:
    rect = group.find(f"{SVG}rect")
    return {k: float(rect.get(k)) for k in ("x", "y", "width", "height")}


def points_of(group: Any) -> list[list[float]]:
    numbers = [float(v) for v in re.split(r"[ ,]+", group.find(f"{SVG}polygon").get("points"))]
    return [numbers[i : i + 2] for i in range(0, len(numbers), 2)]


def path_numbers(d: str) -> list[list[str | float]]:
    """``d`` as commands, each its letter followed by its numbers."""
    return [[c[0], *(float(v) for v in c[1:].split())] for c in re.findall(r"[MLQ][^MLQ]*", d)]


def check_agreement(built: skillsmap.Built) -> None:
    svg, doc = skillsmap.encode(built, "svg"), layout_document(built)
    g = groups(svg)
    root = ET.fromstring(svg)
    assert (float(root.get("width")), float(root.get("height"))) == (
        doc["canvas"]["width"],
        doc["canvas"]["height"],
    )
    assert [r["id"] for r in doc["roles"]] == [r.id for r in built.model.roles]
    for r in doc["roles"]:
        assert rect_of(g[role_id(r["id"])]) == r["card"], r["id"]
    for lv in doc["levels"]:
        assert rect_of(g[level_id(lv["id"])]) == lv["box"], lv["id"]
    for mv in doc["moves"]:
        arrow = g[move_id(mv["from"], mv["to"])]
        d = arrow.find(f"{SVG}path").get("d")
        assert d == mv["d"]
        assert path_numbers(d) == mv["path"]
        assert points_of(arrow) == mv["head"]
        plate = g.get(label_id(mv["from"], mv["to"]))
        drawn = mv["label"] is not None and mv["label"]["rect"] is not None
        assert (plate is not None) == drawn
        if drawn:
            assert rect_of(plate) == mv["label"]["rect"]


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
def test_every_number_equals_the_svg(spec: Path) -> None:
    check_agreement(skillsmap.build(spec))


@pytest.mark.parametrize(("theme", "size"), [("dark", None), ("light", (900, 500))])
def test_a_fitted_or_themed_map_still_equals_its_svg(theme: str, size: Any) -> None:
    check_agreement(skillsmap.build(flagship(), theme=theme, size=size))


def test_a_fitted_map_is_scaled_like_its_picture() -> None:
    doc = layout_document(skillsmap.build(flagship(), size=(900, 500)))
    assert (doc["canvas"]["width"], doc["canvas"]["height"]) == (900.0, 500.0)
    card = doc["roles"][0]["card"]
    plain = layout_document(skillsmap.build(flagship()))["roles"][0]["card"]
    assert card["width"] < plain["width"]


BACKGROUND = '"background": "#ffffff"'
TRACK = (
    '{"id": "ic", "label": "Engineer", "stroke": "#0072b2", "fill": "#deedf5", '
    '"text": "#1f2328", "marker": "circle"}'
)


def _rect(a: Area | None) -> str:
    if a is None:
        return "null"
    return f'{{"x": {a.x}, "y": {a.y}, "width": {a.width}, "height": {a.height}}}'


def _rows(rows: list[Any]) -> str:
    """A list of flat lists as the document writes it inside a move (8 spaces, then 6)."""
    return "[\n" + ",\n".join(f"        {dumps(r)}" for r in rows) + "\n      ]"


def _path(ops: tuple[Any, ...]) -> str:
    return _rows([[op[0], *(v for p in op[1:] for v in p)] for op in ops])


def test_the_tiny_document_exactly(tmp_path: Path) -> None:
    spec = tmp_path / "tiny.yaml"
    spec.write_text(TINY, encoding="utf-8")
    built = skillsmap.build(spec)
    plan = built.layout.plan
    junior, senior = plan.roles
    (level,) = plan.levels
    (move,) = plan.moves
    d = " ".join(f"{op[0]}{' '.join(num(v) for p in op[1:] for v in p)}" for op in move.path)
    head = _rows([list(p) for p in move.head])
    label = '{"text": "2 years", "shown": null, "rect": null}'  # given in the legend
    if move.label is not None:
        label = (
            f'{{\n        "text": "2 years",\n        "shown": "{move.label}",\n'
            f'        "rect": {_rect(move.label_box)}\n      }}'
        )
    legend_move = "Promotion" if move.label is not None else "Promotion · 2 years"
    expected = f"""\
{{
  "format": "skillsmap-layout",
  "version": 1,
  "title": "Tiny map",
  "subtitle": null,
  "note": null,
  "theme": "light",
  "canvas": {{"width": {plan.canvas.width}, "height": {plan.canvas.height}, {BACKGROUND}}},
  "axes": {{
    "soft": {{"label": "Soft skills", "min": 0.0, "max": 10.0}},
    "hard": {{"label": "Hard skills", "min": 0.0, "max": 10.0}}
  }},
  "tracks": [
    {TRACK}
  ],
  "roles": [
    {{
      "id": "junior",
      "title": "Junior Engineer",
      "lines": {dumps(list(junior.lines))},
      "track": "ic",
      "level": "L1",
      "soft": 2.0,
      "hard": 2.0,
      "card": {_rect(junior.card)},
      "description": null,
      "url": null,
      "aliases": {{}}
    }},
    {{
      "id": "senior",
      "title": "Senior Engineer",
      "lines": {dumps(list(senior.lines))},
      "track": "ic",
      "level": null,
      "soft": 6.0,
      "hard": 7.0,
      "card": {_rect(senior.card)},
      "description": null,
      "url": "https://example.com/s",
      "aliases": {{}}
    }}
  ],
  "levels": [
    {{
      "id": "L1",
      "label": "Level one",
      "box": {_rect(level.box)},
      "label_box": {_rect(level.label_box)}
    }}
  ],
  "moves": [
    {{
      "from": "junior",
      "to": "senior",
      "kind": "promotion",
      "path": {_path(move.path)},
      "d": "{d}",
      "head": {head},
      "label": {label}
    }}
  ],
  "legend": {{
    "rect": {_rect(plan.legend)},
    "tracks": [
      {{"id": "ic", "label": "Engineer"}}
    ],
    "moves": [
      {{"kind": "promotion", "label": "{legend_move}"}}
    ]
  }}
}}
"""
    assert skillsmap.encode(built, "json").decode("utf-8") == expected


def test_text_is_utf8_not_escaped_and_bytes_are_stable() -> None:
    built = skillsmap.build(flagship())
    data = skillsmap.encode(built, "json")
    assert "3\u20138 years" in data.decode("utf-8")
    assert data.endswith(b"}\n")
    assert skillsmap.encode(skillsmap.build(flagship()), "json") == data


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
def test_every_document_follows_the_published_schema(spec: Path) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    doc = json.loads(skillsmap.encode(skillsmap.build(spec), "json"))
    jsonschema.validate(doc, schema)


def test_cli_writes_json_to_stdout_and_to_a_file(tmp_path: Path) -> None:
    expected = skillsmap.encode(skillsmap.build(flagship()), "json")
    runner = CliRunner()
    out = runner.invoke(main, ["render", "-f", "json", "-o", "-"], catch_exceptions=False)
    assert (out.exit_code, out.stdout_bytes) == (0, expected)
    target = tmp_path / "map.json"
    done = runner.invoke(main, ["render", "-o", str(target)], catch_exceptions=False)
    assert done.exit_code == 0
    assert target.read_bytes() == expected


def test_cli_refuses_a_json_file_asked_as_markdown(tmp_path: Path) -> None:
    target = tmp_path / "map.json"
    done = CliRunner().invoke(main, ["render", "-o", str(target), "-f", "md"])
    assert done.exit_code == 2
    assert f"Error: {target}: the extension '.json' writes json, not md" in done.output
    assert not target.exists()
