"""Find-card stage: where the card(s) are in the photo, as four corners in full resolution.

A cascade on a ~1000 px copy, cheapest first: edge contours, then colour/brightness
segmentation against the background, then straight-line quads, then edge contours after local
contrast equalisation (a dark card on a dark desk; only when no step found any quad), then
regions of one paper colour (a card on a busy desk whose edges other objects touch; only while
the best quad is weak). Card-shaped quads from the steps run so far are ranked by paper
uniformity times the print they enclose; the next step only runs while no quad is convincing.
A chosen quad that lost a coloured band along one long side (its edge against the desk too
faint for the contours) is grown over it. No quad at all means "use the whole frame".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import cv2
import numpy as np

DETECT_SIDE = 1000  # long side of the working copy
MIN_AREA = 0.01  # of the frame: smaller than this is a logo or a label, not a card
MAX_AREA = 0.97  # of the frame: bigger means we are looking at the frame edge
ASPECT_RANGE = (1.15, 2.4)  # long/short side of a card seen with some perspective
PERSPECTIVE_SIDES = 1.4  # opposite sides of a card in a phone photo differ by less than this
PAPER_ASPECT = 3.4  # up to this long: a card's paper whose band the edges missed, maybe
MAX_CARDS = 4  # more cards than this in one photo is a contact sheet, not a use case
INK_CONTRAST = 35  # grey levels a print pixel differs from its neighbourhood median
CONFIDENT_SCORE = 1.0  # a quad this sure (print x paper uniformity) ends the cascade early
WEAK_CARD_SCORE = 0.7  # below this the best quad so far is a desk item or a part of the card
PAPER_COLOURS = 4  # colour bins (16 levels per Lab channel) that count as the card's stock
BAND_MIN_ASPECT = 1.95  # a quad this long may have lost a band along one long side
CARD_ASPECT = 1.7  # between ISO (1.59) and US (1.75) cards: how far to grow the quad
BAND_UNIFORMITY = 0.7  # share of the strip in its dominant colour (a band, not a desk)
BAND_INK = 0.01  # share of the strip that is print (a band with words on it)
ENDED_BAND_INK = 0.005  # as much for a band seen to end: a short word on it is enough
BAND_LOOK = 0.6  # how far past a long side (in short sides) a band's end is looked for
BAND_DEPTH = (0.12, 0.5)  # a band's depth, in short sides of the quad without it
BAND_DESK_ROWS = 8  # of 60 rows over 0.75 short sides: past a line of words on the band
CARD_COLOURED_DESK_ROWS = 12  # deeper than a line of big words on the band
BAND_EDGE_ROWS = 3  # of desk before the photo's edge: enough to tell the band ended
BAND_MARGIN = 0.03  # in short sides: how much desk past a band's end is kept
BAND_COLOUR_STEP = 24.0  # Lab distance between band and card, and desk and card
# Lab distance between a black band and the desk: a dark desk is only a few steps lighter
# than black (and its light varies across the photo), yet plainly no part of the band.
BLACK_BAND_DESK_STEP = 16.0
BLACK = 40  # Lab lightness (0-255) under which a band is black
SOLID = 0.85  # share of a colour region's quad in that colour: paper, not a ring of desk
AS_DENSE = 0.8  # a card in a box of card and busy desk: as much print a pixel as the box
MAX_CORNER_COSINE = 0.64  # |cos| of a corner angle: 50°..130° (strong perspective)


@dataclass(frozen=True)
class Detection:
    """One card found: corners (tl, tr, br, bl) in the photo's pixels, and how it was found."""

    quad: np.ndarray  # float32 (4, 2)
    method: str
    area_ratio: float

    @property
    def corners(self) -> tuple[tuple[float, float], ...]:
        return tuple((round(float(x), 1), round(float(y), 1)) for x, y in self.quad)


