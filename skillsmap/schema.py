"""The JSON Schema of spec v1, generated from the pydantic models so it can never drift."""

from __future__ import annotations

from typing import Any

from skillsmap.model import SkillsMap

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def json_schema() -> dict[str, Any]:
    """The schema as a dict: draft 2020-12, with descriptions editors show as help."""
    schema = SkillsMap.model_json_schema(by_alias=True, mode="validation")
    return {"$schema": DIALECT, **schema}


def json_schema_text() -> str:
    """The schema as stable, pretty-printed JSON text (ends with a newline)."""
    import json  # only the schema command prints JSON: kept off everyone's start-up

    return json.dumps(json_schema(), indent=2, ensure_ascii=False, sort_keys=False) + "\n"
