"""Schema validation and cross-checks for knowledge-base files.

The JSON Schema (``schema/kb.schema.json``) checks each entry's shape; :func:`check_consistency`
checks what a schema cannot: references between entries, date order and code uniqueness. Every error
names the file and the entry so that a user can fix an extension file without reading code.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match

from entente.errors import KnowledgeBaseError

if TYPE_CHECKING:
    from entente.knowledge.kb import KnowledgeBase


@functools.lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    from entente.knowledge.kb import schema_path

    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    # jsonschema resolves every "$ref" anew at each node; the schema has no cycles, so inlining the
    # definitions once halves the time of a cold load.
    return Draft202012Validator(_inline(schema, schema.get("$defs", {})))


def _inline(node: Any, defs: dict[str, Any]) -> Any:
    """The schema with every local ``#/$defs/...`` reference replaced by its definition."""
    if isinstance(node, list):
        return [_inline(item, defs) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        target = dict(_inline(defs[node["$ref"].rsplit("/", 1)[-1]], defs))
        target.update({k: _inline(v, defs) for k, v in node.items() if k != "$ref"})
        return target
    return {k: _inline(v, defs) for k, v in node.items() if k != "$defs"}


def validate_section(section: str | None, data: Any, path: Path) -> None:
    """Check one file against the schema.

    Args:
        section: the section a shipped file holds, or None for an extension file (a mapping of
            sections).
        data: the parsed file.
        path: the file, for messages.

    Raises:
        KnowledgeBaseError: the first (most relevant) violation, with the entry named.
    """
    document = data if section is None else {section: data}
    validator = _validator()
    if validator.is_valid(document):  # the common case; collecting errors costs more
        return
    error = best_match(validator.iter_errors(document))
    if error is None:
        return
    raise KnowledgeBaseError(
        f"{path}: {_where(error, document)}: {error.message}",
        hint="see docs/knowledge.md and schema/kb.schema.json for the file format",
    )


def _where(error: ValidationError, document: Any) -> str:
    parts = list(error.absolute_path)
    if len(parts) >= 2 and isinstance(parts[1], int):
        section, number = parts[0], parts[1]
        entry = document[section][number]
        label = entry.get("id") or entry.get("name") if isinstance(entry, dict) else None
        rest = "/".join(str(p) for p in parts[2:])
        text = f"{section} entry {number + 1}" + (f" ({label})" if label else "")
        return text + (f", field {rest}" if rest else "")
    return "/".join(str(p) for p in parts) or "top level"


def check_consistency(kb: KnowledgeBase, origin: dict[tuple[str, str], str]) -> None:
    """Cross-check references, codes and dates across the loaded entries.

    Raises:
        KnowledgeBaseError: naming the file and entry at fault.
    """

    def fail(section: str, key: str, message: str) -> None:
        where = origin.get((section, key), f"{section} {key}")
        raise KnowledgeBaseError(f"{where}: {message}")

    iso2_seen: dict[str, str] = {}
    ids: dict[str, str] = {}
    for code, state in kb.states.items():
        if state.iso2:
            if state.iso2 in iso2_seen:
                fail("states", code, f"iso2 {state.iso2} also used by {iso2_seen[state.iso2]}")
            iso2_seen[state.iso2] = code
        if state.parent and state.parent not in kb.states:
            fail("states", code, f"parent {state.parent} is not a known state")
        if state.id in ids:
            fail("states", code, f"id {state.id} also used by {ids[state.id]}")
        ids[state.id] = code
    org_refs = {o.id.lower() for o in kb.organizations.values()}
    org_refs |= {o.short.lower() for o in kb.organizations.values() if o.short}
    org_refs |= {o.name.lower() for o in kb.organizations.values()}
    for key, org in kb.organizations.items():
        if org.id in ids:
            fail("organizations", key, f"id {org.id} also used by {ids[org.id]}")
        ids[org.id] = org.label
        for member in org.members:
            if member not in kb.states:
                fail("organizations", key, f"member {member} is not a known state")
        if org.country and org.country not in kb.states:
            fail("organizations", key, f"country {org.country} is not a known state")
        if org.parent and org.parent.lower() not in org_refs:
            fail("organizations", key, f"parent {org.parent} is not a known organisation")
    for key, office in kb.offices.items():
        if office.country and office.country not in kb.states:
            fail("offices", key, f"country {office.country} is not a known state")
        if office.org and office.org.lower() not in org_refs:
            fail("offices", key, f"org {office.org} is not a known organisation (id or short name)")
    for key, person in kb.people.items():
        if person.id in ids:
            fail("people", key, f"id {person.id} also used by {ids[person.id]}")
        ids[person.id] = person.name
        if person.country and person.country not in kb.states:
            fail("people", key, f"country {person.country} is not a known state")
        for term in person.roles:
            if term.office not in kb.offices:
                fail("people", key, f"role office {term.office!r} is not in offices")
            if term.start and term.end and term.end < term.start:
                fail(
                    "people",
                    key,
                    f"role {term.office} ends ({term.end}) before it starts ({term.start})",
                )
