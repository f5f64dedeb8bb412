"""The synthetic card generator: deterministic, labels in the real-cards format, readable pixels."""

from __future__ import annotations

import json
from pathlib import Path

import cv2
import numpy as np
import phonenumbers
import pytesseract
import pytest
from PIL import ImageDraw

from ocr.synthetic import (
    choose_rotation,
    make_card,
    photograph,
    synthetic_photo,
    write_synthetic_set,
)

LABEL_KEYS = {
    "name",
    "title",
    "company",
    "emails",
    "phones",
    "website",
    "address",
    "other",
    "script",
    "language",
    "quality",
    "uncertain",
    "cards_in_image",
    "orientation",
}
SEEDS = range(40)


def decode(jpeg: bytes) -> np.ndarray:
    return cv2.imdecode(np.frombuffer(jpeg, np.uint8), cv2.IMREAD_COLOR)


def test_make_card_is_deterministic_by_seed() -> None:
    first_card, first_label = make_card(7)
    again_card, again_label = make_card(7)
    other_card, other_label = make_card(8)
    assert np.array_equal(first_card, again_card)
    assert first_label == again_label
    assert first_label != other_label


def test_photograph_is_deterministic_by_seed() -> None:
    card, _ = make_card(3)
    assert photograph(card, 3) == photograph(card, 3)
    assert photograph(card, 3) != photograph(card, 4)


