"""The only module that touches Tesseract: engines, recognition, orientation, versions.

tesserocr (the C++ API, GIL released) measured 2-4x faster than pytesseract's subprocess per
call here. One PyTessBaseAPI per thread and language set is kept and reused (init ~180 ms).
"""

from __future__ import annotations

import os

# Before tesserocr loads libtesseract: OpenMP threads only fight each other on a shared box.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

import threading  # noqa: E402
import time  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import tesserocr  # noqa: E402
from tesserocr import OEM, PSM, RIL, PyTessBaseAPI  # noqa: E402

from ocr.errors import OcrEngineError, OcrTimeoutError  # noqa: E402
from ocr.types import OcrLine, Word  # noqa: E402

SYSTEM_TESSDATA = "/usr/share/tesseract-ocr/5/tessdata"
SOURCE_DPI = 300
PSM_CARD = PSM.AUTO  # rectified card: automatic layout
PSM_SPARSE = PSM.SPARSE_TEXT  # unrectified photo: text anywhere
PSM_LINE = PSM.SINGLE_LINE  # one line cut out of the card
_local = threading.local()


class Deadline:
    """A time budget shared by every Tesseract call made for one image."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expires = time.monotonic() + seconds

    def capped(self, seconds: float) -> Deadline:
        """A shorter budget inside this one, for work whose result is optional."""
        capped = Deadline(seconds)
        capped.expires = min(capped.expires, self.expires)
        return capped

    def remaining_ms(self) -> int:
        left = int((self.expires - time.monotonic()) * 1000)
        if left <= 0:
            raise OcrTimeoutError(f"OCR exceeded the {self.seconds:g} s limit for this image")
        return left


@dataclass(frozen=True)
class OcrPage:
    """What one recognition pass read: lines of words with confidences."""

    lines: tuple[OcrLine, ...]

    @property
    def words(self) -> list[Word]:
        return [word for line in self.lines for word in line.words]

    @property
    def mean_conf(self) -> float:
        words = self.words
        return sum(w.conf for w in words) / len(words) if words else 0.0

    @property
    def vertical_share(self) -> float:
        """Share of multi-letter words whose box is taller than wide: the text lies sideways.

        Tesseract reads sideways text almost as confidently as upright text, so confidence
        alone cannot tell 0° from 90°; the word boxes can.
        """
        words = [w for w in self.words if len(w.text) >= 3]
        return sum(w.box[3] > w.box[2] for w in words) / len(words) if words else 0.0

    @property
    def score(self) -> float:
        """Confident characters read: grows with real text, not with garbage from noise."""
        return sum(w.conf * len(w.text) for w in self.words if w.conf >= 0.5 and len(w.text) >= 2)


def tessdata_path(tessdata_dir: str | None = None) -> str:
    """The tessdata folder: the option, else the system's, else tesserocr's built-in default."""
    if tessdata_dir:
        return str(tessdata_dir)
    if Path(SYSTEM_TESSDATA).is_dir():
        return SYSTEM_TESSDATA
    return tesserocr.get_languages()[0]


def tesseract_version() -> str:
    """The libtesseract version string, e.g. '5.5.0' (first line of the banner)."""
    return tesserocr.tesseract_version().splitlines()[0].replace("tesseract", "").strip()


def available_languages(tessdata_dir: str | None = None) -> list[str]:
    """Language packs installed in the tessdata folder (e.g. ['eng', 'ita', 'osd'])."""
    return sorted(tesserocr.get_languages(tessdata_path(tessdata_dir))[1])


def check_languages(lang: str, tessdata_dir: str | None = None) -> None:
    """Refuse a language set with a pack that is not installed, naming the missing pack."""
    installed = set(available_languages(tessdata_dir))
    missing = [code for code in lang.split("+") if code and code not in installed]
    if missing or not lang:
        raise OcrEngineError(
            f"Tesseract language pack {'+'.join(missing) or repr(lang)} is not installed in "
            f"{tessdata_path(tessdata_dir)} (installed: {', '.join(sorted(installed)) or 'none'})"
        )


def get_engine(lang: str, tessdata_dir: str | None = None) -> PyTessBaseAPI:
    """This thread's engine for `lang`, created once and reused."""
    engines: dict[tuple[str, str], PyTessBaseAPI] = getattr(_local, "engines", None) or {}
    _local.engines = engines
    key = (lang, tessdata_path(tessdata_dir))
    if key not in engines:
        if lang != "osd":
            check_languages(lang, tessdata_dir)
        try:
            oem = OEM.DEFAULT if lang == "osd" else OEM.LSTM_ONLY  # OSD data is legacy-only
            engines[key] = PyTessBaseAPI(path=key[1], lang=lang, psm=PSM_CARD, oem=oem)
        except RuntimeError as exc:
            raise OcrEngineError(f"Tesseract could not load '{lang}' from {key[1]}: {exc}") from exc
    return engines[key]


