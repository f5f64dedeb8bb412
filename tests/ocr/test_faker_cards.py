"""The second card generator: deterministic, labels in the real-cards format, readable pixels."""

from __future__ import annotations

import json
import random
from pathlib import Path

import cv2
import numpy as np
import phonenumbers
import pytest

from ocr import scan_card
from ocr.bench import score_fields
from ocr.faker_cards import LAYOUTS, faker_card, faker_photo, render, write_faker_set
from ocr.types import ScanOptions
from tests.ocr.test_synthetic import LABEL_KEYS

SEEDS = range(30)


def test_photo_is_deterministic_by_seed() -> None:
    assert faker_photo(3) == faker_photo(3)
    assert faker_photo(3)[0] != faker_photo(4)[0]


@pytest.mark.parametrize("seed", SEEDS)
def test_label_has_the_real_cards_format(seed: int) -> None:
    label = faker_card(seed).label
    assert set(label) == LABEL_KEYS
    assert label["name"] and label["company"] and label["script"] == "latin"
    assert all(email == email.lower() and "@" in email for email in label["emails"])
    assert label["website"] is None or label["website"].startswith("www.")
    for phone in label["phones"]:
        parsed = phonenumbers.parse(phone["number"], None)
        assert phonenumbers.is_valid_number(parsed), phone
        assert phone["type"] in {"work", "mobile", "fax"} and phone["printed"]


def test_cards_mix_locales_and_optional_fields() -> None:
    labels = [faker_card(seed).label for seed in SEEDS]
    assert len({label["language"] for label in labels}) >= 5
    assert any(label["title"] is None for label in labels)
    assert any(label["address"] is None for label in labels)
    assert any(label["website"] is None for label in labels)


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_every_layout_draws_the_card(layout: str) -> None:
    rgb = render(faker_card(1), random.Random(1), layout)
    assert (rgb.shape[1], rgb.shape[0]) in {(1050, 600), (1004, 650)}
    assert rgb.std() > 10  # print on the paper


def test_write_faker_set(tmp_path: Path) -> None:
    write_faker_set(tmp_path, 2, seed=9)
    labels = json.loads((tmp_path / "labels.json").read_text(encoding="utf-8"))
    assert sorted(labels) == ["faker-0000.jpg", "faker-0001.jpg"]
    image = cv2.imread(str(tmp_path / "faker-0000.jpg"))
    assert image is not None and image.shape[2] == 3


@pytest.mark.tesseract
def test_a_faker_card_is_read_by_the_pipeline() -> None:
    jpeg, label = faker_photo(11)
    result = scan_card(jpeg, ScanOptions())
    scores = score_fields(label, result.fields)
    assert scores["emails"] and scores["name"], (label, result.fields)
    assert np.mean(list(scores.values())) >= 0.7
