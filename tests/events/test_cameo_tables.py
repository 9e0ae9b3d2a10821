"""Consistency checks and spot checks for the CAMEO / PLOVER / Goldstein tables."""

from __future__ import annotations

import re

import pytest

from entente.events.cameo import CameoCode, cameo_table, lookup, plover_modes, root_of

ROOTS = [f"{n:02d}" for n in range(1, 21)]


def _expected_quad(root: str) -> int:
    number = int(root)
    if number <= 5:
        return 1
    if number <= 8:
        return 2
    if number <= 13:
        return 3
    return 4


def test_table_is_large_and_has_all_twenty_roots() -> None:
    table = cameo_table()
    assert len(table) >= 200
    assert [code for code in table if len(code) == 2] == ROOTS


def test_codes_are_digit_strings_of_two_to_four_digits() -> None:
    for code in cameo_table():
        assert re.fullmatch(r"\d{2,4}", code), code


def test_every_root_is_its_code_prefix_and_exists() -> None:
    table = cameo_table()
    for code, entry in table.items():
        assert entry.code == code
        assert entry.root == code[:2], code
        assert entry.root in table, code


def test_every_longer_code_has_its_parent() -> None:
    table = cameo_table()
    for code in table:
        if len(code) > 2:
            assert code[:-1] in table, f"{code} has no parent {code[:-1]}"


def test_quad_class_follows_root_ranges() -> None:
    for code, entry in cameo_table().items():
        assert entry.quad_class == _expected_quad(entry.root), code


def test_goldstein_within_scale() -> None:
    for code, entry in cameo_table().items():
        assert -10.0 <= entry.goldstein <= 10.0, code


def test_cooperation_scores_above_conflict_scores_on_average() -> None:
    table = cameo_table().values()
    coop = [e.goldstein for e in table if e.quad_class in (1, 2)]
    conflict = [e.goldstein for e in table if e.quad_class in (3, 4)]
    assert max(conflict) < 0 < min(e.goldstein for e in table if e.quad_class == 2)
    assert sum(coop) / len(coop) > sum(conflict) / len(conflict)


def test_plover_types_and_modes_are_declared() -> None:
    modes = plover_modes()
    assert len(modes) == 16
    for code, entry in cameo_table().items():
        if entry.plover_type is None:
            assert entry.plover_mode is None, code
            continue
        assert entry.plover_type in modes, code
        if entry.plover_mode is not None:
            assert entry.plover_mode in modes[entry.plover_type], code


def test_only_public_statements_lack_a_plover_type() -> None:
    unmapped = {code for code, e in cameo_table().items() if e.plover_type is None}
    assert unmapped
    assert all(code.startswith("01") for code in unmapped)


@pytest.mark.parametrize(
    ("code", "goldstein"),
    [
        ("010", 0.0),
        ("020", 3.0),
        ("036", 4.0),
        ("040", 1.0),
        ("042", 1.9),
        ("043", 2.8),
        ("046", 7.0),
        ("051", 3.4),
        ("057", 8.0),
        ("061", 6.4),
        ("071", 7.4),
        ("0874", 10.0),
        ("111", -2.0),
        ("112", -2.0),
        ("130", -4.4),
        ("138", -7.0),
        ("160", -4.0),
        ("163", -8.0),
        ("166", -7.0),
        ("173", -5.0),
        ("190", -10.0),
    ],
)
def test_known_goldstein_values(code: str, goldstein: float) -> None:
    assert lookup(code).goldstein == pytest.approx(goldstein)


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("042", "Make a visit"),
        ("043", "Host a visit"),
        ("057", "Sign formal agreement"),
        ("163", "Impose embargo, boycott, or sanctions"),
        ("0211", "Appeal for economic cooperation"),
        ("1385", "Threaten attack with WMD"),
        ("2042", "Detonate nuclear weapons"),
    ],
)
def test_known_names(code: str, name: str) -> None:
    assert lookup(code).name == name


@pytest.mark.parametrize(
    ("code", "plover_type", "plover_mode"),
    [
        ("042", "CONSULT", "visit"),
        ("043", "CONSULT", "host"),
        ("041", "CONSULT", "phone"),
        ("046", "CONSULT", None),
        ("0841", "RETREAT", "release"),
        ("081", "CONCEDE", None),
        ("1041", "REQUEST", "change"),
        ("0231", "REQUEST", "assist"),
        ("091", "ACCUSE", "investigate"),
        ("163", "SANCTION", "sever"),
        ("173", "COERCE", "arrest"),
        ("1441", "PROTEST", "obstruct"),
        ("193", "ASSAULT", "firearms"),
        ("204", "ASSAULT", None),
    ],
)
def test_known_plover_mappings(code: str, plover_type: str, plover_mode: str | None) -> None:
    entry = lookup(code)
    assert (entry.plover_type, entry.plover_mode) == (plover_type, plover_mode)


def test_four_digit_codes_named_in_the_codebook_exist() -> None:
    table = cameo_table()
    for code in ["0211", "0311", "1031", "1041", "1121", "1243", "1311", "1711", "1721", "1822"]:
        assert code in table
    for stem, last in [("138", 5), ("183", 4), ("195", 2), ("204", 2)]:
        assert all(f"{stem}{n}" in table for n in range(1, last + 1)), stem


def test_lookup_returns_frozen_record_and_strips_whitespace() -> None:
    entry = lookup(" 042 ")
    assert isinstance(entry, CameoCode)
    assert entry == CameoCode(
        code="042",
        root="04",
        name="Make a visit",
        quad_class=1,
        goldstein=1.9,
        plover_type="CONSULT",
        plover_mode="visit",
    )
    with pytest.raises(AttributeError):
        entry.goldstein = 0.0  # type: ignore[misc]


@pytest.mark.parametrize("bad", ["42", "999", "", "04a", "21"])
def test_lookup_unknown_code_raises_clear_key_error(bad: str) -> None:
    with pytest.raises(KeyError, match="unknown CAMEO event code"):
        lookup(bad)


def test_root_of() -> None:
    assert root_of("042") == "04"
    assert root_of("1831") == "18"
    assert root_of("20") == "20"
    with pytest.raises(KeyError):
        root_of("999")


def test_table_is_cached() -> None:
    assert cameo_table() is cameo_table()


def test_uncertain_values_carry_a_note() -> None:
    # Codes added after the standard Goldstein table have assumed weights and must say so.
    for code in ["155", "176", "1834", "1951", "1952"]:
        note = lookup(code).note
        assert note is not None and "Goldstein" in note, code