def _set_image(api: PyTessBaseAPI, grey: np.ndarray) -> None:
    grey = np.ascontiguousarray(grey, dtype=np.uint8)
    height, width = grey.shape
    api.SetImageBytes(grey.tobytes(), width, height, 1, width)
    api.SetSourceResolution(SOURCE_DPI)


def recognize(
    grey: np.ndarray,
    *,
    lang: str,
    deadline: Deadline,
    psm: int = PSM_CARD,
    inverted: bool = False,
    tessdata_dir: str | None = None,
) -> OcrPage:
    """Read a grey image (dark text on light) into lines of words with boxes and confidences."""
    api = get_engine(lang, tessdata_dir)
    api.SetPageSegMode(psm)
    # We already inverted a dark card: Tesseract's own per-line inversion retry is wasted work.
    api.SetVariable("invert_threshold", "0" if inverted else "0.7")
    _set_image(api, grey)
    budget = deadline.remaining_ms()
    started = time.monotonic()
    if not api.Recognize(timeout=budget):
        if (time.monotonic() - started) * 1000 >= budget * 0.95:
            raise OcrTimeoutError(f"OCR exceeded the {deadline.seconds:g} s limit for this image")
        raise OcrEngineError("Tesseract could not recognise the image")
    return OcrPage(lines=tuple(_read_lines(api)))


def _read_lines(api: PyTessBaseAPI) -> Iterator[OcrLine]:
    """Group word results into lines with Tesseract's own block/paragraph/line structure."""
    iterator = api.GetIterator()
    if iterator is None:
        return
    words: list[Word] = []
    line_box: tuple[int, int, int, int] | None = None
    while True:
        if iterator.IsAtBeginningOf(RIL.TEXTLINE) and words:
            yield _make_line(words, line_box)
            words = []
        if iterator.IsAtBeginningOf(RIL.TEXTLINE):
            line_box = _box(iterator.BoundingBox(RIL.TEXTLINE))
        text, box = _word_at(iterator)
        if text and box:
            words.append(
                Word(text=text, conf=max(0.0, iterator.Confidence(RIL.WORD)) / 100, box=_box(box))
            )
        if not iterator.Next(RIL.WORD):
            break
    if words:
        yield _make_line(words, line_box)


def _word_at(iterator: tesserocr.PyResultIterator) -> tuple[str, tuple[int, int, int, int] | None]:
    """The word under the iterator; an empty element (tesserocr raises on those) reads as ''."""
    try:
        return (iterator.GetUTF8Text(RIL.WORD) or "").strip(), iterator.BoundingBox(RIL.WORD)
    except RuntimeError:
        return "", None


def _box(bbox: tuple[int, int, int, int] | None) -> tuple[int, int, int, int]:
    if not bbox:
        return (0, 0, 0, 0)
    x1, y1, x2, y2 = bbox
    return (x1, y1, x2 - x1, y2 - y1)


def _make_line(words: list[Word], line_box: tuple[int, int, int, int] | None) -> OcrLine:
    if not line_box or line_box[2] <= 0:
        x1 = min(w.box[0] for w in words)
        y1 = min(w.box[1] for w in words)
        x2 = max(w.box[0] + w.box[2] for w in words)
        y2 = max(w.box[1] + w.box[3] for w in words)
        line_box = (x1, y1, x2 - x1, y2 - y1)
    return OcrLine(
        text=" ".join(w.text for w in words),
        conf=sum(w.conf for w in words) / len(words),
        box=line_box,
        words=tuple(words),
    )


def detect_orientation(grey: np.ndarray, *, tessdata_dir: str | None = None) -> tuple[int, float]:
    """Tesseract OSD: (clockwise turn that makes the text upright, confidence); (0, 0) if unsure."""
    api = get_engine("osd", tessdata_dir)
    api.SetPageSegMode(PSM.OSD_ONLY)
    _set_image(api, grey)
    try:
        result = api.DetectOrientationScript()
    except RuntimeError:
        return 0, 0.0
    if not result:
        return 0, 0.0
    # orient_deg is how far the text is turned clockwise (measured): undo it by turning it back.
    return (-int(result["orient_deg"])) % 360, float(result["orient_conf"])
