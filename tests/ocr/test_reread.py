"""Doubtful contact lines re-read alone, enlarged, with real Tesseract."""

from __future__ import annotations

from dataclasses import replace

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from ocr import ScanOptions, scan_card
from ocr.reread import dots_seen, reread_lines
from ocr.synthetic import font_families, synthetic_photo
from ocr.tesseract import PSM_LINE, Deadline, OcrPage, recognize
from ocr.types import OcrLine, Word

pytestmark = pytest.mark.tesseract
PRINTED = "Tel 734-552-8728"


def _small_print() -> tuple[np.ndarray, tuple[int, int, int, int]]:
    grey = np.full((120, 700), 255, np.uint8)
    cv2.putText(grey, PRINTED, (40, 70), cv2.FONT_HERSHEY_SIMPLEX, 0.7, 0, 2, cv2.LINE_AA)
    return grey, (36, 52, 240, 24)


def _read_line(crop: np.ndarray) -> OcrPage:
    return recognize(crop, lang="eng", deadline=Deadline(20), psm=PSM_LINE)


def _page(text: str, conf: float, box: tuple[int, int, int, int]) -> OcrPage:
    return OcrPage(lines=(OcrLine(text, conf, box, (Word(text, conf, box),)),))


def test_a_doubtful_number_line_is_replaced_by_its_surer_reading() -> None:
    grey, box = _small_print()
    (line,) = reread_lines(grey, _page("Tel 784-552:8728 —", 0.40, box), _read_line).lines
    assert "734-552-8728" in line.text and line.conf > 0.43
    assert all(abs(w.box[1] - box[1]) < 20 for w in line.words)  # boxes in the card's pixels


@pytest.mark.parametrize(
    ("text", "conf"),
    [
        pytest.param("Tel 784-552-8728", 0.97, id="read-surely"),
        pytest.param("www.example.com", 0.50, id="another-text"),
        pytest.param("Managing Director", 0.50, id="no-contact-line"),
    ],
)
def test_other_lines_are_kept(text: str, conf: float) -> None:
    grey, box = _small_print()
    (line,) = reread_lines(grey, _page(text, conf, box), _read_line).lines
    assert line.text == text


def test_a_reread_that_splits_a_word_is_refused() -> None:
    grey, box = _small_print()
    (line,) = reread_lines(grey, _page("Tel 734-552-8728", 0.40, box), _read_line).lines
    assert line.text == "Tel 734-552-8728"  # confirmed, untouched
    joined = "Tel734-552-8728"
    (line,) = reread_lines(grey, _page(joined, 0.40, box), _read_line).lines
    assert line.text == joined  # the re-read "Tel 734-552-8728" has one word more


def _logo_beside_name() -> np.ndarray:
    # A logo's circle runs into the name's first word: the page pass reads them as one tall word.
    grey = np.full((260, 900), 255, np.uint8)
    cv2.circle(grey, (80, 120), 80, 0, 6)
    cv2.putText(
        grey, "Tim Butler Director", (190, 140), cv2.FONT_HERSHEY_SIMPLEX, 1.1, 0, 2, cv2.LINE_AA
    )
    return grey


def test_a_name_a_logo_swallowed_is_read_again_in_the_rows_of_its_print() -> None:
    words = (
        Word("DI", 0.25, (10, 15, 250, 210)),
        Word("Butler", 0.80, (270, 112, 130, 34)),
        Word("Director", 0.85, (420, 112, 190, 34)),
    )
    line = OcrLine("DI Butler Director", 0.6, (10, 15, 600, 210), words)
    (again,) = reread_lines(_logo_beside_name(), OcrPage(lines=(line,)), _read_line).lines
    assert again.text.endswith("Tim Butler Director")
    assert again.box[3] < 60  # the band of the print, not the logo's height


def test_a_line_whose_first_word_is_read_surely_is_left_alone() -> None:
    words = (
        Word("Tim", 0.9, (190, 112, 60, 34)),
        Word("Butler", 0.80, (270, 112, 130, 34)),
        Word("Director", 0.85, (420, 112, 190, 34)),
    )
    line = OcrLine("Tim Butler Director", 0.85, (190, 112, 420, 34), words)
    assert reread_lines(_logo_beside_name(), OcrPage(lines=(line,)), _read_line).lines == (line,)


