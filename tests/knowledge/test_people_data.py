"""Structural checks of the people and offices data of the actor knowledge base.

These read the YAML directly (not through the loader) so that a data error is reported as a data
error, with the offending id, whatever state the loader is in.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
import yaml

DATA = Path(__file__).resolve().parents[2] / "src" / "entente" / "knowledge" / "data"

# The agreed office-kind vocabulary, plus the kinds this data adds: chief_of_staff (heads of
# presidential offices), special_envoy (presidential envoys), council_president (European Council)
# and official (any other office, matched only by its own title and phrases, never by templates).
KINDS = {
    "president",
    "vice_president",
    "prime_minister",
    "chancellor",
    "monarch",
    "crown_prince",
    "emir",
    "supreme_leader",
    "head_of_state",
    "head_of_government",
    "foreign_minister",
    "defence_minister",
    "finance_minister",
    "interior_minister",
    "national_security_adviser",
    "security_council_secretary",
    "security_council_deputy_chairman",
    "mfa_spokesperson",
    "presidential_spokesperson",
    "un_ambassador",
    "top_diplomat",
    "military_chief",
    "secretary_general",
    "commission_president",
    "high_representative",
    "party_leader",
    "speaker",
    "intelligence_chief",
    "chief_of_staff",
    "special_envoy",
    "council_president",
    "official",
}
SECTORS = {"GOV", "MIL", "DIP", "IGO", "OPP", "REB", "JUD", "LEG", "BUS", "MED", "PTY"}
OFFICE_ID = re.compile(r"^[a-z0-9]+\.[a-z0-9_]+$")
PERSON_ID = re.compile(r"^(Q[1-9][0-9]*|person:[a-z0-9]+(-[a-z0-9]+)*)$")
ISO3 = re.compile(r"^[A-Z]{3}$")
# "As of" date of the data: no term may start after it.
AS_OF = dt.date(2026, 11, 30)
# Successive holders of a single-holder office may leave a vacancy (acting officials not listed,
# slow confirmations), but a longer hole in a term chain after 2000 usually means a missing person.
MAX_VACANCY = dt.timedelta(days=400)
# Overlaps this short are hand-over days reported differently by sources, not co-holders.
MAX_HANDOVER = dt.timedelta(days=3)
# Offices that really stood vacant for longer than MAX_VACANCY (Brazil's vice-presidency after
# Temer succeeded Rousseff; Lebanon's presidential vacancies of 2014-16 and 2022-25).
KNOWN_VACANCIES = {"bra.vice_president", "lbn.president"}


def _load(name: str) -> list[dict[str, Any]]:
    with (DATA / name).open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    assert isinstance(data, list), f"{name} must be a YAML list"
    return data


@pytest.fixture(scope="module")
def offices() -> list[dict[str, Any]]:
    return _load("offices.yaml")


@pytest.fixture(scope="module")
def people() -> list[dict[str, Any]]:
    return _load("people.yaml")


@pytest.fixture(scope="module")
def office_index(offices: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {o["id"]: o for o in offices}


def _terms(
    people: list[dict[str, Any]],
) -> dict[str, list[tuple[dt.date, dt.date | None, str]]]:
    """Map office id -> [(start, end, person id)] sorted by start."""
    terms: dict[str, list[tuple[dt.date, dt.date | None, str]]] = defaultdict(list)
    for person in people:
        for role in person["roles"]:
            terms[role["office"]].append((role["start"], role["end"], person["id"]))
    for chain in terms.values():
        chain.sort(key=lambda t: (t[0], t[1] or dt.date.max))
    return terms


def test_office_ids_unique_and_well_formed(offices: list[dict[str, Any]]) -> None:
    counts = Counter(o["id"] for o in offices)
    assert not [i for i, n in counts.items() if n > 1], "duplicate office ids"
    assert not [o["id"] for o in offices if not OFFICE_ID.match(o["id"])]


def test_office_fields(offices: list[dict[str, Any]]) -> None:
    for office in offices:
        oid = office["id"]
        assert ("country" in office) != ("org" in office), f"{oid}: exactly one of country/org"
        if "country" in office:
            assert ISO3.match(office["country"]), oid
            assert oid.split(".")[0] == office["country"].lower(), f"{oid}: prefix != country"
        else:
            # An organisation is named by its QID where known, else by its short name (IAEA).
            assert isinstance(office["org"], str) and office["org"].strip(), oid
        assert isinstance(office["title"], str) and office["title"], oid
        assert office["kind"] in KINDS, f"{oid}: unknown kind {office['kind']!r}"
        assert office["sector"] in SECTORS, f"{oid}: unknown sector {office['sector']!r}"
        assert isinstance(office["leader"], bool), oid
        assert isinstance(office["phrases"], list), oid
        assert all(isinstance(p, str) and p.strip() == p and p for p in office["phrases"]), oid
        assert len(set(office["phrases"])) == len(office["phrases"]), f"{oid}: repeated phrase"
        assert isinstance(office.get("concurrent", False), bool), oid


def test_office_phrases_unambiguous(offices: list[dict[str, Any]]) -> None:
    # One phrase naming two offices would make the resolver guess.
    owner: dict[str, str] = {}
    clashes = []
    for office in offices:
        for phrase in office["phrases"]:
            key = phrase.casefold()
            if key in owner and owner[key] != office["id"]:
                clashes.append((phrase, owner[key], office["id"]))
            owner[key] = office["id"]
    assert not clashes


def test_at_most_one_leader_office_kind_per_country(offices: list[dict[str, Any]]) -> None:
    leaders = Counter(o.get("country") for o in offices if o["leader"] and "country" in o)
    # A country may flag two leader offices only when one is a party post or a supreme leader
    # above a president (CHN, PRK, VNM, IRN...); more than two is a data slip.
    assert not [c for c, n in leaders.items() if n > 2]


def test_person_ids_unique_and_well_formed(people: list[dict[str, Any]]) -> None:
    counts = Counter(p["id"] for p in people)
    assert not [i for i, n in counts.items() if n > 1], "duplicate person ids"
    assert not [p["id"] for p in people if not PERSON_ID.match(p["id"])]


def test_person_names_unique(people: list[dict[str, Any]]) -> None:
    counts = Counter(p["name"].casefold() for p in people)
    assert not [n for n, c in counts.items() if c > 1], "same name twice: merge or disambiguate"


def test_person_fields(people: list[dict[str, Any]]) -> None:
    for person in people:
        pid = person["id"]
        assert isinstance(person["name"], str) and person["name"].strip(), pid
        assert ISO3.match(person["country"]), pid
        aliases = person["aliases"]
        assert isinstance(aliases, list), pid
        assert all(isinstance(a, str) and a.strip() == a and a for a in aliases), pid
        assert len({a.casefold() for a in aliases}) == len(aliases), f"{pid}: repeated alias"
        assert person["roles"], f"{pid}: a person without roles does not belong here"


def test_roles_reference_defined_offices(
    people: list[dict[str, Any]], office_index: dict[str, dict[str, Any]]
) -> None:
    missing = {
        (p["id"], r["office"])
        for p in people
        for r in p["roles"]
        if r["office"] not in office_index
    }
    assert not missing


def test_role_dates_iso_and_ordered(people: list[dict[str, Any]]) -> None:
    for person in people:
        for role in person["roles"]:
            where = f"{person['id']} {role['office']}"
            assert set(role) == {"office", "start", "end"}, where
            start, end = role["start"], role["end"]
            # safe_load turns ISO dates into date objects; a string here means a malformed date.
            assert type(start) is dt.date, f"{where}: start {start!r} is not an ISO date"
            assert end is None or type(end) is dt.date, f"{where}: end {end!r} is not an ISO date"
            assert dt.date(1945, 1, 1) <= start <= AS_OF, where
            assert end is None or start < end <= AS_OF, where


def test_every_office_has_a_holder(
    offices: list[dict[str, Any]], people: list[dict[str, Any]]
) -> None:
    held = {r["office"] for p in people for r in p["roles"]}
    assert not [o["id"] for o in offices if o["id"] not in held]


def test_no_overlapping_terms_of_single_holder_offices(
    people: list[dict[str, Any]], office_index: dict[str, dict[str, Any]]
) -> None:
    overlaps = []
    for office, chain in _terms(people).items():
        if office_index.get(office, {}).get("concurrent", False):
            continue
        for (_, end, holder), (start, _, successor) in pairwise(chain):
            if end is None or end - start > MAX_HANDOVER:
                overlaps.append((office, holder, successor))
    assert not overlaps


def test_a_person_does_not_overlap_with_themselves(people: list[dict[str, Any]]) -> None:
    for person in people:
        by_office: dict[str, list[tuple[dt.date, dt.date]]] = defaultdict(list)
        for role in person["roles"]:
            by_office[role["office"]].append((role["start"], role["end"] or dt.date.max))
        for office, spans in by_office.items():
            spans.sort()
            for (_, end), (start, _) in pairwise(spans):
                assert end <= start, f"{person['id']}: two overlapping {office} terms"


def test_holders_are_contiguous(
    people: list[dict[str, Any]], office_index: dict[str, dict[str, Any]]
) -> None:
    gaps = []
    for office, chain in _terms(people).items():
        if office_index.get(office, {}).get("concurrent", False) or office in KNOWN_VACANCIES:
            continue
        for (_, end, holder), (start, _, successor) in pairwise(chain):
            if end is not None and start >= dt.date(2000, 1, 1) and start - end > MAX_VACANCY:
                gaps.append((office, holder, successor, (start - end).days))
    assert not gaps


@pytest.mark.parametrize(
    ("person_id", "office", "on", "expected"),
    [
        ("person:wang-yi", "chn.foreign_minister", dt.date(2020, 6, 1), True),
        ("person:wang-yi", "chn.foreign_minister", dt.date(2023, 3, 1), False),
        ("person:wang-yi", "chn.foreign_minister", dt.date(2024, 3, 1), True),
        ("person:wang-yi", "chn.top_diplomat", dt.date(2023, 1, 1), True),
        ("person:qin-gang", "chn.foreign_minister", dt.date(2023, 3, 1), True),
        ("person:yang-jiechi", "chn.top_diplomat", dt.date(2022, 12, 30), True),
        ("Q23530", "rus.president", dt.date(2010, 1, 1), True),
        ("Q23530", "rus.prime_minister", dt.date(2020, 1, 15), False),
        ("Q23530", "rus.security_council_deputy_chairman", dt.date(2024, 6, 1), True),
        ("Q7747", "rus.president", dt.date(2010, 1, 1), False),
        ("Q7747", "rus.president", dt.date(2024, 5, 7), True),
        ("Q7747", "rus.prime_minister", dt.date(2010, 1, 1), True),
        ("Q22686", "usa.president", dt.date(2022, 1, 1), False),
        ("Q22686", "usa.president", dt.date(2025, 1, 20), True),
        ("Q6279", "usa.president", dt.date(2025, 1, 20), False),
        ("person:antony-blinken", "usa.foreign_minister", dt.date(2023, 1, 1), True),
        ("person:sergei-lavrov", "rus.foreign_minister", dt.date(2026, 11, 1), True),
        ("Q3881739", "ukr.president", dt.date(2019, 5, 19), False),
        ("person:dmitry-peskov", "rus.presidential_spokesperson", dt.date(2022, 2, 24), True),
    ],
)
def test_known_terms(
    people: list[dict[str, Any]], person_id: str, office: str, on: dt.date, expected: bool
) -> None:
    person = next(p for p in people if p["id"] == person_id)
    holds = any(
        r["office"] == office and r["start"] <= on and (r["end"] is None or on < r["end"])
        for r in person["roles"]
    )
    assert holds is expected


def test_core_people_present(people: list[dict[str, Any]]) -> None:
    names = {p["name"] for p in people}
    core = {
        "Xi Jinping",
        "Vladimir Putin",
        "Wang Yi",
        "Dmitry Medvedev",
        "Volodymyr Zelensky",
        "Joe Biden",
        "Donald Trump",
        "Sergei Lavrov",
        "Qin Gang",
        "Yang Jiechi",
        "Antony Blinken",
        "Dmitry Peskov",
        "Mao Ning",
        "Wang Wenbin",
        "Li Qiang",
        "Maria Zakharova",
    }
    assert core <= names, core - names
