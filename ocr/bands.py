"""Light print on dark bands: found in the upright card and read again with its own polarity.

The enhance stage picks one polarity per card and flattens the light by dividing by the local
background; inside a dark band that background is the band itself, so white words on a blue
or red band come out as a blank. Measured on synthetic `band` cards: the company printed on
the band was never read. Here each large, uniform dark block that holds light strokes is cut
out, inverted and recognised on its own, and its lines replace what the page read there. A
dark mark joined to a band (a bar, a descender, the edge of a photo) stretches its box and sinks
its fill: trimmed of what it barely covers, a strip right along a card edge is a band too.
"""

from __future__ import annotations

from collections.abc import Callable

import cv2
import numpy as np

from ocr.enhance import flatten_light
from ocr.tesseract import OcrPage
from ocr.types import Box, OcrLine

WORK_SIDE = 300  # band search on a small copy: bands are large, strokes are not needed here
MIN_AREA_SHARE = 0.04  # a band covers at least this share of the card
MAX_AREA_SHARE = 0.7  # beyond this it is the card's own ground (a dark card), not a band
MIN_FILL = 0.85  # share of its bounding box the dark block fills (a band, not a photo edge)
MIN_SPAN = 0.6  # a band runs across most of the card's width or height
DARK_BELOW_PAPER = 70  # grey levels a band is darker than the card's paper
MIN_LIGHT_SHARE = 0.005  # share of the band's pixels that are light strokes (a short word on it)
MAX_BANDS = 3
EDGE_SPAN = 0.9  # a band trimmed of what sticks out of it runs along this much of its edge
MIN_LINE_CONF = 0.4  # below this a band line is its texture or edge, not print


