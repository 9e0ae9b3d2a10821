"""Load the CAMEO event-code table and its PLOVER mapping from ``events/data``.

``cameo.csv`` holds one row per CAMEO code (two-digit roots, three- and four-digit codes) with its
QuadClass, Goldstein weight and nearest PLOVER type and mode; ``plover.yaml`` names the PLOVER types
and their modes. Both are read once per process.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from entente.errors import ConfigError

_PACKAGE = "entente.events"
_COLUMNS = ("code", "root", "name", "quad_class", "goldstein", "plover_type", "plover_mode", "note")
_HINT = "reinstall entente or restore src/entente/events/data"


@dataclass(frozen=True)
class CameoCode:
    """One CAMEO event code with its coarse classes and weights.

    Attributes:
        code: The CAMEO code as a digit string ("04", "042", "0211").
        root: Its two-digit cue category ("04").
        name: Short English name from the CAMEO codebook.
        quad_class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
            4 material conflict.
        goldstein: Conflict-cooperation weight in [-10, 10].
        plover_type: Nearest PLOVER event type, or None where PLOVER does not code the event.
        plover_mode: PLOVER mode of that type, or None where the code does not fix one.
        note: Why a value is uncertain or a mapping is debatable, if it is.
    """

    code: str
    root: str
    name: str
    quad_class: int
    goldstein: float
    plover_type: str | None
    plover_mode: str | None
    note: str | None = None


def _data_text(name: str) -> str:
    try:
        return resources.files(_PACKAGE).joinpath("data", name).read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read the CAMEO data file {name}: {exc}", hint=_HINT) from exc


def _row_to_code(row: dict[str, str], line: int) -> CameoCode:
    try:
        return CameoCode(
            code=row["code"],
            root=row["root"],
            name=row["name"],
            quad_class=int(row["quad_class"]),
            goldstein=float(row["goldstein"]),
            plover_type=row["plover_type"] or None,
            plover_mode=row["plover_mode"] or None,
            note=row["note"] or None,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"cameo.csv line {line} is malformed: {exc}", hint=_HINT) from exc


@cache
def cameo_table() -> dict[str, CameoCode]:
    """Read ``cameo.csv`` (once per process).

    Returns:
        Every CAMEO code, keyed by its digit string, in codebook order. Treat it as read-only:
        the same dict is handed to every caller.

    Raises:
        ConfigError: the file is missing, has the wrong columns, or a row is malformed.
    """
    reader = csv.DictReader(io.StringIO(_data_text("cameo.csv")))
    if tuple(reader.fieldnames or ()) != _COLUMNS:
        raise ConfigError(f"cameo.csv must have the columns {', '.join(_COLUMNS)}", hint=_HINT)
    table: dict[str, CameoCode] = {}
    # Line 1 is the header, so data rows start on line 2.
    for line, row in enumerate(reader, start=2):
        entry = _row_to_code(row, line)
        if entry.code in table:
            raise ConfigError(f"cameo.csv lists code {entry.code} twice", hint=_HINT)
        table[entry.code] = entry
    return table


@cache
def plover_modes() -> dict[str, frozenset[str]]:
    """Read the PLOVER event types and their allowed modes from ``plover.yaml``.

    Returns:
        Each PLOVER type mapped to its set of mode names (empty for types without modes).

    Raises:
        ConfigError: the file is missing or malformed.
    """
    try:
        data = yaml.safe_load(_data_text("plover.yaml"))
        types = data["event_types"]
        return {name: frozenset(spec.get("modes") or {}) for name, spec in types.items()}
    except (yaml.YAMLError, KeyError, TypeError, AttributeError) as exc:
        raise ConfigError(f"plover.yaml is malformed: {exc}", hint=_HINT) from exc


def lookup(code: str) -> CameoCode:
    """Find one CAMEO code.

    Args:
        code: A CAMEO code as digits, leading zero included ("042", not "42"); surrounding
            whitespace is ignored.

    Returns:
        The matching :class:`CameoCode`.

    Raises:
        KeyError: the code is not in the CAMEO 1.1b3 table.
    """
    key = code.strip()
    try:
        return cameo_table()[key]
    except KeyError:
        raise KeyError(
            f"unknown CAMEO event code {code!r}: expected a code from the CAMEO 1.1b3 codebook "
            "written as 2-4 digits with its leading zero, such as '04', '042' or '0211'"
        ) from None


def root_of(code: str) -> str:
    """Return the two-digit root (cue category) of a known CAMEO code.

    Args:
        code: A CAMEO code, as for :func:`lookup`.

    Returns:
        The root, e.g. ``"04"`` for ``"042"``.

    Raises:
        KeyError: the code is not in the CAMEO table.
    """
    return lookup(code).root
