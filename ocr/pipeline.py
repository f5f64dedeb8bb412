"""The pipeline: a short composition of small named stages, bytes in, CardResults out.

decode_image → find_cards (+ a cut-off band grown back) → warp_card → deskew (print levelled)
→ quality_warnings → enhance → orient_card (+ recognize, dark bands blanked)
→ read_bands (light-on-dark bands read inverted)
→ read_unread (rows of print the page layout dropped, read alone)
→ reread_lines (doubtful phone/email/web lines read alone, enlarged)
→ a second engine's opinion on doubtful phone lines → parse_fields → merge the QR payload
→ a logo read by the second engine when no company was read and a domain confirms it
→ name, title and company read again in the card's language when the page was read without it
(their accents).
Stages degrade instead of failing: no card found means the whole frame plus a "card_not_found"
warning; only unusable input raises a ScanError.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

import cv2
import numpy as np

from ocr import fields as field_parser
from ocr import second_opinion
from ocr.bands import blank, find_bands, read_bands, with_bands_shown
from ocr.decode import DecodedImage, decode_image
from ocr.deskew import deskew
from ocr.detect import Detection, find_cards
from ocr.enhance import enhance, to_grey
from ocr.errors import OcrTimeoutError
from ocr.orient import Oriented, orient_card, rotate
from ocr.qr import read_qr
from ocr.quality import is_too_small, quality_warnings
from ocr.reread import dots_seen, read_boxes, reread_lines
from ocr.tesseract import (
    PSM_CARD,
    PSM_LINE,
    PSM_SPARSE,
    Deadline,
    OcrPage,
    available_languages,
    recognize,
)
from ocr.types import CardFields, CardResult, OcrLine, ScanOptions
from ocr.unread import read_unread
from ocr.warp import WarpedCard, warp_card, whole_frame

JPEG_QUALITY = 85
WEAK_SCORE = 80.0  # a crop reading fewer confident characters than this is compared to the frame
# (measured: the frame never won over a crop scoring above 77, and each frame read costs ~0.2 s)
FRAME_MUST_WIN_BY = 1.5  # the frame replaces a crop only when it reads this much more
# Reading the frame only checks the crop; on a textured desk it can take seconds to read
# noise (2.5 s here on one real photo), while every frame that won took under 0.7 s, or under
# twice as long as the crop's own reading (a crop of a big card reads slowly on a slow machine).
FRAME_READ_S = 1.0
FRAME_VS_CROP = 2.0
# FRAME_READ_S is CPU time: on a host busy with other scans the wall clock runs faster than this
# thread's CPU time, and a fixed wall budget dropped frames only under load (a flat scan whose
# crop read nothing lost every field). Up to this slowdown the budget grows with it.
MAX_SLOWDOWN = 4.0
PART_OF_FRAME = 0.3  # a crop this small whose print reaches its edge may be part of the card
PART_MUST_WIN_BY = 1.25  # ... and the frame around such a crop need not read as much more
SETTLING_SCORE = 20.0  # confident characters a crop read upright must show to settle its frame


def scan_card(data: bytes, options: ScanOptions) -> CardResult:
    """Read the main (largest) card in a photo."""
    return _scan(data, options, max_cards=1)[0]


def scan_cards(data: bytes, options: ScanOptions) -> list[CardResult]:
    """Read every card in a photo, largest first (one result when multi_card is off)."""
    return _scan(data, options, max_cards=4 if options.multi_card else 1)


def _scan(data: bytes, options: ScanOptions, *, max_cards: int) -> list[CardResult]:
    clock = StageClock()
    debug = DebugImages(options.debug_dir)
    with clock("decode"):
        photo = decode_image(data, max_pixels=options.max_pixels)
    debug.save("01_decoded", photo.rgb)
    with clock("detect"):
        detections = find_cards(photo.rgb, max_cards=max_cards)
    deadline = Deadline(options.ocr_timeout_s)
    if not detections:
        return [read_card(photo, None, options, clock.fork(), deadline, debug)]
    main = read_card(photo, detections[0], options, clock.fork(), deadline, debug.card(0))
    others = (
        read_other_card(photo, detection, options, clock.fork(), deadline, debug.card(index))
        for index, detection in enumerate(detections[1:], start=1)
    )
    return [main, *(result for result in others if result is not None)]


def read_card(
    photo: DecodedImage,
    detection: Detection | None,
    options: ScanOptions,
    clock: StageClock,
    deadline: Deadline,
    debug: DebugImages,
) -> CardResult:
    """Warp, enhance, orient and recognise the main card; when it reads weakly, the frame."""
    quad = detection.quad if detection is not None else None
    card = _cut(photo, quad, clock)
    debug.save("02_card", card.rgb)
    started, started_cpu = time.monotonic(), time.thread_time()
    oriented = _recognize_card(card, options, clock, deadline, debug)
    frame_budget = frame_read_budget(time.monotonic() - started, time.thread_time() - started_cpu)
    cropped = card
    part = _part_of_a_card(detection, oriented)
    if quad is not None and (oriented.page.score < WEAK_SCORE or part):
        # Never worse than no crop: a crop that reads little, or may be part of the card, is
        # compared with the whole frame.
        frame = _cut(photo, None, clock)
        # A crop that read words upright settles the frame's orientation; one that read
        # nothing (a desk item taken for the card) says nothing about it.
        read_upright = oriented.angle == 0 and oriented.page.score >= SETTLING_SCORE
        framed = _recognize_frame(
            frame, options, clock, deadline, frame_budget, debug.card("frame"), read_upright
        )
        must_win_by = PART_MUST_WIN_BY if part else FRAME_MUST_WIN_BY
        if framed is not None and framed.page.score > oriented.page.score * must_win_by:
            card, oriented, quad = frame, framed, None
    result = _finish_card(card, oriented, quad, detection, options, clock, deadline, debug)
    if card is not cropped and is_too_small(cropped) and oriented.page.score < WEAK_SCORE:
        # The card was found but too small to read, and the frame did not read it either.
        result = replace(result, warnings=(*result.warnings, "retake: too small"))
    return result


def frame_read_budget(crop_wall_s: float, crop_cpu_s: float) -> float:
    """Wall seconds the frame may take: FRAME_VS_CROP times the crop's reading, or FRAME_READ_S
    stretched by how much slower than its CPU time the crop's reading ran."""
    slowdown = min(MAX_SLOWDOWN, max(1.0, crop_wall_s / max(crop_cpu_s, 1e-3)))
    return max(FRAME_READ_S * slowdown, FRAME_VS_CROP * crop_wall_s)