def find_cards(rgb: np.ndarray, *, max_cards: int = 4) -> list[Detection]:
    """Detect card quads, largest first; an empty list means "use the whole frame".

    Every step's card-shaped quads are ranked by the text they enclose (a desk's rectangles,
    a band or a logo on the card enclose none or little of it); later steps only run while
    no quad encloses most of the photo's print.
    """
    small, scale = downscale(rgb, DETECT_SIDE)
    grey = cv2.cvtColor(small, cv2.COLOR_RGB2GRAY)
    ink = ink_map(grey)
    lab = cv2.cvtColor(np.ascontiguousarray(small[::3, ::3]), cv2.COLOR_RGB2LAB)  # 1/9: shares
    pool: list[_Candidate] = []
    for method, finder in _CASCADE:
        least = 0.0  # the score a quad of this step needs to count
        if method == "contrast" and pool:
            if _best_score(pool, grey.shape) > 0 or max(c.uniformity for c in pool) >= SOLID:
                # Equalising also sharpens desk texture: only when nothing found a card (the
                # photo's border of one paper is a card filling the photo).
                continue
            # Only the photo's border found, of many colours (a dark card filling a busy frame):
            # a sure card, not a quad equalised desk texture closes across card and desk.
            least = WEAK_CARD_SCORE
        if method == "colour" and _best_score(pool, grey.shape) >= WEAK_CARD_SCORE:
            continue  # a desk's own blocks of colour are card-shaped too: only for a weak pool
        for found in finder(small, grey):
            quad = _card_shaped(found, grey.shape, ink, lab)
            if quad is None:
                continue
            mask = quad_mask(quad, grey.shape)
            evidence, density = print_in(mask, ink)
            candidate = _Candidate(quad, method, evidence, uniformity(mask, lab), density)
            if candidate.score >= least:
                pool.append(candidate)
        if _best_score(pool, grey.shape) >= CONFIDENT_SCORE:
            break
    frame = grey.shape[0] * grey.shape[1]
    return [
        Detection(
            quad=(with_band(c.quad, ink, lab, ended=False) / scale).astype(np.float32),
            method=c.method,
            area_ratio=float(cv2.contourArea(c.quad)) / frame,
        )
        for c in _select(_in_perspective(pool), grey.shape, max_cards)
    ]


def _in_perspective(pool: list[_Candidate]) -> list[_Candidate]:
    """Without a quad whose opposite sides differ more than a phone's perspective makes, when a
    quad that does not lies mostly inside it: a box of the card and the desk, the card within
    (its band may reach out of the box). With none inside it is kept: a card photographed at
    a steep angle."""
    plausible = [c for c in pool if _side_ratio(c.quad) <= PERSPECTIVE_SIDES]
    return [
        c
        for c in pool
        if _side_ratio(c.quad) <= PERSPECTIVE_SIDES
        or not any(
            inner.area >= 0.2 * c.area and _overlap(c.quad, inner.quad) >= 0.6
            for inner in plausible
        )
    ]


def _best_score(pool: list[_Candidate], shape: tuple[int, ...]) -> float:
    """The surest card so far; the photo's own border is no card, however much print it holds."""
    return max((c.score for c in pool if not _is_frame_border(c.quad, shape)), default=0.0)


@dataclass(frozen=True)
class _Candidate:
    quad: np.ndarray
    method: str
    evidence: float
    uniformity: float
    density: float  # share of its pixels that are print (or desk lines)

    @property
    def area(self) -> float:
        return float(cv2.contourArea(self.quad))

    @property
    def score(self) -> float:
        """One paper first, print second: on a busy desk the lines look like print too, but a box
        around card *and* desk is not of one colour."""
        return self.uniformity * (0.5 + min(self.evidence, 1.0))


def with_band(
    quad: np.ndarray, ink: np.ndarray, lab: np.ndarray, *, ended: bool = True, shaped: bool = True
) -> np.ndarray:
    """The quad grown over a missing band: one long side continued by a strip of one colour
    carrying print (white words on a band the edges cut away). A band seen to end decides
    how far (`ended`); else a quad too long for a card grows to a card's shape (`shaped`)."""
    ways = [(_ended_bands(quad, lab, ink.shape), ENDED_BAND_INK)] if ended else []
    ways += [(_band_growths(quad), BAND_INK)] if shaped else []
    for growths, least_ink in ways:
        best, best_share = quad, 0.0
        for grown in growths:
            moved = [i for i in range(4) if not np.allclose(quad[i], grown[i])]
            if len(moved) != 2 or not _inside(grown, ink.shape):
                continue  # a side at the photo's edge has nowhere to grow
            strip = quad_mask(_strip(quad, grown, moved), ink.shape)
            if not strip.any():
                continue
            share = uniformity(strip, lab)
            printed = float(ink[strip].mean())
            if share >= BAND_UNIFORMITY and printed >= least_ink and share > best_share:
                best, best_share = grown, share
        if best is not quad:
            return best
    return quad


