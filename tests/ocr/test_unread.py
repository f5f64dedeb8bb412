"""read_unread: rows of print the page layout dropped are found and read alone."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from ocr import ScanOptions, scan_card
from ocr.faker_cards import faker_photo
from ocr.synthetic import synthetic_photo
from ocr.tesseract import OcrPage
from ocr.types import OcrLine, Word
from ocr.unread import read_unread, unread_rows


def card_with_rows() -> np.ndarray:
    grey = np.full((500, 1000), 245, np.uint8)
    cv2.putText(grey, "Lumen Studio Srl", (300, 120), cv2.FONT_HERSHEY_DUPLEX, 1.4, 20, 2)
    cv2.putText(grey, "Anna Rossi", (60, 300), cv2.FONT_HERSHEY_DUPLEX, 1.2, 20, 2)
    cv2.putText(grey, "Tel 02 8475 1937", (60, 400), cv2.FONT_HERSHEY_DUPLEX, 1.2, 20, 2)
    cv2.rectangle(grey, (60, 60), (200, 160), 60, -1)  # a logo tile: no letter
    return grey


READ = [
    OcrLine("Anna Rossi", 0.96, (55, 268, 240, 40)),
    OcrLine("Tel 02 8475 1937", 0.95, (55, 368, 380, 40)),
]


def test_a_row_no_line_covers_is_found() -> None:
    (row,) = unread_rows(card_with_rows(), READ)
    x, y, w, h = row
    assert 290 <= x <= 310 and 80 <= y <= 100 and w > 300 and h < 60  # the company, not the tile


@pytest.mark.parametrize(
    "lines",
    [
        pytest.param([*READ, OcrLine("Lumen Studio Srl", 0.95, (295, 85, 410, 45))], id="all-read"),
        pytest.param([], id="nothing-read-is-no-page-to-complete"),
    ],
)
def test_nothing_is_found_when(lines: list[OcrLine]) -> None:
    assert unread_rows(card_with_rows(), lines) == []


def test_only_sure_lines_read_in_the_row_are_added() -> None:
    asked = []

    def read_sparse(crop: np.ndarray) -> OcrPage:
        asked.append(crop.shape)
        return OcrPage(
            lines=(
                OcrLine("Lumen Studio Srl", 0.93, (10, 8, 400, 40)),
                OcrLine("~=", 0.95, (420, 8, 20, 40)),
            )
        )

    page = read_unread(card_with_rows(), OcrPage(lines=tuple(READ)), read_sparse)
    assert len(asked) == 1
    assert [line.text for line in page.lines] == [
        "Lumen Studio Srl",
        "Anna Rossi",
        "Tel 02 8475 1937",
    ]
    assert page.lines[0].box[1] > 60  # placed where the row is on the card


@pytest.mark.tesseract
def test_a_company_beside_a_logo_tile_is_read() -> None:
    # A dark card whose company sits beside a "WS" tile: the page layout drops the whole row.
    jpeg, label = synthetic_photo(23_000_073)
    assert scan_card(jpeg, ScanOptions(recheck=False)).fields.company == label["company"]


def card_with_small_rows_beside_a_line() -> np.ndarray:
    grey = np.full((400, 1000), 245, np.uint8)
    cv2.putText(grey, "Tel. +351 21 248 2360", (700, 235), cv2.FONT_HERSHEY_SIMPLEX, 0.6, 20, 1)
    cv2.putText(grey, "Cel. +351 912 882 287", (700, 260), cv2.FONT_HERSHEY_SIMPLEX, 0.6, 20, 1)
    cv2.putText(grey, "Ferreira Nunes", (60, 300), cv2.FONT_HERSHEY_DUPLEX, 1.2, 20, 2)
    cv2.putText(grey, "simao@ferreira.pt", (700, 285), cv2.FONT_HERSHEY_SIMPLEX, 0.6, 20, 1)
    cv2.putText(grey, "www.ferreira.pt", (720, 310), cv2.FONT_HERSHEY_SIMPLEX, 0.6, 20, 1)
    return grey


PHONES = [  # the small rows above the two beside the firm's line
    OcrLine("Tel. +351 21 248 2360", 0.95, (698, 220, 230, 18)),
    OcrLine("Cel. +351 912 882 287", 0.95, (698, 245, 230, 18)),
]


def words_of_a_line(last_word_conf: float, last_word_height: int) -> OcrLine:
    words = (
        Word("Ferreira", 0.97, (55, 270, 160, 32)),
        Word("Nunes", 0.96, (225, 270, 120, 32)),
        Word("Salentini", last_word_conf, (695, 316 - last_word_height, 230, last_word_height)),
    )
    return OcrLine("Ferreira Nunes Salentini", 0.64, (55, 262, 870, 54), words)


@pytest.mark.parametrize(
    ("conf", "height", "rows"),
    [
        pytest.param(0.0, 54, 2, id="read-as-nothing-across-two-rows"),
        pytest.param(0.6, 54, 0, id="read-as-a-word"),
        pytest.param(0.0, 32, 0, id="as-tall-as-the-line"),
        pytest.param(0.4, 46, 2, id="read-unsurely-its-ink-in-two-rows"),
        pytest.param(0.4, 20, 0, id="read-unsurely-one-row"),
    ],
)
def test_rows_under_a_word_read_as_nothing(conf: float, height: int, rows: int) -> None:
    lines = [*PHONES, words_of_a_line(conf, height)]
    found = unread_rows(card_with_small_rows_beside_a_line(), lines)
    assert len(found) == rows
    assert all(x >= 690 for x, _, _, _ in found)


@pytest.mark.tesseract
def test_an_email_read_as_one_word_with_the_website_below_it_is_read() -> None:
    # Two small rows at the height of the firm's line ("Ferreira Nunes Lda."): read as one word.
    jpeg, label = faker_photo(83_000_259)
    assert scan_card(jpeg, ScanOptions(recheck=False)).fields.emails == tuple(label["emails"])


def test_an_unsure_word_whose_rows_were_read_again_leaves_its_line() -> None:
    # "Salentini" was the two small rows beside "Ferreira Nunes", misread as one word.
    def read_sparse(crop: np.ndarray) -> OcrPage:
        height, width = crop.shape[:2]
        return OcrPage(lines=(OcrLine("simao@ferreira.pt", 0.93, (4, 4, width - 8, height - 8)),))

    page = OcrPage(lines=(*PHONES, words_of_a_line(0.4, 46)))
    texts = [
        line.text
        for line in read_unread(card_with_small_rows_beside_a_line(), page, read_sparse).lines
    ]
    assert "Ferreira Nunes" in texts and "simao@ferreira.pt" in texts
    assert not any("Salentini" in text for text in texts)


@pytest.mark.tesseract
def test_rows_under_words_read_unsurely_are_read_and_the_words_go() -> None:
    # "a si Rua Augusta, 898 - Centro": "a si" was the title and the firm, one above the
    # other, level with the street; left in, it kept the street from its town.
    jpeg, label = synthetic_photo(126_000_417)
    fields = scan_card(jpeg, ScanOptions()).fields
    assert (fields.title, fields.company) == (label["title"], label["company"])
    assert fields.address == "Rua Augusta, 898 - Centro, Rio de Janeiro - RJ, 20040-002"


def test_unsure_words_beside_a_word_hiding_rows_are_those_rows_too() -> None:
    # '8"' was the email's start (one row), "Salentini" its end over the website (two rows):
    # the rows are looked for under both, as one stretch.
    words = (
        Word("Ferreira", 0.97, (55, 270, 160, 32)),
        Word("Nunes", 0.96, (225, 270, 120, 32)),
        Word('8"', 0.45, (698, 272, 50, 16)),
        Word("Salentini", 0.4, (770, 270, 160, 46)),
    )
    line = OcrLine('Ferreira Nunes 8" Salentini', 0.64, (55, 262, 875, 54), words)
    found = unread_rows(card_with_small_rows_beside_a_line(), [*PHONES, line])
    assert sorted(x for x, _, _, _ in found) == [
        pytest.approx(701, abs=3),
        pytest.approx(721, abs=3),
    ]


@pytest.mark.tesseract
@pytest.mark.parametrize(
    ("seed", "fields"),
    [
        pytest.param(121_000_376, ("emails", "website"), id="email-over-website-beside-the-firm"),
        pytest.param(121_000_394, ("website",), id="rows-of-x-height-print"),
    ],
)
def test_small_rows_level_with_the_firm_are_read(seed: int, fields: tuple[str, ...]) -> None:
    # The firm's big line and two rows of small print beside it, read as one line ("O'Herlihy
    # LLC 8" Wonnwheriihyie", "van der Meulen Groep W wena ala"); rows close together are read
    # again with their margins blank when the neighbour's tops spoil them.
    jpeg, label = faker_photo(seed)
    read = scan_card(jpeg, ScanOptions(recheck=False)).fields
    assert read.website == label["website"]
    if "emails" in fields:
        assert read.emails == tuple(label["emails"])


def card_with_a_website_row() -> tuple[np.ndarray, tuple[int, int, int, int]]:
    grey = np.full((300, 1000), 245, np.uint8)
    cv2.putText(grey, "Bob Phillips", (300, 120), cv2.FONT_HERSHEY_DUPLEX, 1.2, 20, 2)
    text = "www.bikeconnection.net"
    cv2.putText(grey, text, (300, 200), cv2.FONT_HERSHEY_SIMPLEX, 0.8, 20, 2)
    (width, height), _ = cv2.getTextSize(text, cv2.FONT_HERSHEY_SIMPLEX, 0.8, 2)
    return grey, (300, 200 - height, width, height)


def test_scraps_read_unsurely_do_not_hide_the_row_they_were_misread_from() -> None:
    grey, (x, y, w, h) = card_with_a_website_row()
    read = [
        OcrLine("Bob Phillips", 0.95, (295, 90, 300, 35)),
        OcrLine("HKECO", 0.25, (x + 70, y, 60, h)),
        OcrLine("tec", 0.56, (x + 150, y, 30, h)),
    ]
    (row,) = unread_rows(grey, read)
    assert row[0] <= x + 5 and row[0] + row[2] >= x + w - 5  # the whole row, in one piece


@pytest.mark.parametrize(
    ("text", "added"),
    [
        pytest.param("www. bikeconnection.net", True, id="a-web-address-read-unsurely"),
        pytest.param("Bike Connection Ltd", False, id="other-print-read-unsurely"),
    ],
)
def test_rows_read_unsurely_are_added_when_they_read_as_an_address(text: str, added: bool) -> None:
    grey, _ = card_with_a_website_row()

    def read_sparse(crop: np.ndarray) -> OcrPage:
        height, width = crop.shape[:2]
        return OcrPage(lines=(OcrLine(text, 0.4, (4, 4, width - 8, height - 8)),))

    page = OcrPage(lines=(OcrLine("Bob Phillips", 0.95, (295, 90, 300, 35)),))
    texts = [line.text for line in read_unread(grey, page, read_sparse).lines]
    assert (text in texts) == added


def test_a_rule_between_columns_ends_the_rows_under_a_word() -> None:
    # "Nunes" read unsurely stays its line's: a "|" stands between it and the rows.
    words = (
        Word("Ferreira", 0.97, (55, 270, 160, 32)),
        Word("Nunes", 0.35, (225, 270, 120, 32)),
        Word("|", 0.35, (600, 262, 10, 54)),
        Word("Salentini", 0.4, (695, 270, 230, 46)),
    )
    line = OcrLine("Ferreira Nunes | Salentini", 0.52, (55, 262, 870, 54), words)
    found = unread_rows(card_with_small_rows_beside_a_line(), [*PHONES, line])
    assert found and all(x >= 690 for x, _, _, _ in found)