def _part_of_a_card(detection: Detection | None, oriented: Oriented) -> bool:
    """The crop is small and print runs up to its edge: the detector may have taken a column
    of the card (beside a printed rule) for the card itself."""
    if detection is None or detection.area_ratio >= PART_OF_FRAME:
        return False
    height, width = oriented.grey.shape[:2]
    return any(
        x <= 2 or y <= 2 or x + w >= width - 2 or y + h >= height - 2
        for x, y, w, h in (line.box for line in oriented.page.lines if line.conf >= 0.8)
    )


def _cut(photo: DecodedImage, quad: np.ndarray | None, clock: StageClock) -> WarpedCard:
    """The card's quad straightened (the whole frame when there is none), its print levelled."""
    with clock("warp"):
        card = warp_card(photo.rgb, quad) if quad is not None else whole_frame(photo.rgb)
    with clock("deskew"):
        return deskew(card)


def _recognize_frame(
    frame: WarpedCard,
    options: ScanOptions,
    clock: StageClock,
    deadline: Deadline,
    budget_s: float,
    debug: DebugImages,
    crop_upright: bool,
) -> Oriented | None:
    """The whole frame read within `budget_s`; None when that is not enough (the crop stays).
    A crop read upright settles the photo's orientation for its frame too."""
    try:
        return _recognize_card(
            frame, options, clock, deadline.capped(budget_s), debug, settled=crop_upright
        )
    except OcrTimeoutError:
        deadline.remaining_ms()  # the image's own limit passing is still an error
        return None


