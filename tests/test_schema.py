"""The published JSON Schema: in sync with the models, valid, and agreeing with the validator.

``schema/skillsmap.schema.json`` is generated from the pydantic models. After changing a model,
regenerate it from the repository root with::

    skillsmap schema > schema/skillsmap.schema.json

and commit the result; ``test_committed_schema_is_up_to_date`` fails until you do.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import skillsmap
from skillsmap.examples import bundled
from skillsmap.schema import DIALECT, json_schema, json_schema_text
from skillsmap.yamlsource import parse

ROOT = Path(__file__).parent.parent
COMMITTED = ROOT / "schema" / "skillsmap.schema.json"
MODELINE = re.compile(r"^# yaml-language-server: \$schema=(?P<target>\S+)$")
STARTER = resources.files("skillsmap").joinpath("starter.yaml").read_text(encoding="utf-8")


def data_of(text: str) -> Any:
    """A spec's data exactly as skillsmap reads it (YAML 1.1 scalars, dates kept as text)."""
    return parse("<spec>", text.encode("utf-8")).data


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads(COMMITTED.read_text(encoding="utf-8")))


def test_committed_schema_is_up_to_date() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == json_schema_text(), (
        "schema/skillsmap.schema.json is stale: run "
        "`skillsmap schema > schema/skillsmap.schema.json` and commit it"
    )


def test_schema_text_is_json_of_the_schema() -> None:
    assert json.loads(json_schema_text()) == json_schema()
    assert json_schema_text().endswith("}\n")


def test_schema_is_valid_draft_2020_12() -> None:
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    assert schema["$schema"] == DIALECT == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    assert jsonschema.validators.validator_for(schema) is jsonschema.Draft202012Validator


def test_schema_describes_the_top_level() -> None:
    schema = json_schema()
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) == {"title", "tracks", "levels", "roles"}
    assert list(schema["properties"]) == [
        "version", "title", "subtitle", "note", "theme",
        "axes", "tracks", "levels", "roles", "moves",
    ]  # fmt: skip
    for name, prop in schema["properties"].items():
        assert prop.get("description"), f"{name} has no description for editors to show"


def test_bundled_specs_exist() -> None:
    names = [p.name for p in bundled()]
    assert names[0] == "senior-engineer.yaml"
    assert len(names) >= 1


@pytest.mark.parametrize("spec", bundled(), ids=lambda p: p.name)
def test_schema_accepts_bundled_spec(
    spec: Path, validator: jsonschema.Draft202012Validator
) -> None:
    data = data_of(spec.read_text(encoding="utf-8"))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]
    assert errors == []
    skillsmap.load(spec)  # and skillsmap agrees


@pytest.mark.parametrize("spec", bundled(), ids=lambda p: p.name)
def test_bundled_spec_modeline_points_at_the_schema(spec: Path) -> None:
    first = spec.read_text(encoding="utf-8").splitlines()[0]
    match = MODELINE.match(first)
    assert match, f"{spec.name} must start with '# yaml-language-server: $schema=...'"
    target = (spec.parent / match["target"]).resolve()
    assert target == COMMITTED.resolve()
    assert target.is_file()


def test_schema_accepts_the_init_starter(validator: jsonschema.Draft202012Validator) -> None:
    validator.validate(data_of(STARTER))
    assert MODELINE.match(STARTER.splitlines()[0])


def test_schema_accepts_a_minimal_spec(validator: jsonschema.Draft202012Validator) -> None:
    validator.validate(base())
    skillsmap.loads(json.dumps(base()))


# -- typed mistakes: the schema and skillsmap both reject them ----------------------------------


def base() -> dict[str, Any]:
    return {
        "title": "Map",
        "tracks": {"ic": {"label": "Engineers", "color": "#0072B2"}},
        "levels": [{"id": "L5", "box": {"soft": [0, 5], "hard": [0, 5]}}],
        "roles": [
            {"id": "dev", "title": "Developer", "track": "ic", "level": "L5", "soft": 1, "hard": 1},
            {"id": "lead", "title": "Lead", "track": "ic", "level": "L5", "soft": 2, "hard": 2},
        ],
        "moves": [{"from": "dev", "to": "lead", "kind": "promotion"}],
    }