def find_bands(grey: np.ndarray) -> list[Box]:
    """Boxes (full-size pixels) of large uniform dark blocks that carry light strokes."""
    height, width = grey.shape
    scale = WORK_SIDE / max(height, width)
    small = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    paper = float(np.percentile(small, 75))
    # Opening drops dark print (thin strokes at this size), closing fills the light words
    # inside a band (text is small next to a band).
    dark = cv2.morphologyEx(
        (small < paper - DARK_BELOW_PAPER).astype(np.uint8),
        cv2.MORPH_OPEN,
        np.ones((3, 3), np.uint8),
    )
    dark = cv2.morphologyEx(dark, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(dark, connectivity=4)
    bands: list[tuple[int, Box]] = []
    for index in range(1, count):
        x, y, w, h, area = (int(v) for v in stats[index])
        stat = (x, y, w, h, area)
        found = _band_box(small, stat)
        if found is None:
            # A word or a mark touching the band's edge stretches its box and sinks its fill:
            # without what the block barely covers, a strip along a card edge is a band.
            trimmed = _trimmed(labels == index, stat)
            found = _band_box(small, trimmed) if _edge_band(trimmed, small.shape) else None
        if found is not None:
            bands.append((found[4], _to_full(found[:4], scale, width, height)))
    bands.sort(reverse=True)
    return [box for _, box in bands[:MAX_BANDS]]


Stat = tuple[int, int, int, int, int]  # x, y, w, h, area of a dark block on the small copy


def _band_box(small: np.ndarray, stat: Stat) -> Stat | None:
    """The block when it is a band: large, solid, across the card, with light strokes on it."""
    x, y, w, h, area = stat
    share = area / (small.shape[0] * small.shape[1])
    if not MIN_AREA_SHARE <= share <= MAX_AREA_SHARE or area < MIN_FILL * w * h:
        return None
    if w < MIN_SPAN * small.shape[1] and h < MIN_SPAN * small.shape[0]:
        return None
    return stat if _has_light_strokes(small[y : y + h, x : x + w]) else None


def _edge_band(stat: Stat, shape: tuple[int, ...]) -> bool:
    """A strip right across the card along one of its edges (a printed band's place; big bold
    words are neither that long nor there)."""
    x, y, w, h, _ = stat
    height, width = shape[:2]
    margin = 0.03 * max(height, width)
    if w >= h:
        return w >= EDGE_SPAN * width and (y <= margin or y + h >= height - margin)
    return h >= EDGE_SPAN * height and (x <= margin or x + w >= width - margin)


def _trimmed(component: np.ndarray, stat: Stat) -> Stat:
    """The block's box without the rows (of a band across the card; columns of one down it)
    it covers less than half of: what sticks out of a band does so across it, and its own
    light words must not be cut along it."""
    x, y, w, h, area = stat
    block = component[y : y + h, x : x + w]
    if w >= h:
        rows = np.flatnonzero(block.sum(axis=1) >= 0.5 * w)
        if len(rows) == 0:
            return stat
        top, bottom = int(rows[0]), int(rows[-1]) + 1
        return x, y + top, w, bottom - top, int(block[top:bottom].sum())
    cols = np.flatnonzero(block.sum(axis=0) >= 0.5 * h)
    if len(cols) == 0:
        return stat
    left, right = int(cols[0]), int(cols[-1]) + 1
    return x + left, y, right - left, h, int(block[:, left:right].sum())


def blank(grey: np.ndarray, bands: list[Box]) -> np.ndarray:
    """The enhanced card with its bands painted paper-white (they are read on their own)."""
    if not bands:
        return grey
    grey = grey.copy()
    for x, y, w, h in bands:
        grey[y : y + h, x : x + w] = 255
    return grey


def _has_light_strokes(region: np.ndarray) -> bool:
    ground = float(np.median(region))
    light = (region > ground + DARK_BELOW_PAPER).sum()
    return bool(light >= MIN_LIGHT_SHARE * region.size)


def _to_full(box: Box, scale: float, width: int, height: int) -> Box:
    x, y, w, h = box
    # One small pixel inside: the band's edge read inverted is a stripe of garbage.
    x0, y0 = max(0, int((x + 1) / scale)), max(0, int((y + 1) / scale))
    x1, y1 = min(width, int((x + w - 1) / scale)), min(height, int((y + h - 1) / scale))
    return (x0, y0, x1 - x0, y1 - y0)


def read_bands(grey: np.ndarray, page: OcrPage, read: Callable[[np.ndarray], OcrPage]) -> OcrPage:
    """The page with each band's lines read inverted in place of what was read there."""
    for box in find_bands(grey):
        x, y, w, h = box
        lines = read(_band_print(grey, box)).lines
        band_lines = [line.shifted(x, y) for line in lines if line.conf >= MIN_LINE_CONF]
        page = _merged(page, box, band_lines)
    return page


def with_bands_shown(page_grey: np.ndarray, grey: np.ndarray) -> np.ndarray:
    """The page image (bands blanked) with each band's print put back dark on light, as
    read_bands reads it: a line cut from it to be read again (a phone, a company in the card's
    language) reads on a band too. `grey` is the card's own, with the page's polarity."""
    shown = page_grey.copy()
    for x, y, w, h in find_bands(grey):
        shown[y : y + h, x : x + w] = _band_print(grey, (x, y, w, h))
    return shown


def _band_print(grey: np.ndarray, box: Box) -> np.ndarray:
    x, y, w, h = box
    return flatten_light(255 - grey[y : y + h, x : x + w])


def _merged(page: OcrPage, box: Box, band_lines: list[OcrLine]) -> OcrPage:
    inside = [line for line in page.lines if _centre_inside(line.box, box)]
    if _score(band_lines) <= _score(inside):
        return page
    kept = [line for line in page.lines if not _centre_inside(line.box, box)]
    # The band's lines go where the page's reading order reaches the band's top.
    at = next((i for i, line in enumerate(kept) if line.box[1] >= box[1]), len(kept))
    return OcrPage(lines=tuple(kept[:at] + band_lines + kept[at:]))


def _score(lines: list[OcrLine]) -> float:
    return OcrPage(lines=tuple(lines)).score


def _centre_inside(line: Box, box: Box) -> bool:
    cx, cy = line[0] + line[2] / 2, line[1] + line[3] / 2
    return box[0] <= cx <= box[0] + box[2] and box[1] <= cy <= box[1] + box[3]