def read_other_card(
    photo: DecodedImage,
    detection: Detection,
    options: ScanOptions,
    clock: StageClock,
    deadline: Deadline,
    debug: DebugImages,
) -> CardResult | None:
    """Another card in the photo; None when it reads weakly (a box, a logo, a desk item)."""
    card = _cut(photo, detection.quad, clock)
    debug.save("02_card", card.rgb)
    oriented = _recognize_card(card, options, clock, deadline, debug)
    if oriented.page.score < WEAK_SCORE:
        return None
    return _finish_card(card, oriented, detection.quad, detection, options, clock, deadline, debug)


def _finish_card(
    card: WarpedCard,
    oriented: Oriented,
    quad: np.ndarray | None,
    detection: Detection | None,
    options: ScanOptions,
    clock: StageClock,
    deadline: Deadline,
    debug: DebugImages,
) -> CardResult:
    """Quality warnings, the upright card, the fields and the result."""
    with clock("quality"):
        warnings = quality_warnings(
            card.rgb, source_long_side=card.source_long_side, rectified=card.rectified
        )
    if quad is None:
        warnings.insert(0, "card_not_found")
    upright = rotate(card.rgb, oriented.angle)
    debug.save("04_upright", upright)
    lines, opinion = _with_second_opinion(oriented.page.lines, upright, options, clock)
    with clock("fields"):
        fields = _read_fields(lines, upright, oriented.grey, options)
    fields = _with_logo_company(fields, lines, opinion, upright, options, clock)
    fields = _with_accents_read(fields, lines, oriented.grey, options, clock, deadline)
    fields = _with_email_lines_read(fields, lines, oriented.grey, options, clock, deadline)
    fields = _with_email_dots_read(fields, lines, oriented.grey, options, clock, deadline)
    with clock("encode"):
        card_jpeg = encode_jpeg(upright)
    return CardResult(
        fields=fields,
        lines=lines,
        warnings=tuple(warnings),
        timings_ms=clock.finish(),
        orientation=oriented.angle,
        quad=None if quad is None else tuple((float(x), float(y)) for x, y in quad),
        card_jpeg=card_jpeg,
        detection=detection.method if quad is not None and detection else "frame",
    )


def _with_second_opinion(
    lines: tuple[OcrLine, ...], upright: np.ndarray, options: ScanOptions, clock: StageClock
) -> tuple[tuple[OcrLine, ...], list[OcrLine] | None]:
    """RapidOCR's phone lines merged in: on every card when asked, else where Tesseract's
    numbers look misread or missed (a no-op without RapidOCR installed). Also what RapidOCR
    read, None when it was not asked."""
    if not second_opinion.available():
        return lines, None
    if options.second_opinion:
        with clock("second_opinion"):
            opinion = second_opinion.read_lines(upright)
    elif options.recheck and second_opinion.doubtful(lines):
        with clock("second_opinion"):
            opinion = second_opinion.read_doubtful_lines(upright, lines)
    else:
        return lines, None
    return second_opinion.with_phone_lines(lines, opinion), opinion


def _with_logo_company(
    fields: CardFields,
    lines: tuple[OcrLine, ...],
    opinion: list[OcrLine] | None,
    upright: np.ndarray,
    options: ScanOptions,
    clock: StageClock,
) -> CardFields:
    """No company read, but a web or email domain to confirm one: RapidOCR reads the lettering
    Tesseract could not (a logo), and it becomes the company when it spells the domain."""
    wanted = options.recheck or options.second_opinion
    if fields.company or not field_parser.domain_names(fields) or not wanted:
        return fields
    if opinion is None:
        if not second_opinion.available():
            return fields
        with clock("second_opinion"):
            opinion = second_opinion.read_doubtful_lines(upright, lines)
    return field_parser.company_from_logo(fields, opinion, lines)


ACCENT_FIELDS = ("name", "title", "company")


