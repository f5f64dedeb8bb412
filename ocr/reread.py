"""Second reading of contact lines: each cut out, enlarged and recognised alone.

A page pass reads a card's small print at the card's scale, with the layout analysis deciding
where lines are; in a phone number, an email or a web address one slip costs the whole
field. Such a line, when not read surely, is re-read alone at a larger size, and the re-read
replaces it when Tesseract is surer of it, it lost no digit, split no word and it is the
same text with slips mended (not another text found in the crop). Measured on the real
photos: "784-552:8728" re-read as "734-552-8728"; on synthetic photos, emails in small print.

A line whose first words are far taller than its well-read ones and barely read is a logo read
together with the line's start: it is read again in the rows of its print only. A line that is
only the end of an address ("lektro.com"), or an email with a piece of it just left of it on
its row, lost the start of an email or had it split off: its row is read again from the card's
left (or another column's words), kept from the email on when it reads surely an email that
ends the same way. Words barely read and set apart from their line by a
column's gap are read again alone, and replaced only by a far surer reading. A firm's name
printed large on a row of small print, read in pieces with it, is read again alone too.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import cv2
import numpy as np
from rapidfuzz import fuzz

from ocr.tesseract import OcrPage
from ocr.types import Box, OcrLine, Word

MIN_DIGITS = 6  # a line with a phone number's worth of digits
TARGET_HEIGHT = 56  # px of line height the crop is enlarged to
MAX_SCALE = 3.0
SURE = 0.8  # a line read this confidently is left alone (re-reads cost ~30 ms a line and,
# measured, mended no line read at 0.8-0.95 but broke one: "484 19 30" re-read as "19 39")
ROW_SURE = 0.7  # an email read again along its row below this is not the email
DOUBTFUL_RUN = 0.5  # words read below this (mean) apart from their line are read again alone
RUN_SURE = 0.85  # and replaced only by a reading this sure,
RUN_GAIN = 0.3  # and this much surer: a logo's strokes are read as words too
WIDE_RUN = 4  # a run this many times as wide as tall is print, however few letters were read
MIN_GAIN = 0.03  # mean confidence the re-read must add to replace the page's reading
SAME_TEXT = 60  # rapidfuzz ratio: the re-read mends the line, it is not another text
MAX_LINES = 8  # a card has a handful of contact lines; more is noise
EMAIL_LINE_WORDS = 4  # an email's own line: its label, the address and the pieces it broke into
GOOD_WORD = 0.7  # a word read this surely sets the line's letter height
SWALLOWED_WORD = 0.5  # words before them read below this, and
BAND_TALL = 1.3  # re-read in the band, a word this much taller than the print is the logo's
TALL = 2.0  # this many times their height, are a logo read together with the line's start
BIG = 1.4  # a run of words this much taller than the line's smallest is printed apart
_DOMAIN = re.compile(r"\w\.\s?(?:com|net|org|[a-z]{2})\b", re.I)
_MAIL_WORD = re.compile(r"\be-?mail\b", re.I)  # an email's label: its address follows
_ADDRESS_PIECE = re.compile(r"[a-z0-9._@-]+")
_EMAIL_LABEL = re.compile(r"(?:e|e-?mail|mail)\s*[:.]?\s+\S", re.I)
# An email's domain split by a space, or a short piece of its local part set apart
# ("@sy heintal.com", "th becker@"; not a label: "E mario@", "Mail mario@").
_BROKEN_EMAIL = re.compile(
    r"@[\w-]+\s[\w-]+\.[a-z]{2,}|(?<![\w.])(?!e\s|mail\s)[a-z.]{1,5}\s[\w.-]+@", re.I
)
_EMAIL_WHOLE = re.compile(r"[\w.-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?!\S)", re.I)
# A domain alone, after at most two marks or letters (an icon, the email's lost start).
_BARE_DOMAIN = re.compile(
    r"^(?:\S{1,2}\s){0,2}[\w-]+\.(?:com|net|org|[a-z]{2})(?:\.[a-z]{2})?$", re.I
)


def reread_lines(
    grey: np.ndarray, page: OcrPage, read_line: Callable[[np.ndarray], OcrPage]
) -> OcrPage:
    """The page with its doubtful contact lines replaced by surer readings of each alone."""
    lines = list(page.lines)
    wanted = [i for i, line in enumerate(lines) if _wants_reread(line)][:MAX_LINES]
    for index in wanted:
        lines[index] = _reread(grey, lines[index], read_line)
    for index, line in enumerate(lines):
        if (band := _swallowed_start(line)) is not None:
            lines[index] = _reread_band(grey, line, band, read_line)
    cut = [line for line in lines if _bare_domain(line, lines) or _email_split_off(line, lines)]
    for line in cut[:MAX_LINES]:
        lines = _reread_row(grey, lines, line, read_line)
    lines = [_reread_doubtful_runs(grey, line, read_line) for line in lines]
    lines = [_reread_big_pieces(grey, line, read_line) for line in lines]
    return OcrPage(lines=tuple(lines))


def _reread_doubtful_runs(
    grey: np.ndarray, line: OcrLine, read_line: Callable[[np.ndarray], OcrPage]
) -> OcrLine:
    """Words barely read, set apart from the rest of their line by a column's gap, read again
    alone ("FOR 00" beside a phone number was "Consultor Senior"): taken only when read surely."""
    runs = _word_runs(line)
    if not any(_doubtful(run) for run in runs):
        return line
    words: list[Word] = []
    for run in runs:
        again = _read_alone(grey, _as_line(run), read_line) if _doubtful(run) else None
        mean = sum(w.conf for w in run) / len(run)
        sure = again is not None and again.conf >= RUN_SURE and again.conf >= mean + RUN_GAIN
        words += list(again.words) if sure and again is not None else run
    if words == list(line.words):
        return line
    return _as_line(words)


def _reread_big_pieces(
    grey: np.ndarray, line: OcrLine, read_line: Callable[[np.ndarray], OcrPage]
) -> OcrLine:
    """A firm's name printed large on the row of small contact print: read with the line, its
    letters come in pieces ("Co mm i ns- M i | n e", "Watson -Con | ey", "Harris- ard"). Read
    alone it reads whole: taken when sure, in fewer words and mostly the same letters."""
    runs = _size_runs(line)
    if len(runs) < 2:
        return line
    smallest = min(_letter_height(run) for run in runs)
    words: list[Word] = []
    for run in runs:
        big = len(run) >= 2 and _letter_height(run) >= BIG * smallest and _letters(run) >= 3
        again = _read_alone(grey, _as_line(run), read_line) if big else None
        words += list(again.words) if again is not None and _whole(again, run) else run
    return line if words == list(line.words) else _as_line(words)


def _size_runs(line: OcrLine) -> list[list[Word]]:
    """The line's words in runs split at a column's gap, or at a gap wider than the larger
    letters where the letter size changes (a big name beside small print)."""
    runs = _word_runs(line)
    split: list[list[Word]] = []
    for run in runs:
        split.append([run[0]])
        for previous, word in zip(run, run[1:], strict=False):
            gap = word.box[0] - _right(previous)
            small, large = sorted((max(previous.box[3], 1), max(word.box[3], 1)))
            if gap > large and large >= BIG * small:
                split.append([word])
            else:
                split[-1].append(word)
    return split


def _letter_height(run: list[Word]) -> int:
    return sorted(w.box[3] for w in run)[len(run) // 2]


def _letters(run: list[Word]) -> int:
    return sum(ch.isalpha() for w in run for ch in w.text)


def _whole(again: OcrLine, run: list[Word]) -> bool:
    """The run's pieces read as fewer words, surely, and mostly the same letters."""
    before, after = (
        re.sub(r"[\W\d_]", "", text).lower() for text in (_as_line(run).text, again.text)
    )
    return (
        again.conf >= RUN_SURE and len(again.words) < len(run) and fuzz.ratio(before, after) >= 80
    )


