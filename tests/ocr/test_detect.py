"""find_cards and warp_card: known card corners in synthetic scenes are found again."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from ocr.decode import decode_image
from ocr.detect import (
    _band_end,
    _Candidate,
    _polygons,
    _select,
    find_cards,
    order_corners,
)
from ocr.faker_cards import faker_photo
from ocr.synthetic import synthetic_photo
from ocr.warp import CARD_LONG_SIDE, warp_card
from tests.ocr.scenes import background, card_rgb, flat_card, place, quad_iou, shaded

TILTED = np.array([[520, 380], [1560, 450], [1500, 1090], [430, 1010]], np.float32)
SMALL = np.array(
    [[1500, 1200], [1850, 1215], [1840, 1420], [1495, 1405]], np.float32
)  # ~2.5 % of frame
UPRIGHT_TILT = np.array([[170, 445], [1370, 225], [1490, 900], [300, 1120]], np.float32)
DESK_LINES = [  # (start, end, colour): desk lines that cross UPRIGHT_TILT's edges
    ((0, 300), (700, 1400), (150, 40, 40)),
    ((1100, 100), (1250, 1400), (60, 60, 60)),
    ((100, 1300), (1900, 300), (200, 120, 40)),
]
NAVY = flat_card((1050, 600), (30, 40, 70), (235, 235, 235), ("Anna Bianchi", "CTO"))
BLACK = flat_card((1050, 600), (38, 38, 42), (220, 200, 140), ("Luca Verdi", "Design"))


@pytest.mark.parametrize(
    ("card", "desk", "quad", "radius"),
    [
        pytest.param(card_rgb(1), "green", TILTED, 0, id="light-card-green-desk"),
        pytest.param(card_rgb(2), "light", TILTED, 0, id="card-on-light-desk"),
        pytest.param(NAVY, "dark", TILTED, 0, id="navy-card-dark-desk"),
        pytest.param(BLACK, "dark", TILTED, 30, id="black-card-dark-desk-rounded"),
        pytest.param(card_rgb(3), "busy", TILTED, 0, id="busy-background"),
        pytest.param(card_rgb(4), "green", SMALL, 0, id="small-card-big-frame"),
        pytest.param(card_rgb(5), "green", TILTED, 40, id="rounded-corners"),
    ],
)
def test_finds_the_card_quad(card: np.ndarray, desk: str, quad: np.ndarray, radius: int) -> None:
    scene = place(background((2000, 1500), desk, seed=7), card, quad, radius=radius)
    detections = find_cards(scene)
    assert detections, "no card found"
    assert quad_iou(detections[0].quad, quad) >= 0.9


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize(
    "stock", [pytest.param((24, 60, 48), id="bottle-green"), pytest.param((45, 45, 50), id="slate")]
)
def test_finds_a_dark_card_on_a_dim_desk(stock: tuple[int, int, int], seed: int) -> None:
    # Its border is a step of a few grey levels under falling light: plain Canny misses it.
    card = flat_card((1050, 600), stock, (220, 220, 200), ("Claire Durand", "Solutions SARL"))
    scene = shaded(place(background((2000, 1500), "dim", seed=seed), card, TILTED))
    detections = find_cards(scene)
    assert detections, "no card found"
    assert quad_iou(detections[0].quad, TILTED) >= 0.9


def test_two_cards_give_two_detections_largest_first() -> None:
    big = np.array([[100, 200], [1000, 240], [980, 760], [80, 720]], np.float32)
    small = np.array([[1150, 500], [1850, 500], [1850, 900], [1150, 900]], np.float32)
    scene = place(background((2000, 1500), "green"), card_rgb(6), big)
    scene = place(scene, card_rgb(7), small)
    detections = find_cards(scene)
    assert len(detections) == 2
    assert quad_iou(detections[0].quad, big) >= 0.9
    assert quad_iou(detections[1].quad, small) >= 0.9


def test_plain_desk_without_a_card_finds_nothing() -> None:
    assert find_cards(background((1600, 1200), "green", seed=3)) == []


def test_order_corners_starts_top_left_clockwise() -> None:
    shuffled = TILTED[[2, 0, 3, 1]]
    assert np.allclose(order_corners(shuffled), TILTED)


@pytest.mark.parametrize(
    "quad",
    [pytest.param(TILTED, id="big-card-downscaled"), pytest.param(SMALL, id="small-card-upscaled")],
)
def test_warp_straightens_to_300_dpi(quad: np.ndarray) -> None:
    white = flat_card((1050, 600), (245, 245, 240), (10, 10, 10), ("Maria Rossi",))
    scene = place(background((2000, 1500), "green"), white, quad)
    card = warp_card(scene, quad)
    height, width = card.rgb.shape[:2]
    assert abs(width - CARD_LONG_SIDE) <= 0.01 * CARD_LONG_SIDE
    assert 1.5 < width / height < 1.9
    # The green desk is gone: the warped image is the card, edge to edge.
    assert card.rgb[5:-5, 5:-5].astype(int).mean() > 200


def test_a_panel_of_the_card_gives_way_to_the_whole_card() -> None:
    # A printed divider (or a line across the card on a busy desk) closes a text-dense panel
    # whose print evidence beats the whole card's: the card around it, same paper, wins.
    card = np.array([[100, 100], [800, 100], [800, 500], [100, 500]], np.float32)
    panel = np.array([[400, 100], [800, 100], [800, 500], [400, 500]], np.float32)
    desk_box = np.array([[0, 0], [990, 0], [990, 740], [0, 740]], np.float32)
    pool = [
        _Candidate(panel, "lines", evidence=0.24, uniformity=0.86, density=0.08),
        _Candidate(card, "contour", evidence=0.11, uniformity=0.85, density=0.05),
        _Candidate(desk_box, "contour", evidence=0.01, uniformity=0.28, density=0.01),
    ]
    chosen = _select(pool, (750, 1000), max_cards=1)
    assert [c.method for c in chosen] == ["contour"] and chosen[0].quad is card
    # Paper of another colour around the panel is not its card.
    pool[1] = _Candidate(card, "contour", evidence=0.11, uniformity=0.6, density=0.05)
    assert _select(pool, (750, 1000), max_cards=1)[0].quad is panel


def test_a_box_around_card_and_desk_gives_way_to_the_card_inside() -> None:
    # Edges of desk objects close a quad around the card: it holds all the print, so its
    # evidence is the highest, but it is of many colours; the card inside is of one paper.
    card = np.array([[200, 150], [800, 150], [800, 500], [200, 500]], np.float32)
    box = np.array([[40, 30], [960, 30], [960, 720], [40, 720]], np.float32)
    pool = [
        _Candidate(box, "contour", evidence=0.98, uniformity=0.60, density=0.02),
        _Candidate(card, "lines", evidence=0.51, uniformity=0.92, density=0.06),
    ]
    chosen = _select(pool, (750, 1000), max_cards=1)
    assert chosen[0].quad is card
    # A card of mixed print (a photo on it) is not given up for a patch inside it.
    pool[1] = _Candidate(card, "lines", evidence=0.51, uniformity=0.70, density=0.06)
    assert _select(pool, (750, 1000), max_cards=1)[0].quad is box


@pytest.mark.parametrize(
    ("density", "chosen"),
    [
        pytest.param(0.056, "card", id="print-as-dense-as-the-busy-desk"),
        pytest.param(0.01, "box", id="a-blank-shape-on-the-desk"),
    ],
)
def test_on_a_desk_as_busy_as_print_the_card_of_one_paper_gives_way(
    density: float, chosen: str
) -> None:
    # Lines and shapes' edges everywhere: the card's print departs little from the desk's
    # (low evidence), but it is as dense as the box's around it, and the card is one paper.
    card = np.array([[200, 150], [800, 150], [800, 500], [200, 500]], np.float32)
    box = np.array([[40, 30], [960, 30], [960, 720], [40, 720]], np.float32)
    pool = [
        _Candidate(box, "segment", evidence=0.78, uniformity=0.63, density=0.057),
        _Candidate(card, "contour", evidence=0.06, uniformity=0.96, density=density),
    ]
    found = _select(pool, (750, 1000), max_cards=1)[0].quad
    assert found is {"card": card, "box": box}[chosen]


@pytest.mark.parametrize(
    ("generator", "seed", "corners"),
    [
        pytest.param(  # edges close only with the photo's border, which was "found" first
            "synthetic",
            50_000_184,
            [[228, 257], [3828, 686], [3314, 2686], [57, 2171]],
            id="dark-card-filling-a-busy-frame",
        ),
        pytest.param(  # its print departs no more from the rest than the desk's lines do
            "synthetic",
            50_000_154,
            [[56, 900], [1262, 640], [1355, 1422], [307, 1644]],
            id="white-card-on-a-desk-as-busy-as-print",
        ),
        pytest.param(  # a quad of card and desk, one side far longer than its opposite
            "synthetic",
            151_000_466,
            [[680, 120], [1944, 292], [1970, 996], [708, 918]],
            id="no-card-in-a-perspective-no-phone-gives",
        ),
        pytest.param(
            "synthetic",
            155_000_490,
            [[619, 696], [1997, 886], [1827, 1778], [500, 1534]],  # with its red band
            id="lines-closing-around-card-and-desk-in-impossible-perspective",
        ),
        pytest.param(  # the box of card and desk only a little bigger than the card
            "faker",
            138_000_426,
            [[110, 118], [2122, 53], [2244, 1255], [120, 1505]],
            id="a-box-barely-bigger-than-the-card",
        ),
        pytest.param(  # as sure as the whole card, a region of its lighter half is no better
            "faker",
            18_000_088,
            [[519, 969], [2171, 1146], [2216, 2259], [268, 2109]],
            id="shaded-card-not-its-lighter-half",
        ),
    ],
)
def test_a_card_on_a_busy_desk_is_found_not_the_box_around_it(
    generator: str, seed: int, corners: list[list[int]]
) -> None:
    jpeg, _ = {"synthetic": synthetic_photo, "faker": faker_photo}[generator](seed)
    (card, *_) = find_cards(decode_image(jpeg, max_pixels=50_000_000).rgb)
    assert quad_iou(card.quad, np.array(corners, np.float32)) >= 0.95  # read off the photo


def test_a_dark_card_crossed_by_desk_lines_is_found_by_its_paper_colour() -> None:
    # Lines over its edges and blocks touching it: no edge contour or blob is the card alone.
    card = flat_card((1050, 600), (22, 22, 24), (220, 210, 190), ("Fernanda Rocha", "Gerente"))
    scene = place(background((1500, 2000), "light", seed=2), card, UPRIGHT_TILT)
    for (x1, y1), (x2, y2), colour in DESK_LINES:
        cv2.line(scene, (x1, y1), (x2, y2), colour, 9)
    cv2.rectangle(scene, (900, 850), (1300, 1500), (40, 40, 160), -1)
    detections = find_cards(scene)
    assert detections, "no card found"
    assert quad_iou(detections[0].quad, UPRIGHT_TILT) >= 0.85


def test_a_card_region_of_one_colour_keeps_its_perspective() -> None:
    # Desk shapes touch every side of a dark card: only its paper colour closes around it,
    # and that region's corners, not its bounding rectangle, are the card's.
    jpeg, _ = synthetic_photo(21_000_087)
    (card, *_) = find_cards(decode_image(jpeg, max_pixels=50_000_000).rgb)
    corners = [[844, 72], [3192, 128], [2984, 1760], [440, 1552]]  # read off the photo
    assert card.method == "colour"
    assert quad_iou(card.quad, np.array(corners, np.float32)) >= 0.95


def test_a_card_reaching_the_photo_s_edge_with_a_corner_is_still_a_card() -> None:
    # A dark card among desk shapes, one corner on the frame: only its colour closes around it.
    jpeg, _ = synthetic_photo(12_000_061)
    (card, *_) = find_cards(decode_image(jpeg, max_pixels=50_000_000).rgb)
    assert card.method == "colour" and card.area_ratio > 0.2


def test_a_band_reaching_the_photo_s_edge_is_still_grown_over() -> None:
    # White paper found without its green band, whose corner lies on the photo's right edge:
    # the band's end, clipped to the photo, still counts (a rounding once put it 2 px past).
    jpeg, _ = synthetic_photo(15_000_057)
    (card, *_) = find_cards(decode_image(jpeg, max_pixels=50_000_000).rgb)
    corners = [[222, 327], [2997, 456], [2916, 2019], [132, 1857]]  # the card, band and all
    assert quad_iou(card.quad, np.array(corners, np.float32)) >= 0.95


@pytest.mark.parametrize(
    ("seed", "corners"),
    [
        pytest.param(
            161_000_499,
            [[815, 267], [2407, 277], [2550, 1362], [891, 1515]],
            id="black-band-on-a-dark-desk",
        ),
        pytest.param(
            161_000_508,
            [[435, 678], [3274, 558], [3292, 2544], [716, 2764]],
            id="a-band-with-one-short-word",
        ),
        pytest.param(
            162_000_490,
            [[728, 579], [2236, 440], [2317, 1326], [810, 1466]],
            id="a-band-ending-in-a-desk-of-the-card-s-colour",
        ),
    ],
)
def test_a_header_band_the_edges_missed_is_grown_over(seed: int, corners: list) -> None:
    # The firm's name printed on a band across the card's top; the edges found the paper under it.
    jpeg, _ = faker_photo(seed)
    (card, *_) = find_cards(decode_image(jpeg, max_pixels=50_000_000).rgb)
    assert quad_iou(card.quad, np.array(corners, np.float32)) >= 0.95  # the card, band and all


def test_a_colour_region_cut_across_is_not_taken_for_a_card_in_perspective() -> None:
    # Paper partly in shadow: the lit region's polygon has one short and one long end.
    mask = np.zeros((750, 1000), np.uint8)
    cut = np.array([[200, 110], [950, 110], [940, 580], [230, 330]], np.int32)
    cv2.fillConvexPoly(mask, cut, 255)
    assert len(_polygons(mask, approx="any")) == 1  # unchecked, it passes for four corners
    assert _polygons(mask, approx="fitting") == []


def test_a_colour_region_with_a_corner_cut_keeps_its_rectangle() -> None:
    # A desk object over one corner: four points cutting it fit worse than the rectangle.
    rectangle = np.array([[200, 100], [900, 100], [900, 520], [200, 520]], np.float32)
    mask = np.zeros((750, 1000), np.uint8)
    cv2.fillConvexPoly(
        mask, np.array([[320, 100], [900, 100], [900, 520], [200, 520], [200, 150]]), 255
    )
    (cut,) = _polygons(mask, approx="any")
    (quad,) = _polygons(mask, approx="fitting")
    assert quad_iou(cut, rectangle) < 0.95 < quad_iou(quad, rectangle)


def test_every_frame_border_quad_gives_way_to_the_card_inside() -> None:
    # Two near-frame quads (the photo's border, a mat) outrank the card; neither is it.
    frame_quad = np.array([[5, 2], [998, 3], [997, 746], [3, 748]], np.float32)
    mat = np.array([[10, 0], [999, 30], [995, 700], [0, 745]], np.float32)
    card = np.array([[100, 200], [800, 100], [860, 450], [150, 600]], np.float32)
    pool = [
        _Candidate(frame_quad, "contour", evidence=0.9, uniformity=0.7, density=0.04),
        _Candidate(mat, "lines", evidence=0.88, uniformity=0.72, density=0.04),
        _Candidate(card, "contour", evidence=0.6, uniformity=0.9, density=0.06),
    ]
    assert _select(pool, (750, 1000), max_cards=1)[0].quad is card


def test_equalised_desk_texture_does_not_cut_a_dark_card_found_only_with_the_desk() -> None:
    # A dark card on a busy desk: only "everything but the desk colour" (past the photo's
    # edges, so counted as its border) holds it whole; equalised edges close a quad across card
    # and desk that cuts off its address. The box holding the whole card stays.
    jpeg, _ = faker_photo(1_000_016)
    (found, *_) = find_cards(decode_image(jpeg, max_pixels=50_000_000).rgb)
    corners = [(371, 337), (1877, 651), (1623, 1429), (357, 1320)]  # read off the photo
    outside = [-cv2.pointPolygonTest(found.quad, corner, True) for corner in corners]
    assert max(outside) < 30, outside  # px: within how well corners are read off a photo


def test_a_box_overshooting_the_photo_counts_as_its_border() -> None:
    # "Everything but the desk colour" closes a box past two edges: not a card either.
    overshoot = np.array([[2, 70], [970, 26], [1003, 734], [34, 779]], np.float32)
    card = np.array([[127, 62], [1006, 156], [947, 703], [69, 610]], np.float32)
    pool = [
        _Candidate(overshoot, "segment", evidence=0.94, uniformity=0.78, density=0.04),
        _Candidate(card, "contour", evidence=0.60, uniformity=0.91, density=0.06),
    ]
    assert _select(pool, (750, 1000), max_cards=1)[0].quad is card


WHITE, GREEN, WOOD = (250, 128, 128), (100, 90, 135), (130, 145, 160)  # Lab
BLACK, DARK_DESK, GREY, PALE_DESK = (15, 128, 128), (33, 132, 125), (50, 128, 128), (235, 128, 128)


@pytest.mark.parametrize(
    ("rows", "desk_from"),
    [
        pytest.param([WHITE] * 10 + [GREEN] * 20 + [WOOD] * 30, 30, id="band-ends-in-desk"),
        pytest.param(
            [WHITE] * 10 + [GREEN] * 8 + [WHITE] * 5 + [GREEN] * 7 + [WOOD] * 30,
            30,
            id="a-line-of-words-on-the-band-is-no-end",
        ),
        pytest.param([WHITE] * 10 + [GREEN] * 50, None, id="band-that-never-ends-is-desk"),
        pytest.param([WHITE] * 60, None, id="the-card-goes-on"),
        pytest.param([WHITE] * 10 + [GREEN] * 3 + [WOOD] * 47, None, id="too-thin-for-a-band"),
        pytest.param(
            [WHITE] * 10 + [BLACK] * 20 + [DARK_DESK] * 30, 30, id="black-band-on-a-dark-desk"
        ),
        pytest.param(
            [WHITE] * 10 + [GREY] * 20 + [DARK_DESK] * 30,
            None,
            id="a-grey-band-and-a-dark-desk-are-one-surface",
        ),
        pytest.param(
            [WHITE] * 10 + [GREEN] * 20 + [PALE_DESK] * 30, 30, id="desk-of-the-card-s-colour"
        ),
        pytest.param(
            [WHITE] * 10 + [GREEN] * 8 + [WHITE] * 10 + [GREEN] * 4 + [PALE_DESK] * 28,
            32,
            id="big-words-on-the-band-before-a-desk-of-the-card-s-colour",
        ),
    ],
)
def test_a_band_past_a_side_ends_where_the_desk_begins(rows: list, desk_from: int | None) -> None:
    t = -0.15 + 0.75 * np.arange(60) / 59  # rows from inside the card outward, in short sides
    depth = _band_end(t, np.array(rows, np.float32), np.ones(60, bool))
    assert depth == (None if desk_from is None else pytest.approx(t[desk_from]))


@pytest.mark.parametrize(
    ("desk_rows", "ended"),
    [
        pytest.param(4, True, id="desk-then-the-photo-s-edge-ends-the-band"),
        pytest.param(3, True, id="three-rows-of-desk-then-the-photo-s-edge"),
        pytest.param(2, False, id="two-rows-past-the-band-may-be-words-on-it"),
    ],
)
def test_a_band_whose_desk_runs_to_the_photo_s_edge_ends_there(desk_rows: int, ended: bool) -> None:
    # A card corner near the photo's edge: past the band only a sliver of desk is in the photo.
    t = -0.15 + 0.75 * np.arange(60) / 59
    rows = [WHITE] * 10 + [GREEN] * 20 + [WOOD] * desk_rows
    rows += [(0, 0, 0)] * (60 - len(rows))  # outside the photo the warped strip is all zeros
    inside = np.arange(60) < 30 + desk_rows
    depth = _band_end(t, np.array(rows, np.float32), inside)
    assert depth == (pytest.approx(t[30]) if ended else None)