def _with_accents_read(
    fields: CardFields,
    lines: tuple[OcrLine, ...],
    grey: np.ndarray,
    options: ScanOptions,
    clock: StageClock,
    deadline: Deadline,
) -> CardFields:
    """A card printed in a language the page was not read in (Spanish, Portuguese, German,
    French): its name, title and company are read again with that language's pack, which knows
    the accented letters eng+ita drops or misreads ("Placido", "Audidlogo"); only accents are
    taken from that reading. A few line reads, on such cards only."""
    pack = field_parser.unread_language_pack(fields, lines, options.lang)
    boxes = {key: fields.boxes[key] for key in ACCENT_FIELDS if key in fields.boxes}
    if not pack or not boxes or pack not in available_languages(options.tessdata_dir):
        return fields
    with clock.excluding("accents", "ocr"):
        read_line = _crop_reader(replace(options, lang=pack), clock, deadline, PSM_LINE)
        readings = read_boxes(grey, boxes, read_line)
    return field_parser.with_accents_reread(fields, readings, pack, lines)


def _with_email_lines_read(
    fields: CardFields,
    lines: tuple[OcrLine, ...],
    grey: np.ndarray,
    options: ScanOptions,
    clock: StageClock,
    deadline: Deadline,
) -> CardFields:
    """No email read, but a website and a line an email stood on ("Email: i i land.ie"): that
    line is read again alone, enlarged, and an email in the website's domain taken from it;
    so is its row from there to the card's edge ("E carina": the page pass lost the rest).
    At most two lines, on such cards only."""
    unread = field_parser.email_lines_unread(fields, lines)
    if not unread:
        return fields
    width = grey.shape[1]
    boxes = {str(i): line.box for i, line in enumerate(unread)}
    boxes |= {f"{i}-row": (x, y, width - x, h) for i, (x, y, _, h) in enumerate(boxes.values())}
    with clock.excluding("reread", "ocr"):
        read_line = _crop_reader(options, clock, deadline, PSM_LINE)
        readings = read_boxes(grey, boxes, read_line)
    return field_parser.with_emails_reread(fields, list(readings.values()))


def _with_email_dots_read(
    fields: CardFields,
    lines: tuple[OcrLine, ...],
    grey: np.ndarray,
    options: ScanOptions,
    clock: StageClock,
    deadline: Deadline,
) -> CardFields:
    """An email that spells the card's name without a dot between its parts ("emmafilzi@" on
    Emma Filzi's card), or its surname alone ("5 martinez@"): its line is read again alone,
    enlarged, and the dot (and initial) taken when that reading shows it. One line read, on
    such cards only."""
    dotted = field_parser.dots_the_name_may_have(fields)
    if not dotted:
        return fields
    with clock.excluding("reread", "ocr"):
        read_line = _crop_reader(options, clock, deadline, PSM_LINE)
        seen = dots_seen(grey, lines, dotted, read_line)
    return replace(fields, emails=tuple(seen.get(email, email) for email in fields.emails))


def _recognize_card(
    card: WarpedCard,
    options: ScanOptions,
    clock: StageClock,
    deadline: Deadline,
    debug: DebugImages,
    *,
    settled: bool = False,
) -> Oriented:
    with clock("enhance"):
        enhanced = enhance(card.rgb)
    debug.save("03_enhanced", enhanced.grey)
    psm = PSM_CARD if card.rectified else PSM_SPARSE

    def read(grey: np.ndarray) -> OcrPage:
        with clock("ocr"):
            return recognize(
                grey,
                lang=options.lang,
                deadline=deadline,
                psm=psm,
                inverted=enhanced.inverted,
                tessdata_dir=options.tessdata_dir,
            )

    # Light words on a dark band vanish in the enhanced image and the band's remains upset
    # the page layout: bands are blanked for the page and read on their own, inverted.
    # (Only on a straightened card: a whole frame's dark regions are desk, not bands.)
    with clock("bands"):
        polarised = to_grey(card.rgb) if not enhanced.inverted else 255 - to_grey(card.rgb)
        bands = find_bands(polarised) if card.rectified else []
    page_grey = blank(enhanced.grey, bands)
    if not options.detect_orientation:
        oriented = Oriented(page_grey, 0, read(page_grey), 1)
    else:
        with clock.excluding("orient", "ocr"):
            oriented = orient_card(
                page_grey, read, tessdata_dir=options.tessdata_dir, settled=settled
            )
    page, line_grey = oriented.page, oriented.grey
    if bands:
        with clock.excluding("bands", "ocr"):
            upright_polarised = rotate(polarised, oriented.angle)
            page = read_bands(upright_polarised, page, read)
            line_grey = with_bands_shown(oriented.grey, upright_polarised)
    # Rows of print the layout dropped (beside a logo tile; on a whole frame too: a flatbed
    # scan of a card whose logo upset the sparse reading): read alone as sparse text.
    with clock.excluding("unread", "ocr"):
        read_sparse = _crop_reader(options, clock, deadline, PSM_SPARSE)
        page = read_unread(oriented.grey, page, read_sparse)
    # Phone, email and web lines not read surely: once more each alone, enlarged.
    with clock.excluding("reread", "ocr"):
        read_line = _crop_reader(options, clock, deadline, PSM_LINE)
        page = reread_lines(line_grey, page, read_line)
    # Lines are read again from here on (accents): with the bands' print, not their blank.
    return replace(oriented, page=page, grey=line_grey)


