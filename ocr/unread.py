"""Print the page layout dropped: rows of letters where no line was read, read again alone.

Tesseract's automatic layout (PSM 3) sometimes takes a block of text for part of a picture
and reads none of it: a company name beside a logo tile ("Williams Summit Inc" next to a "WS"
square), a name column beside a vertical rule. Reading every card as sparse text instead
(PSM 11) finds them but costs a second recognition and reads the rest worse. So the ink left
where no line was read is grouped into rows shaped like words, each row is read alone as
sparse text, and the lines read surely are added in reading order. A whole frame (no card
found: a flatbed scan) is read as sparse text already, and still drops rows beside a big logo.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import cv2
import numpy as np

from ocr.tesseract import OcrPage
from ocr.types import Box, OcrLine, Word, shared_area

MAX_ROWS = 4  # a card's dropped blocks are one or two; more unread rows are texture
MIN_LETTERS = 4  # blobs of letter size a row must hold (a word, not an icon)
LETTER_HEIGHT = (0.3, 2.5)  # a letter's height, in the card's median line heights
MIN_CONF = 0.8  # a line read below this in a dropped region is an icon's or a texture's
MIN_CHARS = 3  # letters or digits a line needs to be added
UNREAD_WORD_CONF = 0.2  # a word read below this is not read ...
ROWS_IN_WORD = 1.5  # ... and may hide rows of print when this much taller than its line's words
UNSURE_WORD_CONF = 0.5  # a word read below this whose ink lies in rows hides rows of print
ROW_SHARE = 0.2  # a row of print in a word's box: at least this share of the box's height
READ_AGAIN = 0.4  # an unsure word this much covered by rows read alone was those rows
ADDRESS_CONF = 0.3  # ... or below this when it reads as a web or email address
SCRAP_CONF = 0.6  # a line read below this with this many letters or fewer is a scrap
SCRAP_CHARS = 5


_ADDRESS = re.compile(r"\bwww\.\s?[\w-]+\.[a-z]{2,}|[\w.-]+@[\w-]+\.[a-z]{2,}", re.IGNORECASE)


def read_unread(
    grey: np.ndarray, page: OcrPage, read_sparse: Callable[[np.ndarray], OcrPage]
) -> OcrPage:
    """The page with the sure lines read in rows of print no line of it covers."""
    rows, hidden = _unread_rows(grey, page.lines)
    added: list[OcrLine] = []
    for box in rows[:MAX_ROWS]:
        stacked = any(shared_area(box, word) for word in hidden)
        added += _read_row(grey, box, read_sparse, stacked=stacked)
    if not added:
        return page
    kept = [kept for line in page.lines if (kept := _without_words_read_again(line, added))]
    lines = sorted([*kept, *added], key=lambda line: (line.box[1], line.box[0]))
    return OcrPage(lines=tuple(lines))


def _without_words_read_again(line: OcrLine, added: Sequence[OcrLine]) -> OcrLine | None:
    """The line without the unsure words whose rows were read again alone ("a si" over
    "Diretor Executivo" and "Brasil Paulista Ltda."): they were those rows, misread. None when
    no word is left."""
    kept = tuple(
        word
        for word in line.words
        if word.conf >= UNSURE_WORD_CONF
        or sum(shared_area(word.box, other.box) for other in added) < READ_AGAIN * _area(word.box)
    )
    if len(kept) == len(line.words):
        return line
    if not kept:
        return None
    x0, y0 = min(w.box[0] for w in kept), min(w.box[1] for w in kept)
    x1 = max(w.box[0] + w.box[2] for w in kept)
    y1 = max(w.box[1] + w.box[3] for w in kept)
    conf = sum(w.conf for w in kept) / len(kept)
    return OcrLine(" ".join(w.text for w in kept), conf, (x0, y0, x1 - x0, y1 - y0), kept)


def _area(box: Box) -> int:
    return max(1, box[2] * box[3])


def unread_rows(grey: np.ndarray, lines: Sequence[OcrLine]) -> list[Box]:
    """Rows of letter-sized ink outside every read line (or inside one, under a word read as
    nothing across rows of smaller print), the biggest first."""
    return _unread_rows(grey, lines)[0]


def _unread_rows(grey: np.ndarray, lines: Sequence[OcrLine]) -> tuple[list[Box], list[Box]]:
    """The rows, and the boxes of the words that hid rows of print."""
    if not lines:
        return [], []
    line_height = float(np.median([line.box[3] for line in lines]))
    _, ink = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    printed = ink.copy()
    for x, y, w, h in (line.box for line in lines if not _misread_scrap(line)):
        pad = h // 4
        ink[max(0, y - pad) : y + h + pad, max(0, x - pad) : x + w + pad] = 0
    hidden = [box for line in lines for box in _rows_read_as_one_word(line, printed)]
    for x, y, w, h in hidden:
        ink[y : y + h, x : x + w] = printed[y : y + h, x : x + w]
    letters = _letters(ink, line_height)
    # Letters closer than a line height belong to one row of words.
    gap = max(3, int(line_height))
    rows = cv2.dilate(letters, np.ones((max(1, int(line_height) // 4), gap), np.uint8))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(rows, connectivity=8)
    found = []
    for index in range(1, count):
        left, top, width, height = (int(v) for v in stats[index, :4])
        window = (slice(top, top + height), slice(left, left + width))
        row = np.where(labels[window] == index, letters[window], 0).astype(np.uint8)
        x, y, w, h = cv2.boundingRect(row)  # the letters' box, not the grown row's
        if cv2.connectedComponents(row, connectivity=8)[0] - 1 >= MIN_LETTERS and w >= 2 * h:
            found.append((left + x, top + y, w, h))
    return sorted(found, key=lambda box: -box[2] * box[3]), hidden


def _misread_scrap(line: OcrLine) -> bool:
    """A few characters read unsurely ("HKECO", "tec" in a row of a website's print): no line
    of print, so no mask over the row it may have been misread from."""
    return line.conf < SCRAP_CONF and sum(ch.isalnum() for ch in line.text) <= SCRAP_CHARS


def _rows_read_as_one_word(line: OcrLine, printed: np.ndarray) -> list[Box]:
    """Two rows of small print beside a bigger line ("Ferreira Nunes Lda." beside an email and
    a website) taken for one word of it: a word read as nothing and taller than the line's
    other words, or read unsurely with its ink in rows apart."""
    heights = [word.box[3] for word in line.words if word.conf >= UNREAD_WORD_CONF]
    if not heights:
        return []
    tall = ROWS_IN_WORD * float(np.median(heights))
    words = line.words
    hiding = {
        index
        for index, word in enumerate(words)
        if (word.conf < UNREAD_WORD_CONF and word.box[3] >= tall)
        or (word.conf < UNSURE_WORD_CONF and _letters_in_rows(word, printed))
    }
    # The unsure words next to such a word are the rest of those rows, misread ("8"" for an
    # email's start, before "Wonnwheriihyie" for the email's end over the website).
    for index in sorted(hiding):
        for step in (-1, 1):
            at = index + step
            while (
                0 <= at < len(words)
                and words[at].conf < UNSURE_WORD_CONF
                and any(ch.isalnum() for ch in words[at].text)  # a rule "|" ends the rows
                and _within_rows(words[at].box, words[index].box)
            ):
                hiding.add(at)
                at += step
    return _runs_joined(sorted(hiding), words)


def _within_rows(box: Box, rows: Box) -> bool:
    """The box lies in the rows' height, give or take a quarter of it."""
    slack = rows[3] // 4
    return box[1] >= rows[1] - slack and box[1] + box[3] <= rows[1] + rows[3] + slack


def _runs_joined(indices: list[int], words: tuple[Word, ...]) -> list[Box]:
    """The boxes of words next to each other in the line as one: the gaps between them are
    the rows' too."""
    joined: list[Box] = []
    for index in indices:
        box = words[index].box
        if joined and index - 1 in indices:
            x0, y0, w0, h0 = joined[-1]
            top, bottom = min(y0, box[1]), max(y0 + h0, box[1] + box[3])
            joined[-1] = (x0, top, max(x0 + w0, box[0] + box[2]) - x0, bottom - top)
        else:
            joined.append(box)
    return joined


def _letters_in_rows(word: Word, printed: np.ndarray) -> bool:
    """A word's ink in two rows or more, read as a letter or more (a colon's dots are no rows)."""
    return any(ch.isalnum() for ch in word.text) and _ink_rows(printed, word.box) >= 2


def _ink_rows(printed: np.ndarray, box: Box) -> int:
    """Rows of ink in the box apart from each other, each a fair share of its height (not an
    accent over a capital)."""
    x, y, w, h = box
    inked = np.append(printed[y : y + h, x : x + w].any(axis=1), False)
    rows, start = 0, None
    for index, has_ink in enumerate(inked):
        if has_ink and start is None:
            start = index
        elif not has_ink and start is not None:
            rows += index - start >= ROW_SHARE * h
            start = None
    return rows


def _letters(ink: np.ndarray, line_height: float) -> np.ndarray:
    """The blobs of ink of a letter's size, clear of the image's border (desk, card edge)."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    low, high = (share * line_height for share in LETTER_HEIGHT)
    height, width = ink.shape
    keep = np.zeros(count, bool)
    for index in range(1, count):
        x, y, w, h = stats[index, :4]
        on_border = x == 0 or y == 0 or x + w >= width or y + h >= height
        keep[index] = low <= h <= high and w <= 2 * high and not on_border
    return np.where(keep[labels], 255, 0).astype(np.uint8)


def _read_row(
    grey: np.ndarray,
    box: Box,
    read_sparse: Callable[[np.ndarray], OcrPage],
    *,
    stacked: bool = False,
) -> list[OcrLine]:
    x, y, w, h = box
    pad = max(4, h // 2)
    x0, y0 = max(0, x - pad), max(0, y - pad)
    crop = grey[y0 : y + h + pad, x0 : x + w + pad]
    read = _sure_lines(read_sparse(crop))
    if not read and stacked:
        # Rows of small print stacked close under one word: the margin holds the next row's
        # tops or tails.
        crop = crop.copy()
        crop[: y - y0] = 255
        crop[y + h - y0 :] = 255
        read = _sure_lines(read_sparse(crop))
    return [line.shifted(x0, y0) for line in read]


def _sure_lines(page: OcrPage) -> list[OcrLine]:
    """The lines read surely, or shaped as a web or email address however unsurely (small
    print, "www. bikeconnection.net" at 0.3: its field's confidence says it is doubtful)."""
    return [
        line
        for line in page.lines
        if (line.conf >= MIN_CONF or (line.conf >= ADDRESS_CONF and _ADDRESS.search(line.text)))
        and sum(ch.isalnum() for ch in line.text) >= MIN_CHARS
    ]
