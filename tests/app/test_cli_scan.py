"""The installed `cardback scan` command, run as a subprocess on generated images."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ocr.synthetic import synthetic_photo

pytestmark = pytest.mark.tesseract
CARDBACK = Path(sys.executable).parent / "cardback"
KEYS = {
    "file",
    "name",
    "title",
    "company",
    "emails",
    "phones",
    "website",
    "address",
    "social",
    "confidence",
    "warnings",
    "timings_ms",
}


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CARDBACK), "scan", *args], capture_output=True, text=True, timeout=120, check=False
    )


@pytest.fixture(scope="module")
def photos(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Path], list[dict]]:
    """Rendered once for the module: the tests only read them."""
    tmp_path = tmp_path_factory.mktemp("photos")
    paths, labels = [], []
    for seed in (0, 1):
        jpeg, label = synthetic_photo(seed)
        path = tmp_path / f"card{seed}.jpg"
        path.write_bytes(jpeg)
        paths.append(path)
        labels.append(label)
    return paths, labels


def test_json_lines_for_good_files_and_an_error_line_for_a_corrupt_one(photos, tmp_path) -> None:
    paths, labels = photos
    corrupt = tmp_path / "corrupt.jpg"
    corrupt.write_bytes(paths[0].read_bytes()[:500])
    result = _run(str(paths[0]), str(corrupt), str(paths[1]), "--json")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [record["file"] for record in records] == [str(paths[0]), str(corrupt), str(paths[1])]
    assert set(records[1]) == {"file", "error"} and "truncated" in records[1]["error"]
    for record, label in zip([records[0], records[2]], labels, strict=True):
        assert set(record) >= KEYS
        assert record["emails"] == label["emails"]
        assert {p["number"] for p in record["phones"]} == {p["number"] for p in label["phones"]}
        assert all(p["type"] in ("mobile", "work", "fax", "other") for p in record["phones"])
        assert record["timings_ms"]["total"] > 0


@pytest.mark.parametrize(
    ("content", "says"),
    [
        pytest.param(b"", "empty", id="zero-bytes"),
        pytest.param(b"hello, not an image", "not a JPEG", id="text-file"),
        pytest.param(None, "cannot read", id="missing-file"),
    ],
)
def test_every_file_failing_exits_non_zero(
    tmp_path: Path, content: bytes | None, says: str
) -> None:
    path = tmp_path / "bad.jpg"
    if content is not None:
        path.write_bytes(content)
    result = _run(str(path), "--json")
    assert result.returncode != 0
    record = json.loads(result.stdout)
    assert record["file"] == str(path) and says in record["error"]


def test_readable_summary_without_json(photos) -> None:
    paths, labels = photos
    result = _run(str(paths[0]), "--lang", "eng", "--region", "it")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(str(paths[0]))
    assert labels[0]["emails"][0] in result.stdout
    assert not result.stdout.lstrip().startswith("{")


def test_missing_language_pack_is_reported_per_file(photos) -> None:
    paths, _ = photos
    result = _run(str(paths[0]), "--json", "--lang", "eng+xyz")
    assert result.returncode != 0
    assert "xyz" in json.loads(result.stdout)["error"]


def test_second_opinion_flag_runs_rapidocr(photos) -> None:
    paths, labels = photos
    result = _run(str(paths[0]), "--json", "--second-opinion")
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert "second_opinion" in record["timings_ms"]
    assert {p["number"] for p in record["phones"]} == {p["number"] for p in labels[0]["phones"]}