def _word_runs(line: OcrLine) -> list[list[Word]]:
    """The line's words in runs split where the gap is a column's (twice the letter height)."""
    words = [w for w in line.words if w.text.strip()]
    if not words:
        return []
    heights = sorted(w.box[3] for w in words)
    median = heights[len(heights) // 2]
    runs = [[words[0]]]
    for previous, word in zip(words, words[1:], strict=False):
        gap = word.box[0] - (previous.box[0] + previous.box[2])
        if gap > 2 * median:
            runs.append([word])
        else:
            runs[-1].append(word)
    return runs


def _doubtful(run: list[Word]) -> bool:
    letters = sum(ch.isalpha() for w in run for ch in w.text)
    digits = sum(ch.isdigit() for w in run for ch in w.text)
    mean = sum(w.conf for w in run) / len(run)
    _, _, width, height = _union_box([w.box for w in run])
    # Words, not numbers: a doubtful contact line has its own, stricter re-read above. (A
    # row of print read as a mark or two, "Li..." for "T +39 045 634 0889", is a run too.)
    wordy = letters >= 3 or (letters >= 1 and width >= WIDE_RUN * height)
    return wordy and letters >= digits and mean < DOUBTFUL_RUN and len(run) <= 4 and height > 8


def _as_line(words: list[Word]) -> OcrLine:
    conf = sum(w.conf for w in words) / len(words)
    text = " ".join(w.text for w in words)
    return OcrLine(text, conf, _union_box([w.box for w in words]), tuple(words))


def _email_split_off(line: OcrLine, lines: list[OcrLine]) -> bool:
    """An email whose start the page pass read as another line just left of it on its row
    ("E thiago." + "».lima@acme.com.br")."""
    if "@" not in line.text or not line.words or "@" in line.words[0].text[:1]:
        return False
    x, _, _, h = line.box
    return any(
        o is not line and _same_row(o, line) and -h // 2 <= x - (o.box[0] + o.box[2]) <= 2 * h
        for o in lines
    )


def _bare_domain(line: OcrLine, lines: list[OcrLine]) -> bool:
    """A line that is only the end of an address ("lektro.com", "iberica.com") on a card where
    no email of that domain was read (else it is the website, printed without "www")."""
    text = line.text.strip()
    if line.box[3] <= 4 or "@" in text or "www" in text.lower():
        return False
    if not _BARE_DOMAIN.search(text):
        return False
    domain = text.split()[-1].lower()
    return not any(re.search(rf"@\S*{re.escape(domain)}", o.text.lower()) for o in lines)


def _reread_row(
    grey: np.ndarray,
    lines: list[OcrLine],
    fragment: OcrLine,
    read_line: Callable[[np.ndarray], OcrPage],
) -> list[OcrLine]:
    """An email whose start the page pass lost or split off ("luciagonz:" + "iberica.com"):
    its row read again, and the pieces of it the page pass read apart dropped."""
    x, y, w, h = fragment.box
    # An email is often its block's longest line, so its start may lie left of every other
    # line: the row is read from the card's edge; failing that, from the end of the words
    # of another column on it (or of a piece of the email set apart by a gap).
    beside = [
        o.box[0] + o.box[2]
        for o in lines
        if _same_row(o, fragment) and o.box[3] >= h / 2 and o.box[0] + o.box[2] < x - 2 * h
    ]
    for left in dict.fromkeys([0, max([0, *beside])]):
        if left >= x - h:
            break
        top, bottom = _row_band(lines, fragment, left)
        row = OcrLine(fragment.text, fragment.conf, (left, top, x + w - left, bottom - top), ())
        again = _read_alone(grey, row, read_line)
        if again is not None and _same_email(again, fragment):
            email = _from_email(again)  # the row's other words stay in their own lines
            covered = [  # (in the email's rows: the band may reach the next row's top)
                o for o in lines if o is not fragment and _in_rows(o, email) and _within(o, email)
            ]
            return [
                email if o is fragment else o for o in lines if not any(o is c for c in covered)
            ]
    return lines


def _row_band(lines: list[OcrLine], fragment: OcrLine, left: int) -> tuple[int, int]:
    """The rows the fragment and the pieces of its email left of it on its row cover (a line
    printed at a slant rises along the row: the fragment's own rows would cut its start)."""
    x, y, w, h = fragment.box
    pieces = [
        o.box
        for o in lines
        if _same_row(o, fragment) and left <= o.box[0] < x and _email_piece(o.text)
    ]
    boxes = [fragment.box, *pieces]
    return min(b[1] for b in boxes), max(b[1] + b[3] for b in boxes)


def _email_piece(text: str) -> bool:
    """An email's label ("E-mail:") or a piece of its address ("cott."), not a name or a firm
    in another column."""
    return bool(_MAIL_WORD.search(text) or _ADDRESS_PIECE.fullmatch(text.strip()))


def _from_email(line: OcrLine) -> OcrLine:
    """The line from the email's first word on ("katrin." of "katrin. hoffmann@" too)."""
    at = next(i for i, w in enumerate(line.words) if "@" in w.text)
    while at > 0 and line.words[at - 1].text.endswith((".", "_", "-")):
        at -= 1
    return _as_line(list(line.words[at:]))


def _same_email(again: OcrLine, fragment: OcrLine) -> bool:
    """The row read holds an email ending as the fragment does, read surely (the row's other
    print, the tops of a bigger line beside it, may be read as anything)."""
    tail = fragment.text.strip().split()[-1].lower()
    tail = tail[tail.index("@") :] if "@" in tail else tail  # the start is what was lost
    text = again.text.lower()
    return "@" in text and text.endswith(tail) and _from_email(again).conf >= ROW_SURE


def _same_row(line: OcrLine, row: OcrLine) -> bool:
    centre = line.box[1] + line.box[3] / 2
    return row.box[1] - row.box[3] / 2 <= centre <= row.box[1] + 1.5 * row.box[3]


def _in_rows(line: OcrLine, row: OcrLine) -> bool:
    """Most of the line's height lies in the row's."""
    top = max(line.box[1], row.box[1])
    bottom = min(line.box[1] + line.box[3], row.box[1] + row.box[3])
    return bottom - top > 0.5 * line.box[3]


def _within(line: OcrLine, row: OcrLine) -> bool:
    """Most of the line's width lies in the row's (a piece of the email, its label aside)."""
    left = max(line.box[0], row.box[0])
    right = min(line.box[0] + line.box[2], row.box[0] + row.box[2])
    return right - left > 0.5 * line.box[2]


def _swallowed_start(line: OcrLine) -> tuple[int, int] | None:
    """The rows of a line's well-read words when its first words are far taller and barely
    read: a logo beside the line swallowed them ("DI i Butler Director" for "Tim Butler
    Director", the logo's circle and "Tim" read as one tall word)."""
    good = _good_words(line)
    if len(good) < 2 or line.words[0] in good:
        return None
    heights = sorted(w.box[3] for w in good)
    median = heights[len(heights) // 2]
    first = line.words.index(good[0])
    swallowed = line.words[:first]
    if not all(w.conf < SWALLOWED_WORD and w.box[3] > TALL * median for w in swallowed):
        return None
    top = min(w.box[1] for w in good)
    return top, max(w.box[1] + w.box[3] for w in good)


def _reread_band(
    grey: np.ndarray,
    line: OcrLine,
    band: tuple[int, int],
    read_line: Callable[[np.ndarray], OcrPage],
) -> OcrLine:
    """The line read again in the rows of its well-read words only; kept when it still reads
    them and found words before them."""
    top, bottom = band
    x, _, w, _ = line.box
    again = _read_alone(
        grey, OcrLine(line.text, line.conf, (x, top, w, bottom - top), ()), read_line
    )
    good = _good_words(line)
    if again is None or not _reads_in_order(again.text, [w.text for w in good]):
        return line
    # The band still cuts through the logo: its pieces are the words taller than the print.
    height = sorted(w.box[3] for w in good)[len(good) // 2]
    words = list(again.words)
    while words and words[0].box[3] > BAND_TALL * height:
        words.pop(0)
    if not words:
        return line
    text = " ".join(w.text for w in words)
    conf = sum(w.conf for w in words) / max(len(words), 1)
    return OcrLine(text, conf, _union_box([w.box for w in words]), tuple(words))


def _good_words(line: OcrLine) -> list[Word]:
    return [
        w
        for w in line.words
        if w.conf >= GOOD_WORD and w.box[3] > 4 and any(ch.isalnum() for ch in w.text)
    ]


def _reads_in_order(text: str, words: list[str]) -> bool:
    at = 0
    for word in words:
        at = text.find(word, at)
        if at < 0:
            return False
        at += len(word)
    return True


def _wants_reread(line: OcrLine) -> bool:
    if line.box[3] <= 4:
        return False
    if line.conf >= SURE:
        return _lost_at(line) or _email_broken(line)
    webby = "@" in line.text or "www" in line.text.lower() or _DOMAIN.search(line.text)
    return bool(webby or _MAIL_WORD.search(line.text)) or _digits(line.text) >= MIN_DIGITS


def _lost_at(line: OcrLine) -> bool:
    """An email's line ("Email: carlosmarti i 'onstrucciones.com") read surely but without its
    "@": small print whose middle letters Tesseract dropped, however sure of the rest."""
    return "@" not in line.text and bool(
        _EMAIL_LABEL.match(line.text) and _DOMAIN.search(line.text)
    )


def _email_broken(line: OcrLine) -> bool:
    """An email's own line read surely but broken by a space where letters were dropped ("th
    becker@sy heintal.com", "j.k dy@"): small print, however sure of the rest. (Not a line
    that holds other fields too: its reading alone would replace theirs.)"""
    return len(line.text.split()) <= EMAIL_LINE_WORDS and bool(_BROKEN_EMAIL.search(line.text))


def _digits(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


def _reread(grey: np.ndarray, line: OcrLine, read_line: Callable[[np.ndarray], OcrPage]) -> OcrLine:
    again = _read_alone(grey, _without_specks_apart(line), read_line)
    if again is None:
        return line
    found_at = _lost_at(line) and "@" in again.text and again.conf >= SURE
    # (mended, not lost: "Roth Lanz GmbH john@roth.ch", a firm's word taken for the email's
    # broken-off start, re-read as "Roth Lanz GmbH ee")
    mended = (
        _email_broken(line)
        and not _email_broken(again)
        and bool(_EMAIL_WHOLE.search(again.text))
        and again.conf >= SURE
    )
    if again.conf < line.conf + MIN_GAIN and not (found_at or mended):
        return line
    if _digits(again.text) < _digits(line.text):
        return line
    if fuzz.ratio(_key(again.text), _key(line.text)) < SAME_TEXT:
        return line
    if len(again.text.split()) > len(line.text.split()):
        return line  # mending joins pieces; a new split ("jack, jones@") is a new slip
    return again


def _without_specks_apart(line: OcrLine) -> OcrLine:
    """The line without a speck at either end set apart by a column's gap: its box would
    reach into the print beside the line ("*" under a big firm's name, left of an email)."""
    words = list(line.words)
    if len(words) < 2:
        return line
    heights = sorted(w.box[3] for w in words)
    median = heights[len(heights) // 2]

    def speck(word: Word, neighbour: Word) -> bool:
        gap = max(neighbour.box[0] - _right(word), word.box[0] - _right(neighbour))
        return word.box[3] < median / 2 and word.conf < DOUBTFUL_RUN and gap > 2 * median

    while len(words) >= 2 and speck(words[0], words[1]):
        words.pop(0)
    while len(words) >= 2 and speck(words[-1], words[-2]):
        words.pop()
    if len(words) == len(line.words):
        return line
    return OcrLine(line.text, line.conf, _union_box([w.box for w in words]), tuple(words))


def _right(word: Word) -> int:
    return word.box[0] + word.box[2]


def _key(text: str) -> str:
    """The characters, without the spaces OCR puts in or leaves out."""
    return re.sub(r"\s+", "", text)


def dots_seen(
    grey: np.ndarray,
    lines: list[OcrLine] | tuple[OcrLine, ...],
    dotted: dict[str, str],
    read_line: Callable[[np.ndarray], OcrPage],
) -> dict[str, str]:
    """Of the emails read without a dot (keys) and the same with one (values), those whose
    line, read again alone and enlarged, shows the dot, or whose pixels do: email -> the email
    as printed."""
    seen = {}
    for email, with_dot in dotted.items():
        line = next((line for line in lines if email in _key(line.text).lower()), None)
        if line is None:
            continue
        again = _read_alone(grey, _without_specks_apart(line), read_line)
        shown = again is not None and with_dot in _key(again.text).lower()
        if shown or _dot_printed(grey, line, email, with_dot):
            seen[email] = with_dot
    return seen


def _dot_printed(grey: np.ndarray, line: OcrLine, email: str, with_dot: str) -> bool:
    """The dot no reading showed, looked for in the pixels: a speck sitting on the letters'
    baseline, no taller than a stroke is wide, where the dot would stand in the word
    ("r.souza@": after its first letter). Only for a dot alone, no letter, missing."""
    word = next((w for w in line.words if email in _key(w.text).lower()), None)
    if word is None or with_dot.replace(".", "", 1) != email:
        return False
    text = _key(word.text).lower()
    x, y, width, height = word.box
    crop = grey[max(0, y) : y + height, max(0, x) : x + width]
    if crop.size == 0 or not text:
        return False
    ink = cv2.threshold(crop, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)[1]
    _, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    letters = [s for s in stats[1:] if s[3] >= 0.35 * height]
    if not letters:
        return False
    baseline = float(np.median([top + tall for _, top, _, tall, _ in letters]))
    pitch = width / len(text)
    where = (text.index(email) + with_dot.index(".")) * pitch  # between the letters around it
    return any(
        0.04 * height <= tall <= 0.22 * height
        and 0.04 * height <= wide <= 0.22 * height
        and area >= 0.5 * wide * tall  # a blot, not a stroke's curve
        and abs(top + tall - baseline) <= 0.1 * height
        and abs(left + wide / 2 - where) <= 1.2 * pitch
        # in a gap between letters: a small letter's pieces lie within its own width
        and not any(a < left + wide / 2 < a + w for a, _, w, _, _ in letters)
        for left, top, wide, tall, area in stats[1:]
    )


def read_boxes(
    grey: np.ndarray, boxes: dict[str, Box], read_line: Callable[[np.ndarray], OcrPage]
) -> dict[str, OcrLine]:
    """Each box cut out, enlarged and read alone (by another language's pack, say)."""
    readings = {}
    for key, box in boxes.items():
        if (line := _read_alone(grey, OcrLine("", 0.0, box), read_line)) is not None:
            readings[key] = line
    return readings


def _read_alone(
    grey: np.ndarray, line: OcrLine, read_line: Callable[[np.ndarray], OcrPage]
) -> OcrLine | None:
    x, y, w, h = line.box
    pad = max(2, h // 3)
    x0, y0 = max(0, x - pad), max(0, y - pad)
    x1, y1 = min(grey.shape[1], x + w + pad), min(grey.shape[0], y + h + pad)
    scale = min(MAX_SCALE, max(1.0, TARGET_HEIGHT / max(h, 1)))
    crop = grey[y0:y1, x0:x1]
    words = _words_read(crop, scale, read_line)
    if not words:
        # A neighbouring line's tops or tails in the margin can make a single-line read fail
        # outright (a big name close over its title): once more with the margin above and
        # below made paper (not at first: accents and parts of letters stick out of a box).
        crop = crop.copy()
        crop[: y - y0] = 255
        crop[y + h - y0 :] = 255
        words = _words_read(crop, scale, read_line)
    if not words:
        return None
    moved = tuple(Word(w.text, w.conf, _back(w.box, scale, x0, y0)) for w in words)
    conf = sum(w.conf for w in words) / len(words)
    return OcrLine(text=" ".join(w.text for w in moved), conf=conf, box=line.box, words=moved)


def _words_read(
    crop: np.ndarray, scale: float, read_line: Callable[[np.ndarray], OcrPage]
) -> list[Word]:
    if scale > 1.0:
        crop = cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
    return [w for read in read_line(crop).lines for w in read.words]


def _union_box(boxes: list[Box]) -> Box:
    x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    x1, y1 = max(b[0] + b[2] for b in boxes), max(b[1] + b[3] for b in boxes)
    return (x0, y0, x1 - x0, y1 - y0)


def _back(box: Box, scale: float, dx: int, dy: int) -> Box:
    x, y, w, h = box
    return (round(x / scale) + dx, round(y / scale) + dy, round(w / scale), round(h / scale))
