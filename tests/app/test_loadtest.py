"""The load-test tool's own logic: its report section, percentiles and distinct photos."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from app.loadtest import SECTION_END, SECTION_START, percentile, variant, write_section


def test_write_section_replaces_only_the_scale_section(tmp_path: Path) -> None:
    path = tmp_path / "BENCHMARKS.md"
    others = "<!-- accuracy:start -->\nkeep me\n<!-- accuracy:end -->\n"
    path.write_text(f"# Benchmarks\n\n{others}\n{SECTION_START}\nold\n{SECTION_END}\ntail\n")
    write_section(path, f"{SECTION_START}\nnew table\n{SECTION_END}\n")
    text = path.read_text()
    assert "new table" in text and "old" not in text
    assert others in text and text.endswith("tail\n")
    assert text.count(SECTION_START) == 1


def test_write_section_appends_when_markers_are_absent(tmp_path: Path) -> None:
    path = tmp_path / "BENCHMARKS.md"
    path.write_text("# Benchmarks\n\nother section\n")
    write_section(path, f"{SECTION_START}\nfirst\n{SECTION_END}\n")
    expected = f"# Benchmarks\n\nother section\n\n{SECTION_START}\nfirst\n{SECTION_END}\n"
    assert path.read_text() == expected


@pytest.mark.parametrize(
    ("values", "q", "expected"),
    [
        pytest.param([5.0], 95, 5.0, id="one"),
        pytest.param([float(v) for v in range(1, 101)], 50, 51.0, id="median-of-100"),
        pytest.param([float(v) for v in range(1, 101)], 95, 95.0, id="p95-of-100"),
        pytest.param([3.0, 1.0, 2.0], 100, 3.0, id="max-unsorted"),
    ],
)
def test_percentile(values: list[float], q: float, expected: float) -> None:
    assert percentile(values, q) == expected


def test_variants_are_distinct_uploads_of_the_same_card() -> None:
    import cv2
    import numpy as np

    base = cv2.imencode(".jpg", np.full((300, 500, 3), 200, np.uint8))[1].tobytes()
    copies = [variant(base, index) for index in range(5)]
    assert len({hashlib.sha256(c).hexdigest() for c in copies}) == 5
    decoded = cv2.imdecode(np.frombuffer(copies[0], np.uint8), cv2.IMREAD_COLOR)
    assert decoded.shape == (300, 500, 3)
