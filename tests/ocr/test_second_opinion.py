"""RapidOCR's opinion on phone lines: the merge rules, and the real engine on real pixels."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from ocr import ScanOptions, scan_card
from ocr.second_opinion import (
    DET_LONG_SIDE,
    _as_line,
    available,
    doubtful,
    phone_runs,
    read_doubtful_lines,
    read_lines,
    with_phone_lines,
)
from ocr.synthetic import synthetic_photo
from ocr.types import OcrLine, Word


def line(text: str, top: int, conf: float = 0.95) -> OcrLine:
    box = (40, top, 20 * len(text), 30)
    return OcrLine(text, conf, box, (Word(text, conf, box),))


NAME = line("Ana Souza", 40)
MAIL = line("ana@souza.com.br", 200)


@pytest.mark.parametrize(
    ("tesseract", "opinion", "expected"),
    [
        pytest.param(
            [NAME, MAIL],
            [line("Cel. (11) 99679-9468", 120)],
            ["Ana Souza", "Cel. (11) 99679-9468", "ana@souza.com.br"],
            id="number-tesseract-missed-is-added-in-reading-order",
        ),
        pytest.param(
            [NAME, line("Cell: 817-228-4401", 120), MAIL],
            [line("Cell:817-228-6401", 118)],
            ["Ana Souza", "Cell:817-228-6401", "ana@souza.com.br"],
            id="one-digit-slip-is-replaced",
        ),
        pytest.param(
            [NAME, line("Fax: 2131-3418 Podi", 150)],
            [line("Pabx:(11)2131-3400-Fax:2131-3418", 150)],
            ["Ana Souza", "Pabx:(11)2131-3400-Fax:2131-3418"],
            id="part-read-line-gives-way-to-the-whole",
        ),
        pytest.param(
            [NAME, line("TEL +81-852-32-1140", 120)],
            [line("TEL+81-852-32-1140", 120)],
            ["Ana Souza", "TEL +81-852-32-1140"],
            id="number-already-read-changes-nothing",
        ),
        pytest.param(
            [NAME, line("Tel 11 4568-9563 | ana@souza.com.br", 120)],
            [line("Tel 11 4568-9568", 120)],
            ["Ana Souza", "Tel 11 4568-9563 | ana@souza.com.br", "Tel 11 4568-9568"],
            id="line-with-an-email-is-kept",
        ),
        pytest.param(
            [NAME],
            [line("Cel. (11) 99679-9468", 120, conf=0.6)],
            ["Ana Souza"],
            id="unsure-opinion-is-ignored",
        ),
        pytest.param(
            [NAME],
            [line("EletronicaADACHILtda", 120)],
            ["Ana Souza"],
            id="words-are-never-taken",
        ),
    ],
)
def test_phone_lines_are_merged(
    tesseract: list[OcrLine], opinion: list[OcrLine], expected: list[str]
) -> None:
    assert [merged.text for merged in with_phone_lines(tesseract, opinion)] == expected


@pytest.mark.parametrize(
    ("text", "runs"),
    [
        pytest.param("Pabx:(11)2131-3400-Fax:2131-3418", ["1121313400", "21313418"], id="two"),
        pytest.param("Rua Pinhal 283 CEP:03564-040", [], id="postcode-after-its-label"),
        pytest.param("M +41 78 606 00 30", ["41786060030"], id="spaced-groups"),
    ],
)
def test_phone_runs(text: str, runs: list[str]) -> None:
    assert phone_runs(text) == runs


def test_the_engine_is_installed() -> None:
    # `make setup` installs it: a missing engine would turn the option into a silent no-op.
    assert available()


def test_engine_reads_a_printed_number() -> None:
    card = np.full((400, 1000, 3), 245, np.uint8)
    cv2.putText(card, "Tel +39 02 8475 1937", (40, 200), cv2.FONT_HERSHEY_DUPLEX, 1.5, (20,) * 3, 2)
    runs = [run for found in read_lines(card) for run in phone_runs(found.text)]
    assert "390284751937" in runs


@pytest.mark.tesseract
def test_pipeline_takes_the_whole_opinion_only_when_asked() -> None:
    jpeg, label = synthetic_photo(3)
    plain = scan_card(jpeg, ScanOptions())  # its numbers read surely: no re-check either
    asked = scan_card(jpeg, ScanOptions(second_opinion=True))
    assert "second_opinion" not in plain.timings_ms
    assert "second_opinion" in asked.timings_ms
    assert {p.number for p in asked.fields.phones} == {p["number"] for p in label["phones"]}


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        pytest.param([NAME, line("Tel 02 8475 1937", 120)], False, id="numbers-read-surely"),
        pytest.param([NAME, MAIL], True, id="no-number-read"),
        pytest.param([NAME, line("Tel 02 8475 1q37", 120, 0.5)], True, id="a-number-read-unsurely"),
        pytest.param(
            [NAME, line("Tel 02 8475 1937", 120), line("Via Roma 1", 160, 0.4)],
            False,
            id="unsure-words-without-a-number",
        ),
    ],
)
def test_phones_are_doubtful_when_missed_or_read_unsurely(
    lines: list[OcrLine], expected: bool
) -> None:
    assert doubtful(lines) is expected


def test_the_re_check_reads_only_what_tesseract_missed_or_doubted() -> None:
    card = np.full((400, 1000, 3), 245, np.uint8)
    cv2.putText(card, "Anna Rossi", (40, 100), cv2.FONT_HERSHEY_DUPLEX, 1.5, (20,) * 3, 2)
    cv2.putText(card, "Tel +39 02 8475 1937", (40, 300), cv2.FONT_HERSHEY_DUPLEX, 1.5, (20,) * 3, 2)
    name = OcrLine("Anna Rossi", 0.96, (30, 50, 330, 70))  # read surely, and no number on it
    opinion = read_doubtful_lines(card, [name])
    assert [run for found in opinion for run in phone_runs(found.text)] == ["390284751937"]
    assert not any("Anna" in found.text for found in opinion)


def test_a_number_tesseract_read_surely_is_not_asked_again() -> None:
    card = np.full((400, 1000, 3), 245, np.uint8)
    cv2.putText(card, "Anna Rossi", (40, 100), cv2.FONT_HERSHEY_DUPLEX, 1.5, (20,) * 3, 2)
    cv2.putText(card, "Tel +39 02 8475 1937", (40, 300), cv2.FONT_HERSHEY_DUPLEX, 1.5, (20,) * 3, 2)
    name = OcrLine("Anna Rossi", 0.96, (30, 50, 330, 70))
    number = OcrLine("Tel +39 02 8475 1937", 0.93, (30, 250, 640, 70))
    assert read_doubtful_lines(card, [name, number]) == []


def test_the_re_check_reads_a_logo_even_where_tesseract_was_sure() -> None:
    card = np.full((500, 1000, 3), 245, np.uint8)
    cv2.putText(card, "Lumen", (40, 150), cv2.FONT_HERSHEY_TRIPLEX, 4.0, (20,) * 3, 6)
    cv2.putText(card, "Anna Rossi", (40, 300), cv2.FONT_HERSHEY_DUPLEX, 1.0, (20,) * 3, 2)
    cv2.putText(card, "Via Roma 1", (40, 400), cv2.FONT_HERSHEY_DUPLEX, 1.0, (20,) * 3, 2)
    read_surely = [  # Tesseract "read" the logo as a word: lettering this tall is asked anyway
        OcrLine("Lurnen", 0.95, (30, 50, 420, 120)),
        OcrLine("Anna Rossi", 0.96, (30, 270, 260, 40)),
        OcrLine("Via Roma 1", 0.96, (30, 370, 260, 40)),
    ]
    assert [found.text for found in read_doubtful_lines(card, read_surely)] == ["Lumen"]


@pytest.mark.tesseract
def test_a_card_with_a_domain_but_no_company_has_its_logo_re_checked() -> None:
    card = np.full((600, 1050, 3), 245, np.uint8)
    for text, y in [("Anna Rossi", 150), ("Tel +39 02 8475 1937", 300), ("anna@lumen.it", 400)]:
        cv2.putText(card, text, (60, y), cv2.FONT_HERSHEY_DUPLEX, 1.4, (20,) * 3, 2)
    jpeg = cv2.imencode(".jpg", card)[1].tobytes()
    scanned = scan_card(jpeg, ScanOptions())
    assert scanned.fields.emails == ("anna@lumen.it",) and scanned.fields.company is None
    assert "second_opinion" in scanned.timings_ms  # no number to doubt: the logo was looked for
    assert "second_opinion" not in scan_card(jpeg, ScanOptions(recheck=False)).timings_ms


@pytest.mark.tesseract
def test_a_card_whose_number_was_missed_is_re_checked_unless_turned_off() -> None:
    card = np.full((600, 1050, 3), 245, np.uint8)
    cv2.putText(card, "Anna Rossi", (60, 200), cv2.FONT_HERSHEY_DUPLEX, 2.0, (20,) * 3, 3)
    jpeg = cv2.imencode(".jpg", card)[1].tobytes()
    assert "second_opinion" in scan_card(jpeg, ScanOptions()).timings_ms
    assert "second_opinion" not in scan_card(jpeg, ScanOptions(recheck=False)).timings_ms


def test_full_width_marks_of_the_chinese_model_read_as_ascii() -> None:
    corners = [[10, 20], [300, 20], [300, 50], [10, 50]]
    assert _as_line(corners, "Pabx:（11）2131-3400", 0.97).text == "Pabx:(11)2131-3400"


def test_regions_found_on_a_small_copy_are_read_at_full_size() -> None:
    # A card twice the detector's size: the number's region is found on the copy, and its
    # corners are placed back on the card (the name, read surely, is not asked).
    width = 2 * DET_LONG_SIDE
    card = np.full((width * 4 // 7, width, 3), 245, np.uint8)
    cv2.putText(card, "Anna Rossi", (80, 200), cv2.FONT_HERSHEY_DUPLEX, 3.0, (20,) * 3, 4)
    cv2.putText(card, "Tel +39 02 8475 1937", (80, 600), cv2.FONT_HERSHEY_DUPLEX, 3.0, (20,) * 3, 4)
    name = OcrLine("Anna Rossi", 0.96, (70, 100, 660, 140))
    (number,) = read_doubtful_lines(card, [name])
    assert phone_runs(number.text) == ["390284751937"]
    x, y, w, h = number.box
    assert 60 <= x <= 100 and 520 <= y <= 560 and w > 900