def _contact_block() -> tuple[np.ndarray, dict[str, tuple[int, int, int, int]]]:
    # Right-aligned contact lines; the email, the longest, starts left of all the others.
    grey = np.full((260, 1000), 255, np.uint8)
    boxes = {}
    for row, text in enumerate(("Tel +49 89 7798", "stefan@systemeelektro.com", "www.elektro.de")):
        (width, height), _ = cv2.getTextSize(text, cv2.FONT_HERSHEY_SIMPLEX, 0.8, 2)
        x, baseline = 960 - width, 60 + row * 60
        cv2.putText(grey, text, (x, baseline), cv2.FONT_HERSHEY_SIMPLEX, 0.8, 0, 2, cv2.LINE_AA)
        boxes[text] = (x, baseline - height, width, height + 4)
    return grey, boxes


def test_an_email_whose_start_was_lost_is_read_again_along_its_row() -> None:
    grey, boxes = _contact_block()
    x, y, w, h = boxes["stefan@systemeelektro.com"]
    tel, web = (
        _page(text, 0.95, boxes[text]).lines[0] for text in ("Tel +49 89 7798", "www.elektro.de")
    )
    end = (x + w - 150, y, 150, h)  # only "lektro.com" was read
    fragment = OcrLine("lektro.com", 0.9, end, (Word("lektro.com", 0.9, end),))
    page = OcrPage(lines=(tel, fragment, web))
    lines = reread_lines(grey, page, _read_line).lines
    assert [line.text for line in lines][1] == "stefan@systemeelektro.com"
    assert lines[0] is tel and lines[2] is web


def _ink_box(grey: np.ndarray, x0: int, x1: int) -> tuple[int, int, int, int]:
    ys, xs = np.nonzero(grey[:, x0:x1] < 128)
    return x0 + int(xs.min()), int(ys.min()), int(np.ptp(xs)) + 1, int(np.ptp(ys)) + 1


def test_an_email_printed_at_a_slant_is_read_again_in_the_rows_of_its_pieces() -> None:
    # The row rises 15 px along the email: the rows of its end alone cut through its start.
    grey = np.full((160, 1000), 255, np.uint8)
    text = "Email: scott.escobar@campbell-anderson.com"
    cv2.putText(grey, text, (330, 90), cv2.FONT_HERSHEY_SIMPLEX, 0.7, 0, 2, cv2.LINE_AA)
    turn = cv2.getRotationMatrix2D((500, 80), 2.0, 1.0)
    grey = cv2.warpAffine(grey, turn, (1000, 160), borderValue=255)
    (width, _), _ = cv2.getTextSize(text, cv2.FONT_HERSHEY_SIMPLEX, 0.7, 2)
    label, end = _ink_box(grey, 320, 410), _ink_box(grey, 330 + width - 190, 1000)
    page = OcrPage(
        lines=(
            OcrLine("Email:", 0.95, label, (Word("Email:", 0.95, label),)),
            OcrLine("bell-anderson.com", 0.93, end, (Word("bell-anderson.com", 0.93, end),)),
        )
    )
    lines = reread_lines(grey, page, _read_line).lines
    assert [line.text for line in lines] == ["Email:", "scott.escobar@campbell-anderson.com"]


def test_a_website_alone_on_its_row_is_kept() -> None:
    grey, boxes = _contact_block()
    x, y, w, h = boxes["www.elektro.de"]
    site = OcrLine(
        "elektro.de",
        0.9,
        (x + 50, y, w - 50, h),
        (Word("elektro.de", 0.9, (x + 50, y, w - 50, h)),),
    )
    assert reread_lines(grey, OcrPage(lines=(site,)), _read_line).lines == (site,)


def _title_beside_phone() -> tuple[np.ndarray, tuple[int, int, int, int]]:
    grey = np.full((120, 1000), 255, np.uint8)
    font = cv2.FONT_HERSHEY_SIMPLEX
    cv2.putText(grey, "Consultor Senior", (40, 70), font, 0.9, 0, 2, cv2.LINE_AA)
    cv2.putText(grey, "Tel. 956 93 18 73", (700, 70), font, 0.7, 0, 2, cv2.LINE_AA)
    (width, height), _ = cv2.getTextSize("Consultor Senior", font, 0.9, 2)
    return grey, (40, 70 - height, width, height + 4)