def _band_growths(quad: np.ndarray) -> list[np.ndarray]:
    """The quad pushed out past each long side to a card's aspect (none when card-shaped)."""
    q = quad.astype(np.float32)
    sides = np.linalg.norm(q - np.roll(q, -1, axis=0), axis=1)
    horizontal = sides[0] + sides[2] >= sides[1] + sides[3]
    long_side = max(sides[0] + sides[2], sides[1] + sides[3]) / 2
    short_side = min(sides[0] + sides[2], sides[1] + sides[3]) / 2
    if long_side / max(short_side, 1.0) < BAND_MIN_ASPECT:
        return []
    depth = long_side / CARD_ASPECT - short_side

    def unit(v: np.ndarray) -> np.ndarray:
        return v / max(float(np.linalg.norm(v)), 1e-6)

    growths = []
    # (corner moved, direction it moves along): the two corners of one long side.
    if horizontal:
        pairs = [((3, q[3] - q[0]), (2, q[2] - q[1])), ((0, q[0] - q[3]), (1, q[1] - q[2]))]
    else:
        pairs = [((1, q[1] - q[0]), (2, q[2] - q[3])), ((0, q[0] - q[1]), (3, q[3] - q[2]))]
    for moves in pairs:
        grown = q.copy()
        for corner, direction in moves:
            grown[corner] = q[corner] + unit(direction) * depth
        growths.append(grown)
    return growths


def _ended_bands(quad: np.ndarray, lab: np.ndarray, shape: tuple[int, ...]) -> list[np.ndarray]:
    """The quad pushed out past a long side over a strip of another colour than the card's
    that ends, within a band's depth, in yet another colour (the desk): a band whose outer
    edge the contours missed, however card-shaped the quad without it looks."""
    q = quad.astype(np.float32)
    sides = np.linalg.norm(q - np.roll(q, -1, axis=0), axis=1)
    horizontal = sides[0] + sides[2] >= sides[1] + sides[3]
    # (corner, the corner across the short side from it) for the two corners of each long side
    long_sides = (
        [((0, 3), (1, 2)), ((3, 0), (2, 1))] if horizontal else [((1, 0), (2, 3)), ((0, 1), (3, 2))]
    )
    # The photo's last pixel, not the Lab copy's (every 3rd pixel: it may reach past it).
    limit = np.array([shape[1] - 1, shape[0] - 1], np.float32)
    grown_quads = []
    for (a, a_across), (b, b_across) in long_sides:
        out_a, out_b = q[a] - q[a_across], q[b] - q[b_across]
        depths = _band_depths(*_outward_profile(lab, q[a], q[b], out_a, out_b))
        if depths is not None:
            grown = q.copy()
            # The band's end was seen: a corner past the photo's edge is cut off by it.
            grown[a] = np.clip(q[a] + out_a * depths[0], 0, limit)
            grown[b] = np.clip(q[b] + out_b * depths[1], 0, limit)
            grown_quads.append(grown)
    return grown_quads


def _band_depths(t: np.ndarray, strip: np.ndarray) -> tuple[float, float] | None:
    """How far the band reaches at either end of the side (in short sides), measured at a
    third and two thirds of it and carried on to the corners: the band's edge is straight,
    the quad's sides may not be quite parallel to it. Each window is measured as far as it
    lies within the photo (a card corner near the photo's edge cuts off one window first)."""
    near, far = (
        _band_end(t, *_window(strip, columns)) for columns in (slice(5, 23), slice(25, 43))
    )
    if near is None or far is None or abs(near - far) > BAND_DEPTH[0]:
        return None
    at_near, at_far = 14 / 47, 34 / 47  # the windows' centres along the side
    slope = (far - near) / (at_far - at_near)
    # a sliver of desk past the edge: words printed near it keep a margin to read by
    return near - slope * at_near + BAND_MARGIN, far + slope * (1 - at_far) + BAND_MARGIN


