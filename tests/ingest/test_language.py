"""Language detection: offline, normalised confidence, robust to foreign names."""

from __future__ import annotations

from pathlib import Path

import pytest

from entente.ingest.language import detect_language

ENGLISH = (
    "The foreign ministers of Chile and Norway met in Oslo on Tuesday to discuss fisheries. "
    "Both sides agreed to set up a joint working group, which will report by the end of the year."
)


def test_english_news() -> None:
    language, confidence = detect_language(ENGLISH)
    assert language == "en"
    assert 0.9 <= confidence <= 1.0


@pytest.mark.parametrize(
    "text",
    [
        "Xi Jinping met Vladimir Putin, Sergei Lavrov and Wang Yi in Astana, where Kassym-Jomart "
        "Tokayev, Shavkat Mirziyoyev and Emomali Rahmon hosted Recep Tayyip Erdogan and Narendra "
        "Modi.",
        "Li Qiang and Mikhail Mishustin met in Shanghai on Tuesday; Zhao Leji, Cai Qi and Ding "
        "Xuexiang joined Sergei Shoigu and Nikolai Patrushev, Maria Zakharova said.",
        "Volodymyr Zelenskyy, Dmytro Kuleba and Andriy Yermak met Olaf Scholz, Annalena Baerbock "
        "and Boris Pistorius in Kyiv, while Jens Stoltenberg spoke to Mette Frederiksen.",
    ],
)
def test_english_dense_with_foreign_names(text: str) -> None:
    # Without setting names aside, the first two read as Uzbek and Nigerian Pidgin.
    assert detect_language(text)[0] == "en"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Der russische Präsident hat am Mittwoch in Peking mit dem chinesischen Staatschef "
            "über die Zusammenarbeit beider Länder gesprochen.",
            "de",
        ),
        (
            "Le président russe s'est entretenu mercredi à Pékin avec le dirigeant chinois de la "
            "coopération entre les deux pays.",
            "fr",
        ),
        (
            "El presidente ruso se reunió el miércoles en Pekín con el líder chino para hablar de "
            "la cooperación entre ambos países.",
            "es",
        ),
        (
            "Президент России в среду провёл в Пекине переговоры с председателем КНР о "
            "сотрудничестве двух стран.",
            "ru",
        ),
        ("ロシアの大統領は水曜日に北京で中国の国家主席と会談した。", "ja"),
    ],
)
def test_other_languages(text: str, expected: str) -> None:
    language, confidence = detect_language(text)
    assert language == expected
    assert 0.0 < confidence <= 1.0


@pytest.mark.parametrize(
    "text", ["", "   ", "Xi Jinping", "12 345 2023", "https://example.com/a [1] 2023", "Oslo!"]
)
def test_too_short_or_no_letters(text: str) -> None:
    assert detect_language(text) == (None, 0.0)


def test_upper_case_text() -> None:
    assert (
        detect_language("RUSSIA AND CHINA SIGN A NEW TRADE AGREEMENT IN MOSCOW ON TUESDAY")[0]
        == "en"
    )


def test_long_text_is_judged_by_its_beginning() -> None:
    long = (ENGLISH + " ") * 200
    assert detect_language(long)[0] == "en"


def test_seeds_are_english(seeds_dir: Path) -> None:
    for path in sorted(seeds_dir.glob("0*.txt")):
        language, confidence = detect_language(path.read_text(encoding="utf-8"))
        assert language == "en", path.name
        assert confidence > 0.99