def _title_line(box: tuple[int, int, int, int], title_conf: float) -> OcrLine:
    x, y, w, h = box
    words = (
        Word("FOR", title_conf, (x, y, w // 2 - 10, h)),
        Word("00", title_conf, (x + w // 2, y, w // 2, h)),
        Word("Tel.", 0.96, (700, y, 50, h)),
        Word("956", 0.96, (760, y, 50, h)),
    )
    return OcrLine("FOR 00 Tel. 956", 0.6, (x, y, 810 - x, h), words)


def test_barely_read_words_apart_from_their_line_are_read_again_alone() -> None:
    grey, box = _title_beside_phone()
    (line,) = reread_lines(grey, OcrPage(lines=(_title_line(box, 0.35),)), _read_line).lines
    assert line.text == "Consultor Senior Tel. 956"


def test_words_read_well_enough_are_not_read_again() -> None:
    grey, box = _title_beside_phone()
    line = _title_line(box, 0.6)
    assert reread_lines(grey, OcrPage(lines=(line,)), _read_line).lines == (line,)


def test_an_email_split_in_two_lines_on_its_row_is_read_as_one() -> None:
    grey = np.full((120, 1000), 255, np.uint8)
    text = "E thiago.lima@tecnologia.com.br"
    (width, height), _ = cv2.getTextSize(text, cv2.FONT_HERSHEY_SIMPLEX, 0.8, 2)
    x = 960 - width
    cv2.putText(grey, text, (x, 70), cv2.FONT_HERSHEY_SIMPLEX, 0.8, 0, 2, cv2.LINE_AA)
    box = (x, 70 - height, width, height + 4)
    start = (box[0], box[1], 120, box[3])
    rest = (box[0] + 125, box[1], box[2] - 125, box[3])
    pieces = (
        OcrLine("E thiago.", 0.9, start, (Word("E", 0.9, start), Word("thiago.", 0.9, start))),
        OcrLine(
            "».lima@tecnologia.com.br", 0.7, rest, (Word("».lima@tecnologia.com.br", 0.7, rest),)
        ),
    )
    lines = reread_lines(grey, OcrPage(lines=pieces), _read_line).lines
    assert [line.text for line in lines] == ["thiago.lima@tecnologia.com.br"]


def _email_print() -> tuple[np.ndarray, tuple[int, int, int, int]]:
    grey = np.full((120, 900), 255, np.uint8)
    text = "Email: anna@lumenstudio.com"
    cv2.putText(grey, text, (40, 70), cv2.FONT_HERSHEY_SIMPLEX, 0.7, 0, 2, cv2.LINE_AA)
    return grey, (36, 52, 370, 24)


@pytest.mark.parametrize(
    ("read", "expected"),
    [
        pytest.param(
            "Email: ann i umenstudio.com", "anna@lumenstudio.com", id="lost-at-read-again"
        ),
        pytest.param("Web: ann i umenstudio.com", "Web: ann i umenstudio.com", id="no-email-label"),
    ],
)
def test_a_surely_read_email_line_without_its_at_is_read_again(read: str, expected: str) -> None:
    # Tesseract dropped the middle of small print, sure of the rest: only the label says so.
    grey, box = _email_print()
    (line,) = reread_lines(grey, _page(read, 0.95, box), _read_line).lines
    assert expected in line.text


@pytest.mark.parametrize(
    ("read", "expected"),
    [
        pytest.param("Email: an a@lumen studio.com", "anna@lumenstudio.com", id="broken-by-spaces"),
        pytest.param("Email: anna@lumenstudio.com", "anna@lumenstudio.com", id="whole-stays"),
    ],
)
def test_a_surely_read_email_broken_by_spaces_is_read_again(read: str, expected: str) -> None:
    # Letters dropped from small print leave spaces in the address, however sure the rest.
    grey, box = _email_print()
    (line,) = reread_lines(grey, _page(read, 0.97, box), _read_line).lines
    assert expected in line.text


def _printed(text: str) -> tuple[np.ndarray, tuple[int, int, int, int]]:
    grey = np.full((100, 520), 255, np.uint8)
    cv2.putText(grey, text, (20, 60), cv2.FONT_HERSHEY_SIMPLEX, 0.6, 0, 1, cv2.LINE_AA)
    return grey, (16, 44, 330, 22)


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        pytest.param(
            "E emma.filzi@curci.it", {"emmafilzi@curci.it": "emma.filzi@curci.it"}, id="dot-seen"
        ),
        pytest.param("E emmafilzi@curci.it", {}, id="no-dot-printed"),
    ],
)
def test_the_dot_an_email_read_without_is_looked_for(printed: str, expected: dict) -> None:
    grey, box = _printed(printed)
    lines = (OcrLine("E emmafilzi@curci.it", 0.92, box),)
    dotted = {"emmafilzi@curci.it": "emma.filzi@curci.it"}
    assert dots_seen(grey, lines, dotted, _read_line) == expected


def test_an_unsure_email_line_is_read_again_without_a_speck_apart() -> None:
    # The page pass lost the "@" (only the label says it is an email's line) and took a speck
    # of the big firm's name beside it for the line's first word: its box reaches into the name.
    grey = np.full((200, 1000), 255, np.uint8)
    cv2.putText(grey, "Davis and Carr", (20, 125), cv2.FONT_HERSHEY_DUPLEX, 1.6, 0, 3, cv2.LINE_AA)
    text = "Email: anna@lumenstudio.com"
    cv2.putText(grey, text, (560, 100), cv2.FONT_HERSHEY_SIMPLEX, 0.7, 0, 2, cv2.LINE_AA)
    words = (
        Word("*", 0.27, (300, 95, 8, 8)),
        Word("Email:", 0.93, (556, 82, 80, 22)),
        Word("ann", 0.6, (645, 82, 50, 22)),
        Word("umen.", 0.55, (760, 82, 120, 22)),
    )
    page = OcrPage(lines=(OcrLine("* Email: ann umen.", 0.6, (300, 82, 580, 22), words),))
    (line,) = reread_lines(grey, page, _read_line).lines
    assert line.text == text


def test_an_email_whose_start_a_bigger_line_swallowed_is_read_again_along_its_row() -> None:
    # "E mbe" was read as the last word of the title's line ("Key Account Manager en"), whose
    # box ends past the email's rest; the row read from the card's edge takes the title's tops.
    grey = np.full((180, 1000), 255, np.uint8)
    font = cv2.FONT_HERSHEY_SIMPLEX
    cv2.putText(grey, "Key Account Manager", (40, 118), font, 1.2, 0, 2, cv2.LINE_AA)
    text = "E mbecker@rheintalbau.de"
    (width, height), _ = cv2.getTextSize(text, font, 0.7, 2)
    x = 960 - width
    cv2.putText(grey, text, (x, 90), font, 0.7, 0, 2, cv2.LINE_AA)
    rest = (x + 70, 90 - height, width - 70, height + 4)
    title = (
        Word("Key", 0.97, (40, 92, 70, 26)),
        Word("Account", 0.97, (120, 92, 160, 26)),
        Word("Manager", 0.97, (290, 92, 170, 30)),
        Word("en", 0.24, (x, 76, 78, 20)),
    )
    page = OcrPage(
        lines=(
            OcrLine("2r@rheintalbau.de", 0.78, rest, (Word("2r@rheintalbau.de", 0.78, rest),)),
            OcrLine("Key Account Manager en", 0.79, (40, 76, x + 38, 46), title),
        )
    )
    lines = reread_lines(grey, page, _read_line).lines
    assert lines[0].text == "mbecker@rheintalbau.de"


def test_a_row_of_print_read_as_a_mark_beside_its_line_is_read_again() -> None:
    # The phone beside the title, at the title's scale, read as "Li..." (two letters, 0.41).
    grey, box = _title_beside_phone()
    (width, height), _ = cv2.getTextSize("Tel. 956 93 18 73", cv2.FONT_HERSHEY_SIMPLEX, 0.7, 2)
    words = (
        Word("Consultor", 0.96, (box[0], box[1], 150, box[3])),
        Word("Senior", 0.96, (box[0] + 160, box[1], 100, box[3])),
        Word("Li...", 0.41, (698, 70 - height, width + 4, height + 4)),
    )
    line = OcrLine("Consultor Senior Li...", 0.78, (box[0], box[1], 702 + width, box[3]), words)
    (again,) = reread_lines(grey, OcrPage(lines=(line,)), _read_line).lines
    assert again.text == "Consultor Senior Tel. 956 93 18 73"


@pytest.mark.parametrize("seed", [pytest.param(144_000_463, id="frame-of-a-tilted-card")])
def test_the_line_under_an_email_read_again_along_its_row_stays(seed: int) -> None:
    # The email read again along its row, its start read with the firm's name: the website
    # under it, within the email's row by the generous test for pieces of it, stays.
    jpeg, label = synthetic_photo(seed)
    fields = scan_card(jpeg, ScanOptions()).fields
    assert (fields.emails, fields.website) == (tuple(label["emails"]), label["website"])


def _firm_beside_email(firm: str) -> tuple[np.ndarray, tuple[int, int, int, int]]:
    """A firm's name printed large at the left of a row of small print (an email)."""
    grey = np.full((140, 1100), 255, np.uint8)
    font = cv2.FONT_HERSHEY_SIMPLEX
    cv2.putText(grey, firm, (40, 90), font, 1.6, 0, 3, cv2.LINE_AA)
    cv2.putText(grey, "E s.christian@watson.com", (650, 90), font, 0.7, 0, 2, cv2.LINE_AA)
    (width, height), _ = cv2.getTextSize(firm, font, 1.6, 3)
    return grey, (40, 90 - height, width, height + 6)


def _read_in_pieces(box: tuple[int, int, int, int], pieces: list[str]) -> OcrLine:
    """The row as the page pass read it: the big name in `pieces`, then the small email."""
    x, y, w, h = box
    letters = sum(len(p) for p in pieces)
    words, left = [], x
    for piece in pieces:
        width = w * len(piece) // letters
        words.append(Word(piece, 0.93, (left, y, width - 6, h)))
        left += width
    words += [
        Word("E", 0.93, (650, 74, 14, 17)),
        Word("s.christian@watson.com", 0.92, (672, 74, 300, 20)),
    ]
    return OcrLine(" ".join(w.text for w in words), 0.92, (x, y, 972 - x, h), tuple(words))


def test_a_big_name_read_in_pieces_beside_small_print_is_read_again_alone() -> None:
    grey, box = _firm_beside_email("Watson-Conley")
    page = OcrPage(lines=(_read_in_pieces(box, ["Watson", "-Con", "|", "ey"]),))
    (line,) = reread_lines(grey, page, _read_line).lines
    assert line.text.startswith("Watson-Conley E ")


def test_a_big_name_read_in_its_words_beside_small_print_stays() -> None:
    grey, box = _firm_beside_email("Watson Conley")
    line = _read_in_pieces(box, ["Watson", "Conley"])
    assert reread_lines(grey, OcrPage(lines=(line,)), _read_line).lines == (line,)


def _email_word(printed: str, size: int) -> tuple[np.ndarray, OcrLine]:
    """The address printed in a real font, and a line whose one word is it without its dot
    (as the page pass read it), boxed where its ink is."""
    image = Image.new("L", (40 + size * len(printed), 3 * size), 255)
    font = ImageFont.truetype(font_families()[0][0], size)
    ImageDraw.Draw(image).text((20, size), printed, font=font, fill=0)
    grey = np.asarray(image)
    ys, xs = np.nonzero(grey < 128)
    box = (int(xs.min()), int(ys.min()), int(xs.max() - xs.min() + 1), int(ys.max() - ys.min() + 1))
    read = printed.replace(".", "", 1)
    return grey, OcrLine(read, 0.92, box, (Word(read, 0.92, box),))


def _reads_no_dots(crop: np.ndarray) -> OcrPage:
    """Tesseract reading the line again, and dropping the address's first dot once more."""

    def undotted(word: Word) -> Word:
        return replace(word, text=word.text.replace(".", "", 1)) if "@" in word.text else word

    return OcrPage(
        tuple(
            replace(
                line, text=line.text.replace(".", "", 1), words=tuple(map(undotted, line.words))
            )
            for line in _read_line(crop).lines
        )
    )


@pytest.mark.parametrize("size", [18, 24, 40], ids=["small", "medium", "large"])
@pytest.mark.parametrize(
    ("printed", "seen"),
    [
        pytest.param("r.souza@novaterra.com", True, id="dot-after-the-initial"),
        pytest.param("rsouza@novaterra.com", False, id="none-printed"),
        pytest.param("ssanchez@sanchez.es", False, id="none-printed-an-s-in-pieces"),
    ],
)
def test_a_dot_no_reading_shows_is_seen_in_the_pixels(printed: str, seen: bool, size: int) -> None:
    grey, line = _email_word(printed, size)
    email = printed.replace(".", "", 1)
    with_dot = email[0] + "." + email[1:]
    found = dots_seen(grey, (line,), {email: with_dot}, _reads_no_dots)
    assert found == ({email: with_dot} if seen else {})