def set_at(path: tuple[str | int, ...], value: Any) -> Callable[[dict[str, Any]], None]:
    def change(spec: dict[str, Any]) -> None:
        node: Any = spec
        for part in path[:-1]:
            node = node[part]
        node[path[-1]] = value

    return change


def delete(path: tuple[str | int, ...]) -> Callable[[dict[str, Any]], None]:
    def change(spec: dict[str, Any]) -> None:
        node: Any = spec
        for part in path[:-1]:
            node = node[part]
        del node[path[-1]]

    return change


MISTAKES: dict[str, Callable[[dict[str, Any]], None]] = {
    "string coordinate": set_at(("roles", 0, "soft"), "1"),
    "boolean coordinate": set_at(("roles", 0, "hard"), True),
    "string axis bound": set_at(("axes",), {"soft": {"min": "0"}}),
    "unknown top-level key": set_at(("titel",), "Map"),
    "unknown role key": set_at(("roles", 0, "colour"), "red"),
    "unknown track key": set_at(("tracks", "ic", "colour"), "red"),
    "bad move kind": set_at(("moves", 0, "kind"), "sideways"),
    "bad role id": set_at(("roles", 0, "id"), "senior dev"),
    "bad level id": set_at(("levels", 0, "id"), "L5/6"),
    "empty role id": set_at(("roles", 0, "id"), ""),
    "bad colour format": set_at(("tracks", "ic", "color"), "#12345"),
    "colour function": set_at(("tracks", "ic", "color"), "rgb(0, 0, 0)"),
    "colour as number": set_at(("tracks", "ic", "color"), 123),
    "missing title": delete(("title",)),
    "missing roles": delete(("roles",)),
    "missing role coordinate": delete(("roles", 0, "hard")),
    "missing move target": delete(("moves", 0, "to")),
    "empty title": set_at(("title",), ""),
    "url with javascript:": set_at(("roles", 0, "url"), "javascript:alert(1)"),
    "url with ftp:": set_at(("roles", 0, "url"), "ftp://example.com"),
    "version 2": set_at(("version",), 2),
    "version as text": set_at(("version",), "1"),
    "version as boolean": set_at(("version",), True),
    "tracks as a list": set_at(("tracks",), ["ic"]),
    "no tracks": set_at(("tracks",), {}),
    "no roles": set_at(("roles",), []),
    "box with one value": set_at(("levels", 0, "box", "soft"), [1]),
    "box with three values": set_at(("levels", 0, "box", "hard"), [0, 1, 2]),
    "alias title as number": set_at(("roles", 0, "aliases"), {"google": 5}),
}


@pytest.mark.parametrize("mistake", sorted(MISTAKES))
def test_schema_rejects_typed_mistake(
    mistake: str, validator: jsonschema.Draft202012Validator
) -> None:
    spec = copy.deepcopy(base())
    MISTAKES[mistake](spec)
    assert not validator.is_valid(spec), f"the schema accepts: {mistake}"
    with pytest.raises(skillsmap.SpecError):  # skillsmap rejects it too
        skillsmap.loads(json.dumps(spec))


def test_schema_rejects_bad_track_id(validator: jsonschema.Draft202012Validator) -> None:
    spec = base()
    spec["tracks"]["my track"] = {"label": "Mine"}
    assert not validator.is_valid(spec)


def test_schema_lists_the_themes() -> None:
    theme = json_schema()["properties"]["theme"]
    assert theme["anyOf"][0] == {
        "enum": ["light", "dark", "print", "high-contrast"],
        "type": "string",
    }
    assert theme["default"] is None


def test_starter_mentions_theme_commented() -> None:
    assert "\n# theme: dark\n" in STARTER
    assert skillsmap.loads(STARTER).theme is None
    assert skillsmap.loads(STARTER.replace("# theme: dark", "theme: dark")).theme == "dark"
