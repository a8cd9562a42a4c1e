"""JSON Schemas for the flow files, for editors: made from the pydantic models.

VS Code's YAML extension is effectively draft-07, so the schema uses
`definitions` (not `$defs`) and names draft-07 in `$schema`; pydantic's own
output is 2020-12 style. The short forms the models accept before validation
(a contact as a bare role id, an actor as a list meaning "one of") are added by
hand, since pydantic cannot see through a `before` validator.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from routewise.model.documents import CLAUSE, DocumentsFile
from routewise.model.roles import RolesFile
from routewise.model.route import RoleGroup, Route
from routewise.model.triage import TriageLayer

KINDS: dict[str, type[BaseModel]] = {
    "route": Route,
    "roles": RolesFile,
    "triage": TriageLayer,
    "documents": DocumentsFile,
}
"""The model of each kind of flow file: routes, roles.yaml, triage.yaml, documents.yaml."""

DRAFT_07 = "http://json-schema.org/draft-07/schema#"
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


def schema(kind: str = "route") -> dict[str, Any]:
    model = KINDS[kind]
    raw = model.model_json_schema(ref_template="#/definitions/{model}")
    definitions = raw.pop("$defs", {})
    definitions["RoleGroup"] = _role_group(definitions.get("RoleGroup", {}))
    if "Source" in definitions:
        definitions["Source"]["properties"]["paragraph"] = _clause()
        definitions["Source"]["properties"]["also"] = {
            "description": "More clauses of the same section the text comes from too.",
            "type": "array",
            "items": {"anyOf": _clause()["anyOf"][:2]},
        }
    if "Outcome" in definitions:
        definitions["Outcome"].update(_steps_unless_not_covered())
    out: dict[str, Any] = {
        "$schema": DRAFT_07,
        "title": f"routewise {kind} file",
        **raw,
    }
    if definitions:
        out["definitions"] = definitions
    return out


def _role_group(generated: dict[str, Any]) -> dict[str, Any]:
    """A role id, a list of role ids (one of them), or a group in long or short form."""
    role_id = {"type": "string", "pattern": ID_PATTERN}
    ids = {"type": "array", "items": {"anyOf": [role_id, {"type": "array", "items": role_id}]}}
    properties = dict(generated.get("properties", {}))
    for key in ("one_of", "and_or", "together", "each"):
        properties[key] = ids
    properties["role"] = role_id
    properties["if"] = {"type": "string", "description": "The document's own qualifier."}
    return {
        "description": RoleGroup.__doc__ or "",
        "anyOf": [
            role_id,
            ids,
            {"type": "object", "properties": properties, "additionalProperties": False},
        ],
    }


def _steps_unless_not_covered() -> dict[str, Any]:
    """An outcome needs a step, unless it says the document does not cover it (`not_covered`):
    its plan is then the general advice alone. Draft-07's if/then/else says so."""
    return {
        "if": {"properties": {"not_covered": {"type": "string"}}, "required": ["not_covered"]},
        "then": {},
        "else": {"required": ["steps"], "properties": {"steps": {"minItems": 1}}},
    }


def _clause() -> dict[str, Any]:
    """A clause number: a whole number, or text as the document writes it ("3.4(c)")."""
    return {
        "description": 'The clause as the document numbers it: 2, "4.10", "3.4(c)", "(ii)".',
        "anyOf": [
            {"type": "integer", "minimum": 1},
            {"type": "string", "pattern": f"^(?:{CLAUSE.pattern})$"},
            {"type": "null"},
        ],
        "default": None,
    }


def schema_text(kind: str = "route") -> str:
    return json.dumps(schema(kind), indent=2, ensure_ascii=False) + "\n"
