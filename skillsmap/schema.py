"""The JSON Schema of spec v1, generated from the pydantic models so it can never drift."""

from __future__ import annotations

import json
from typing import Any

from skillsmap.model import SkillsMap

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def json_schema() -> dict[str, Any]:
    """The schema as a dict: draft 2020-12, with descriptions editors show as help."""
    schema = SkillsMap.model_json_schema(by_alias=True, mode="validation")
    return {"$schema": DIALECT, **schema}


def json_schema_text() -> str:
    """The schema as stable, pretty-printed JSON text (ends with a newline)."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False, sort_keys=False) + "\n"
