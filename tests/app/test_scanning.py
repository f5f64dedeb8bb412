"""app.scanning helpers: the back side fills gaps; what a card keeps of the OCR result."""

from __future__ import annotations

import pytest

from app.scanning import contact_values, fields_record, fill_gaps, word_boxes
from ocr.types import CardFields, CardResult, OcrLine, Phone, Word

FRONT = CardFields(
    name="Maria Rossi",
    company=None,
    emails=("maria@acme.it",),
    phones=(Phone("+393471234567", "mobile", "M 347 123 4567"),),
    confidence={"name": 0.9, "emails": 0.8, "phones": 0.7},
    boxes={"name": (10, 20, 300, 40)},
)


@pytest.mark.parametrize(
    ("back", "expected"),
    [
        pytest.param(CardFields(), {}, id="empty-back-changes-nothing"),
        pytest.param(
            CardFields(
                name="Someone Else",
                company="Acme S.r.l.",
                confidence={"name": 0.99, "company": 0.6},
            ),
            {"name": "Maria Rossi", "company": "Acme S.r.l."},
            id="front-wins-back-fills",
        ),
        pytest.param(
            CardFields(emails=("maria@acme.it", "info@acme.it")),
            {"emails": ("maria@acme.it", "info@acme.it")},
            id="new-emails-appended-once",
        ),
        pytest.param(
            CardFields(phones=(Phone("+393471234567", "other"), Phone("+390212345678", "work"))),
            {"phones": ("+393471234567", "+390212345678")},
            id="new-phones-appended-once",
        ),
    ],
)
def test_back_fills_the_gaps_of_the_front(back: CardFields, expected: dict) -> None:  # type: ignore[type-arg]
    merged = fill_gaps(FRONT, back)
    for name, value in expected.items():
        got = getattr(merged, name)
        assert (tuple(p.number for p in got) if name == "phones" else got) == value
    assert merged.confidence["name"] == 0.9  # the front's own confidence is kept
    if back.company:
        assert merged.confidence["company"] == 0.6


def test_card_record_keeps_values_confidences_boxes_and_words() -> None:
    words = (Word("Maria", 0.91, (10, 20, 120, 40)), Word("Rossi", 0.88, (140, 20, 130, 40)))
    result = CardResult(
        fields=FRONT, lines=(OcrLine("Maria Rossi", 0.9, (10, 20, 260, 40), words),)
    )
    record = fields_record(FRONT, ["blurry"], result)

    assert record["phones"] == [
        {"number": "+393471234567", "type": "mobile", "printed": "M 347 123 4567"}
    ]
    assert record["boxes"] == {"name": [10, 20, 300, 40]}
    assert record["warnings"] == ["blurry"]
    assert word_boxes(result) == [
        {"text": "Maria", "conf": 0.91, "box": [10, 20, 120, 40], "line": 0},
        {"text": "Rossi", "conf": 0.88, "box": [140, 20, 130, 40], "line": 0},
    ]
    assert contact_values(FRONT)["phones"] == [{"number": "+393471234567", "type": "mobile"}]