@pytest.mark.parametrize("seed", SEEDS)
def test_label_has_the_real_cards_format(seed: int) -> None:
    card, label = make_card(seed)
    assert set(label) == LABEL_KEYS
    assert card.dtype == np.uint8 and card.shape[2] == 3
    assert (card.shape[1], card.shape[0]) in {(1050, 600), (1004, 650)}
    assert label["name"] and label["company"]
    assert label["script"] == "latin" and label["quality"] == "clear"
    assert label["cards_in_image"] == 1 and label["orientation"] == 0 and label["uncertain"] == []
    assert label["language"] in {"it", "en", "de", "fr", "es", "pt"}
    assert all(email == email.lower() and "@" in email for email in label["emails"])
    website = label["website"]
    assert website is None or (
        website == website.lower() and "://" not in website and not website.endswith("/")
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_phones_are_valid_e164_with_a_type(seed: int) -> None:
    _, label = make_card(seed)
    assert label["phones"]
    for phone in label["phones"]:
        parsed = phonenumbers.parse(phone["number"], None)
        assert phonenumbers.is_valid_number(parsed), phone
        assert (
            phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
            == phone["number"]
        )
        assert phone["type"] in {"mobile", "work", "fax"}
        assert phone["printed"]


def test_labels_mix_countries_layouts_and_optional_fields() -> None:
    labels = [make_card(seed)[1] for seed in SEEDS]
    assert len({label["language"] for label in labels}) >= 5
    assert any(label["title"] is None for label in labels)
    assert any(label["website"] is None for label in labels)
    assert any(label["address"] is None for label in labels)
    assert any(phone["type"] == "fax" for label in labels for phone in label["phones"])


def test_some_cards_are_light_on_dark() -> None:
    means = [float(make_card(seed)[0].mean()) for seed in SEEDS]
    assert min(means) < 100 < max(means)


@pytest.mark.parametrize("rotation", [pytest.param(r, id=f"rot{r}") for r in (0, 90, 180, 270)])
def test_photo_size_and_rotation(rotation: int) -> None:
    card, _ = make_card(5)
    upright = decode(photograph(card, 5, rotation=0))
    rotated = decode(photograph(card, 5, rotation=rotation))
    height, width = upright.shape[:2]
    assert 2000 * 1500 <= width * height <= 4000 * 3000
    expected = (width, height) if rotation in (90, 270) else (height, width)
    assert rotated.shape[:2] == expected
    # turning the photo clockwise by `rotation` gives back the upright photo (up to JPEG noise)
    turns = {
        0: None,
        90: cv2.ROTATE_90_CLOCKWISE,
        180: cv2.ROTATE_180,
        270: cv2.ROTATE_90_COUNTERCLOCKWISE,
    }
    restored = rotated if turns[rotation] is None else cv2.rotate(rotated, turns[rotation])
    assert np.abs(restored.astype(int) - upright.astype(int)).mean() < 4


def test_synthetic_photo_label_records_the_rotation() -> None:
    rotated_seed = next(seed for seed in range(200) if choose_rotation(seed))
    _, label = synthetic_photo(rotated_seed)
    assert label["orientation"] == choose_rotation(rotated_seed) != 0


def test_write_synthetic_set(tmp_path: Path) -> None:
    labels_path = write_synthetic_set(tmp_path / "set", count=2, seed=1)
    labels = json.loads(labels_path.read_text(encoding="utf-8"))
    assert sorted(labels) == ["synth-0000.jpg", "synth-0001.jpg"]
    for name in labels:
        assert decode((labels_path.parent / name).read_bytes()) is not None


@pytest.mark.tesseract
@pytest.mark.parametrize("seed", [pytest.param(s, id=f"seed{s}") for s in (0, 1, 2)])
def test_flat_card_is_readable_by_tesseract(seed: int) -> None:
    card, label = make_card(seed)
    gray = cv2.cvtColor(card, cv2.COLOR_BGR2GRAY)
    if gray.mean() < 110:  # light-on-dark: Tesseract 4+ wants dark text on light
        gray = 255 - gray
    text = pytesseract.image_to_string(gray, lang="eng").lower().replace(" ", "")
    assert label["emails"][0] in text


def _drawn_boxes(monkeypatch: pytest.MonkeyPatch, seed: int) -> list[tuple[str, tuple]]:
    """What make_card draws: each text's box, and each rule's (as a thin box)."""
    drawn: list[tuple[str, tuple]] = []
    text, line = ImageDraw.ImageDraw.text, ImageDraw.ImageDraw.line

    def record_text(self, xy, words, *args, **kwargs):  # type: ignore[no-untyped-def]
        if words.strip():
            drawn.append((words, self.textbbox(xy, words, font=kwargs.get("font"))))
        return text(self, xy, words, *args, **kwargs)

    def record_line(self, xy, *args, **kwargs):  # type: ignore[no-untyped-def]
        x0, y0, x1, y1 = xy
        half = kwargs.get("width", 1) / 2
        drawn.append(("rule", (min(x0, x1) - half, min(y0, y1), max(x0, x1) + half, max(y0, y1))))
        return line(self, xy, *args, **kwargs)

    monkeypatch.setattr(ImageDraw.ImageDraw, "text", record_text)
    monkeypatch.setattr(ImageDraw.ImageDraw, "line", record_line)
    make_card(seed)
    return drawn


def _crossing(a: tuple, b: tuple) -> bool:
    """Boxes sharing area: for two texts, more than 40 % of the shorter one's height (lines
    of one block touch by their ascenders and descenders only)."""
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return width > 1 and height > 1 and height > 0.4 * min(a[3] - a[1], b[3] - b[1])


# Seeds whose firm, title or contacts, too long for their column, ran across the rule.
CROSSED = [7_000_022, 7_000_044, 7_000_047, 240_000_724, 240_000_752, 241_000_745, 241_000_752]


@pytest.mark.parametrize("seed", [*CROSSED, *range(10)])
def test_no_print_runs_across_a_rule_or_other_print(
    monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    drawn = _drawn_boxes(monkeypatch, seed)
    crossings = [
        (first[0], second[0])
        for index, first in enumerate(drawn)
        for second in drawn[index + 1 :]
        if "rule" not in (first[0], second[0]) or first[0] != second[0]
        if _crossing(first[1], second[1])
    ]
    assert not crossings