def _crop_reader(
    options: ScanOptions, clock: StageClock, deadline: Deadline, psm: int
) -> Callable[[np.ndarray], OcrPage]:
    """Recognition of a piece cut from the enhanced card (dark on light already)."""

    def read_crop(crop: np.ndarray) -> OcrPage:
        with clock("ocr"):
            return recognize(
                crop,
                lang=options.lang,
                deadline=deadline,
                psm=psm,
                inverted=True,
                tessdata_dir=options.tessdata_dir,
            )

    return read_crop


def _read_fields(
    lines: Sequence[OcrLine], upright_rgb: np.ndarray, print_grey: np.ndarray, options: ScanOptions
) -> CardFields:
    """Parse the recognised lines; a QR code's vCard/MeCard/URL fills and confirms fields."""
    fields = field_parser.parse_fields(lines, region=options.region, lang=options.lang)
    payload = read_qr(upright_rgb, print_grey)
    if payload:
        fields = field_parser.merge_fields(fields, field_parser.parse_qr_payload(payload))
    return fields


def encode_jpeg(rgb: np.ndarray) -> bytes:
    """The upright card as JPEG bytes for the UI (field boxes use its pixel coordinates)."""
    ok, buffer = cv2.imencode(
        ".jpg", cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR), [cv2.IMWRITE_JPEG_QUALITY, JPEG_QUALITY]
    )
    return buffer.tobytes() if ok else b""


@dataclass
class StageClock:
    """Milliseconds per stage (repeated stages add up) and the total since the photo arrived."""

    started: float = field(default_factory=time.perf_counter)
    stages: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        begun = time.perf_counter()
        try:
            yield
        finally:
            self.stages[stage] = self.stages.get(stage, 0.0) + (time.perf_counter() - begun) * 1000

    def fork(self) -> StageClock:
        """A clock per card that shares the photo's start time and its decode/detect stages."""
        return StageClock(started=self.started, stages=dict(self.stages))

    @contextmanager
    def excluding(self, outer: str, inner: str) -> Iterator[None]:
        """Time `outer` without the `inner` stage that runs inside it (OSD apart from OCR)."""
        inner_before = self.stages.get(inner, 0.0)
        try:
            with self(outer):
                yield
        finally:  # a stage cut short by a time limit is accounted the same way
            self.stages[outer] -= self.stages.get(inner, 0.0) - inner_before

    def finish(self) -> dict[str, float]:
        timings = {name: round(ms, 1) for name, ms in self.stages.items()}
        timings["total"] = round((time.perf_counter() - self.started) * 1000, 1)
        return timings


@dataclass(frozen=True)
class DebugImages:
    """Writes each stage's image into debug_dir (01_decoded.png, 02_card.png, ...) when set."""

    folder: Path | None
    suffix: str = ""

    def card(self, index: int | str) -> DebugImages:
        return DebugImages(self.folder, "" if index == 0 else f"_card{index}")

    def save(self, name: str, image: np.ndarray) -> None:
        if self.folder is None:
            return
        Path(self.folder).mkdir(parents=True, exist_ok=True)
        bgr = cv2.cvtColor(image, cv2.COLOR_RGB2BGR) if image.ndim == 3 else image
        cv2.imwrite(str(Path(self.folder) / f"{name}{self.suffix}.png"), bgr)