def _band_end(t: np.ndarray, profile: np.ndarray, inside: np.ndarray) -> float | None:
    """Where a band of another colour than the card's ends past the side, if it does."""
    start = int(np.searchsorted(t, 0.03))
    card = np.median(profile[t < -0.03], axis=0)
    band = np.median(profile[start : start + 3], axis=0)
    if not inside[: start + 3].all() or np.linalg.norm(band - card) < BAND_COLOUR_STEP:
        return None  # past the photo's edge, or the card itself goes on: no band
    desk_step = BLACK_BAND_DESK_STEP if band[0] < BLACK else BAND_COLOUR_STEP
    from_band = np.linalg.norm(profile - band, axis=1) >= desk_step
    from_card = np.linalg.norm(profile - card, axis=1) >= BAND_COLOUR_STEP
    # The band ends where the rows stay away from its colour (the desk); a line of words on
    # it (printed in the card's colour, mostly) is away for a few rows only. A desk of the
    # card's own colour is told from the words by staying deeper than a line of them.
    depth = _run_start(t, from_band & from_card, inside, start, BAND_DESK_ROWS)
    if depth is None:
        depth = _run_start(t, from_band, inside, start, CARD_COLOURED_DESK_ROWS)
    return depth if depth is not None and BAND_DEPTH[0] <= depth <= BAND_DEPTH[1] else None


def _run_start(
    t: np.ndarray, away: np.ndarray, inside: np.ndarray, start: int, rows: int
) -> float | None:
    """Where the first run of `rows` rows away from the band begins; desk that runs on to the
    photo's edge ends the band too (a corner near the edge)."""
    run = 0
    for row in range(start, len(t)):
        if not inside[row]:
            break
        run = run + 1 if away[row] else 0
        if run == rows:
            break
    if run < (rows if inside[row] else BAND_EDGE_ROWS):
        return None
    return float(t[row - run + 1]) if inside[row] else float(t[row - run])


def _outward_profile(
    lab: np.ndarray, a: np.ndarray, b: np.ndarray, out_a: np.ndarray, out_b: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The photo past side a-b, from a little inside the quad outward, as rows parallel to
    the side: (offsets in short sides, the Lab rows)."""
    inner, outer, rows = -0.15, BAND_LOOK, 60
    corners = [a + out_a * inner, b + out_b * inner, b + out_b * outer, a + out_a * outer]
    src = np.array(corners, np.float32) / 3.0  # lab holds every 3rd pixel
    dst = np.array([[0, 0], [47, 0], [47, rows - 1], [0, rows - 1]], np.float32)
    matrix = cv2.getPerspectiveTransform(src, dst)
    strip = cv2.warpPerspective(lab, matrix, (48, rows), flags=cv2.INTER_NEAREST)
    t = inner + (outer - inner) * np.arange(rows) / (rows - 1)
    return t, strip.astype(np.float32)


def _window(strip: np.ndarray, columns: slice) -> tuple[np.ndarray, np.ndarray]:
    """A window's colour row by row, and whether each row lies within the photo (outside it
    the warped strip is all zeros). The windows keep clear of the corners, which may be
    rounded."""
    window = strip[:, columns]
    return np.median(window, axis=1), np.all(np.any(window, axis=2), axis=1)


def _strip(quad: np.ndarray, grown: np.ndarray, moved: list[int]) -> np.ndarray:
    """The quadrilateral between the quad's moved side (corners `moved`) and where it moved to."""
    a, b = moved
    if (a, b) == (0, 3):
        a, b = 3, 0
    return np.array([quad[a], quad[b], grown[b], grown[a]], np.float32)


def _inside(quad: np.ndarray, shape: tuple[int, ...]) -> bool:
    height, width = shape[:2]
    return bool(
        (quad[:, 0] >= 0).all()
        and (quad[:, 0] < width).all()
        and (quad[:, 1] >= 0).all()
        and (quad[:, 1] < height).all()
    )


