"""Frozen dataclasses that flow through the pipeline: options in, results out."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

Box = tuple[int, int, int, int]  # x, y, width, height in pixels of the straightened card


def shared_area(a: Box, b: Box) -> int:
    """The pixels two boxes share."""
    width = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    height = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return max(0, width) * max(0, height)


PHONE_TYPES = ("mobile", "work", "fax", "other")
FIELD_NAMES = ("name", "title", "company", "emails", "phones", "website", "address", "social")


@dataclass(frozen=True)
class ScanOptions:
    """How to scan: languages, region hint and the limits that protect the host."""

    lang: str = "eng+ita"
    region: str | None = None  # ISO 3166 alpha-2 hint for phone numbers; None = guess
    max_pixels: int = 50_000_000
    ocr_timeout_s: float = 20.0  # per image, across every Tesseract call
    tessdata_dir: str | None = None  # None = the system default
    detect_orientation: bool = True
    multi_card: bool = True
    debug_dir: Path | None = None  # when set, each stage writes its image here
    second_opinion: bool = False  # RapidOCR reads every card too (~1 s more per card)
    # RapidOCR re-reads what Tesseract read doubtfully, on cards whose numbers look misread or
    # missed (a third of real photos, ~0.6 s more on those), and a logo when no company was read
    # but a domain could confirm it: a no-op when RapidOCR is not installed
    recheck: bool = True


@dataclass(frozen=True)
class Word:
    text: str
    conf: float  # 0..1
    box: Box


@dataclass(frozen=True)
class OcrLine:
    text: str
    conf: float  # 0..1, mean of its words
    box: Box
    words: tuple[Word, ...] = ()

    @property
    def height(self) -> int:
        return self.box[3]

    def shifted(self, dx: int, dy: int) -> OcrLine:
        """The line read in a crop, placed in the image the crop was cut from."""

        def move(box: Box) -> Box:
            return (box[0] + dx, box[1] + dy, box[2], box[3])

        words = tuple(Word(w.text, w.conf, move(w.box)) for w in self.words)
        return OcrLine(self.text, self.conf, move(self.box), words)


@dataclass(frozen=True)
class Phone:
    number: str  # E.164, e.g. +393471234567
    type: str  # one of PHONE_TYPES
    printed: str = ""


@dataclass(frozen=True)
class CardFields:
    """What a card says, each field with a confidence 0..1 in `confidence`."""

    name: str | None = None
    title: str | None = None
    company: str | None = None
    emails: tuple[str, ...] = ()
    phones: tuple[Phone, ...] = ()
    website: str | None = None
    address: str | None = None
    social: tuple[str, ...] = ()  # profile URLs or handles (linkedin.com/in/..., @handle)
    confidence: dict[str, float] = field(default_factory=dict)
    boxes: dict[str, Box] = field(default_factory=dict)  # where each field was read


@dataclass(frozen=True)
class CardResult:
    """One card read from one photo."""

    fields: CardFields
    lines: tuple[OcrLine, ...] = ()
    warnings: tuple[str, ...] = ()
    timings_ms: dict[str, float] = field(default_factory=dict)
    orientation: int = 0  # clockwise degrees applied to make the card upright
    quad: tuple[tuple[float, float], ...] | None = None  # corners in the decoded photo
    card_jpeg: bytes | None = None  # the straightened, upright card
    detection: str = ""  # how the card was found: contour, segment, lines, or frame (none)

    @property
    def raw_text(self) -> str:
        return "\n".join(line.text for line in self.lines)