def ink_map(grey: np.ndarray) -> np.ndarray:
    """Pixels much darker or lighter than their neighbourhood's median: print, mostly."""
    height, width = grey.shape
    half = cv2.resize(grey, (width // 2, height // 2), interpolation=cv2.INTER_AREA)
    stroke = np.abs(half.astype(np.int16) - cv2.medianBlur(half, 11))  # half size: 4x cheaper
    ink = (stroke > INK_CONTRAST).astype(np.float32)
    return cv2.resize(ink, (width, height), interpolation=cv2.INTER_NEAREST)


def quad_mask(quad: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    mask = np.zeros(shape[:2], np.uint8)
    cv2.fillConvexPoly(mask, np.round(quad).astype(np.int32), 1)
    return mask.astype(bool)


def uniformity(mask: np.ndarray, lab: np.ndarray) -> float:
    """Share of the quad in its dominant colour: high for card stock (even two-tone), low for
    a box that also holds the desk and the objects on it."""
    pixels = lab[mask[::3, ::3]]  # lab holds every 3rd pixel each way: plenty for a share
    if len(pixels) == 0:
        return 0.0
    bins = _colour_bins(pixels)
    counts = np.sort(np.bincount(bins, minlength=4096))[::-1]
    return float(counts[:PAPER_COLOURS].sum() / len(pixels))


def _colour_bins(lab: np.ndarray) -> np.ndarray:
    """Coarse colour bins of Lab pixels (any shape, last axis the channels): lightness in
    steps of 32, since light falling across a card spreads L, not the stock's colour."""
    lab = lab.astype(np.int32)
    return (lab[..., 0] // 32) * 256 + lab[..., 1] // 16 * 16 + lab[..., 2] // 16


def print_in(mask: np.ndarray, ink: np.ndarray) -> tuple[float, float]:
    """The quad's print: how far its density departs from the rest of the photo's (as a share
    of all print), and that density (the share of its pixels that are print)."""
    mask, ink = mask[::2, ::2], ink[::2, ::2]  # shares survive subsampling; time does not
    inside_area = float(np.count_nonzero(mask))
    total = float(ink.sum())
    inside = float(ink[mask].sum())
    outside_area = max(ink.size - inside_area, 1.0)
    expected = inside_area * (total - inside) / outside_area
    # Absolute: on a textured desk (wood grain, fabric) a card is the *smooth* region.
    return abs(inside - expected) / max(total, 1.0), inside / max(inside_area, 1.0)


def downscale(rgb: np.ndarray, side: int) -> tuple[np.ndarray, float]:
    """Shrink so the long side is `side` px (never enlarge); return the copy and its scale."""
    height, width = rgb.shape[:2]
    scale = min(1.0, side / max(height, width))
    if scale == 1.0:
        return rgb, 1.0
    size = (round(width * scale), round(height * scale))
    return cv2.resize(rgb, size, interpolation=cv2.INTER_AREA), scale


def order_corners(points: np.ndarray) -> np.ndarray:
    """Sort four points as top-left, top-right, bottom-right, bottom-left."""
    pts = np.asarray(points, dtype=np.float32).reshape(4, 2)
    centre = pts.mean(axis=0)
    angles = np.arctan2(pts[:, 1] - centre[1], pts[:, 0] - centre[0])
    pts = pts[np.argsort(angles)]  # clockwise from the left-most-up direction (y down)
    start = int(np.argmin(pts.sum(axis=1)))
    return np.roll(pts, -start, axis=0)


# --- step 1: edges and contours -----------------------------------------------------------


def _edge_candidates(_rgb: np.ndarray, grey: np.ndarray) -> list[np.ndarray]:
    """Canny, dilated so card borders become whole contours; a softer pass if that finds none.

    Fixed thresholds rather than ones from the median grey: a white card on a white desk is
    bright *and* low-contrast, exactly where median-scaled thresholds go blind.
    """
    blurred = cv2.GaussianBlur(grey, (5, 5), 0)
    quads: list[np.ndarray] = []
    for low, high in ((40, 110), (15, 45)):
        edges = cv2.dilate(cv2.Canny(blurred, low, high), np.ones((3, 3), np.uint8))
        quads = [q for q in _polygons(edges, approx="any") if _is_card_like(q, grey.shape)]
        if quads:
            break
    return quads


# --- step 2: segmentation against the background -------------------------------------------


def _segment_candidates(rgb: np.ndarray, grey: np.ndarray) -> list[np.ndarray]:
    """Pixels far (in Lab colour) from the border colour form blobs; each blob's min-area rect."""
    lab = cv2.cvtColor(cv2.GaussianBlur(rgb, (7, 7), 0), cv2.COLOR_RGB2LAB).astype(np.float32)
    border = np.concatenate(
        [
            lab[:8].reshape(-1, 3),
            lab[-8:].reshape(-1, 3),
            lab[:, :8].reshape(-1, 3),
            lab[:, -8:].reshape(-1, 3),
        ]
    )
    distance = np.linalg.norm(lab - np.median(border, axis=0), axis=2)
    # Clip before Otsu: bright print would otherwise own the top of the range and a card only
    # slightly different from the desk (black on dark grey) would fall in with the desk.
    clip = max(float(np.percentile(distance, 90)), 10.0)
    distance = (np.minimum(distance, clip) * (255 / clip)).astype(np.uint8)
    _, mask = cv2.threshold(distance, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (15, 15))
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, kernel)
    mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (9, 9)))
    return _polygons(mask, approx=None)


# --- step 3: straight lines ----------------------------------------------------------------


def _line_candidates(_rgb: np.ndarray, grey: np.ndarray) -> list[np.ndarray]:
    """Long Hough segments redrawn as a mask: card sides close into a quad even when broken."""
    blurred = cv2.GaussianBlur(grey, (5, 5), 0)
    edges = cv2.Canny(blurred, 30, 90)
    min_len = 0.12 * max(grey.shape)
    lines = cv2.HoughLinesP(
        edges, 1, np.pi / 180, threshold=60, minLineLength=min_len, maxLineGap=20
    )
    if lines is None:
        return []
    canvas = np.zeros_like(grey)
    for x1, y1, x2, y2 in lines.reshape(-1, 4):
        # Extend each segment a little so corners that were rounded or worn still meet.
        dx, dy = (x2 - x1) * 0.08, (y2 - y1) * 0.08
        cv2.line(canvas, (int(x1 - dx), int(y1 - dy)), (int(x2 + dx), int(y2 + dy)), 255, 3)
    return _polygons(canvas, approx="any")


# --- step 4: local contrast ----------------------------------------------------------------


def _contrast_candidates(_rgb: np.ndarray, grey: np.ndarray) -> list[np.ndarray]:
    """Edge contours after local contrast equalisation (CLAHE): a dark card on a dark desk.

    Its border is a step of a few grey levels that fixed Canny thresholds miss; equalising
    each tile of the photo stretches that step into an edge. Last in the cascade, and only
    when no other step found a card: it also stretches desk texture into edges.
    """
    blurred = cv2.GaussianBlur(grey, (5, 5), 0)
    quads: list[np.ndarray] = []
    # Mildest first: a stronger stretch also turns the desk's shading into edges.
    for clip, low, high in ((3.0, 20, 60), (3.0, 10, 30), (4.0, 20, 60), (4.0, 10, 30)):
        equalised = cv2.createCLAHE(clipLimit=clip, tileGridSize=(8, 8)).apply(blurred)
        edges = cv2.dilate(cv2.Canny(equalised, low, high), np.ones((3, 3), np.uint8))
        quads = [q for q in _polygons(edges, approx="any") if _is_card_like(q, grey.shape)]
        if quads:
            break
    return quads


# --- step 5: one paper colour --------------------------------------------------------------


def _colour_candidates(rgb: np.ndarray, _grey: np.ndarray) -> list[np.ndarray]:
    """Regions of one of the photo's commonest colours, print and thin lines closed over.

    On a busy desk the card's edges touch other objects and lines cross them, so neither its
    edges nor its difference from the border colour close into a quad of its own; its paper,
    one colour (the bins of `uniformity`), still does.
    """
    lab = cv2.cvtColor(cv2.GaussianBlur(rgb, (5, 5), 0), cv2.COLOR_RGB2LAB)
    bins = _colour_bins(lab)
    counts = np.bincount(bins.ravel(), minlength=4096)
    least = MIN_AREA * bins.size
    close = cv2.getStructuringElement(cv2.MORPH_RECT, (15, 15))
    opening = cv2.getStructuringElement(cv2.MORPH_RECT, (9, 9))
    quads: list[np.ndarray] = []
    for colour in np.argsort(counts)[::-1][: PAPER_COLOURS * 2]:
        if counts[colour] < least:
            break
        mask = (bins == colour).astype(np.uint8) * 255
        mask = cv2.morphologyEx(
            cv2.morphologyEx(mask, cv2.MORPH_CLOSE, close), cv2.MORPH_OPEN, opening
        )
        quads += [
            quad
            # A card's own corners under perspective, not a region cut across by a shadow.
            for quad in _polygons(mask, approx="fitting")
            if not _cut_by_frame(quad, mask.shape)
            and mask[quad_mask(quad, mask.shape)].mean() >= SOLID * 255
        ]
    return quads


def _cut_by_frame(quad: np.ndarray, shape: tuple[int, ...]) -> bool:
    """Two corners on the photo's edge: a region of colour the frame cuts is background (a
    card may reach the edge with one corner)."""
    height, width = shape[:2]
    x, y = quad[:, 0], quad[:, 1]
    on_edge = (x < 2) | (y < 2) | (x > width - 3) | (y > height - 3)
    return int(on_edge.sum()) >= 2


def _polygons(mask: np.ndarray, *, approx: Literal["any", "fitting"] | None) -> list[np.ndarray]:
    """Four-corner shapes from a binary mask: the polygon approximation of each region's hull
    (approx "any"; "fitting": only one that fits the hull better than its min-area rectangle,
    with opposite sides as even as perspective leaves them), else the min-area rectangle."""
    contours, _ = cv2.findContours(mask, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
    frame = mask.shape[0] * mask.shape[1]
    quads = []
    for contour in contours:
        if cv2.contourArea(contour) < MIN_AREA * frame * 0.8:
            continue
        hull = cv2.convexHull(contour)
        # Rounded corners give 5-8 vertices: the min-area rectangle of a nearly-full hull.
        rect = cv2.boxPoints(cv2.minAreaRect(hull))
        rect_fit = cv2.contourArea(hull) / max(cv2.contourArea(rect), 1.0)
        if approx:
            poly = cv2.approxPolyDP(hull, 0.02 * cv2.arcLength(hull, True), True).reshape(-1, 2)
            if len(poly) == 4 and (
                approx == "any"
                or (_side_ratio(poly) <= PERSPECTIVE_SIDES and _fit(poly, hull) >= rect_fit)
            ):
                quads.append(order_corners(poly))
                continue
        if rect_fit > 0.88:
            quads.append(order_corners(rect))
    return quads


def _fit(poly: np.ndarray, hull: np.ndarray) -> float:
    """Intersection over union of two convex polygons."""
    poly, hull = poly.astype(np.float32), hull.reshape(-1, 2).astype(np.float32)
    common, _ = cv2.intersectConvexConvex(poly, hull)
    union = cv2.contourArea(poly) + cv2.contourArea(hull) - common
    return float(common / max(union, 1.0))


def _side_ratio(quad: np.ndarray) -> float:
    """The larger of the two ratios of opposite sides' lengths."""
    sides = np.linalg.norm(quad - np.roll(quad, -1, axis=0), axis=1) + 1.0
    return float(
        max(sides[[0, 2]].max() / sides[[0, 2]].min(), sides[[1, 3]].max() / sides[[1, 3]].min())
    )


def _card_shaped(
    quad: np.ndarray, shape: tuple[int, ...], ink: np.ndarray, lab: np.ndarray
) -> np.ndarray | None:
    """The card the quad outlines, grown over a band seen to end past a long side that its
    edges missed (white paper whose red band merged with the desk), so it is ranked as the
    whole card; a quad too long for a card only when a band's growth makes one."""
    if _is_card_like(quad, shape):
        return with_band(quad, ink, lab, shaped=False)
    if not ASPECT_RANGE[1] < _aspect(quad) <= PAPER_ASPECT:
        return None
    grown = with_band(quad, ink, lab)
    return grown if grown is not quad and _is_card_like(grown, shape) else None


def _is_card_like(quad: np.ndarray, shape: tuple[int, ...]) -> bool:
    """Big enough, convex, card-shaped, corners near 90°, and not the photo's own border."""
    frame = shape[0] * shape[1]
    area = cv2.contourArea(quad)
    if not (MIN_AREA * frame <= area <= MAX_AREA * frame) or not cv2.isContourConvex(quad):
        return False
    if not ASPECT_RANGE[0] <= _aspect(quad) <= ASPECT_RANGE[1]:
        return False
    return _corner_angles_ok(quad)


def _aspect(quad: np.ndarray) -> float:
    """Long over short side, each the mean of a pair of opposite sides."""
    sides = np.linalg.norm(quad - np.roll(quad, -1, axis=0), axis=1)
    long_side = max(sides[0] + sides[2], sides[1] + sides[3])
    short_side = min(sides[0] + sides[2], sides[1] + sides[3])
    return float(long_side / max(short_side, 1.0))


def _corner_angles_ok(quad: np.ndarray) -> bool:
    """Perspective bends a card's corners, but not beyond ~55-125°: slivers are not cards."""
    for index in range(4):
        before, here, after = quad[index - 1], quad[index], quad[(index + 1) % 4]
        a, b = before - here, after - here
        cosine = float(np.dot(a, b) / max(np.linalg.norm(a) * np.linalg.norm(b), 1e-6))
        if abs(cosine) > MAX_CORNER_COSINE:
            return False
    return True


def _is_frame_border(quad: np.ndarray, shape: tuple[int, ...]) -> bool:
    """A big quad with three corners on the photo's edges: maybe just the picture's border."""
    height, width = shape[:2]
    reach = 0.015 * max(height, width)
    # Corners past the edge count too: a box of "everything but the desk" overshoots it.
    on_edge = [x < reach or x > width - reach or y < reach or y > height - reach for x, y in quad]
    return sum(on_edge) >= 3 and cv2.contourArea(quad) > 0.6 * height * width


def _select(pool: list[_Candidate], shape: tuple[int, ...], max_cards: int) -> list[_Candidate]:
    """The best-evidenced quads that do not overlap each other, returned largest first."""
    frame = shape[0] * shape[1]
    ranked = sorted(pool, key=lambda c: c.score + 0.1 * c.area / frame, reverse=True)
    card = _card_of(ranked[0], ranked) if ranked else None
    if card is not None and card is not ranked[0]:
        ranked = [card, *(c for c in ranked if c is not card)]
    # The photo's border (or a mat around it) with a real card inside: keep the card.
    # A card that fills the frame has no card-sized quad inside, so it stays.
    if len(ranked) > 1 and _is_frame_border(ranked[0].quad, shape):
        # Evidence cannot judge a quad holding nearly everything, so size decides here.
        inner = [
            c for c in ranked if c.area >= 0.08 * frame and not _is_frame_border(c.quad, shape)
        ]
        if inner:
            ranked = [c for c in ranked if not _is_frame_border(c.quad, shape)]
            card = _card_of(ranked[0], ranked)
            ranked = [card, *(c for c in ranked if c is not card)]
    chosen: list[_Candidate] = []
    for candidate in ranked:
        if all(_overlap(candidate.quad, other.quad) < 0.2 for other in chosen):
            chosen.append(candidate)
        if len(chosen) == MAX_CARDS:
            break
    if chosen:
        # A far smaller or emptier second "card" is a logo, a photo on the card or a desk item.
        first = chosen[0]
        chosen = [first] + [
            c for c in chosen[1:] if c.area >= 0.35 * first.area and c.score >= 0.35 * first.score
        ]
    # Largest first, cut after ranking all: the main card is the same whatever max_cards is.
    return sorted(chosen, key=lambda c: c.area, reverse=True)[:max_cards]


def _card_of(best: _Candidate, pool: list[_Candidate]) -> _Candidate:
    """The card `best` belongs to, or holds: when `best` is only a panel of a card (a printed
    divider or a line across the card cuts it), the larger quad around it of the same paper;
    when `best` is a box around a card and the desk (all the print, but many colours), the
    card inside it, of one paper. Either must carry print too. `pool` is ranked, best first."""
    holders = [
        c
        for c in pool
        if best.area * 1.3 <= c.area <= best.area * 3.0
        and _overlap(best.quad, c.quad) >= 0.9
        and c.uniformity >= best.uniformity - 0.05
        and c.evidence >= 0.3 * best.evidence
    ]
    if holders:
        return max(holders, key=lambda c: c.score)
    inside = [
        c
        for c in pool
        # (the box may reach only a little past a card that fills most of the photo)
        if 0.2 * best.area <= c.area <= best.area / 1.15
        and _overlap(best.quad, c.quad) >= 0.9
        and c.uniformity >= best.uniformity + 0.15
        # It carries print: evidence, or on a desk as busy as print (lines, shapes' edges),
        # where no quad's print departs from the rest, as dense print as the box around it.
        and (c.evidence >= 0.3 * best.evidence or c.density >= AS_DENSE * best.density)
    ]
    return inside[0] if inside else best  # the pool is ranked: its best card inside


def _overlap(a: np.ndarray, b: np.ndarray) -> float:
    """Intersection over the smaller area of two convex quads."""
    area, _ = cv2.intersectConvexConvex(a.astype(np.float32), b.astype(np.float32))
    return float(area) / max(min(cv2.contourArea(a), cv2.contourArea(b)), 1.0)


_CASCADE: list[tuple[str, Callable[[np.ndarray, np.ndarray], list[np.ndarray]]]] = [
    ("contour", _edge_candidates),
    ("segment", _segment_candidates),
    ("lines", _line_candidates),
    ("contrast", _contrast_candidates),
    ("colour", _colour_candidates),
]
