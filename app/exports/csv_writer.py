"""One CSV writer for every preset: neutralised cells, batches of rows, text chunks out."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TypeVar

from app.exports.cells import neutralise

Row = TypeVar("Row")
BATCH_ROWS = 200


def iter_csv(
    header: Sequence[str],
    rows: Iterable[Row],
    to_cells: Callable[[Row], Sequence[object]],
    *,
    bom: bool = False,
    batch_rows: int = BATCH_ROWS,
) -> Iterator[str]:
    """The header, then the rows, `batch_rows` at a time (so memory stays flat)."""
    if bom:
        yield "\ufeff"
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    pending = 0
    for row in rows:
        writer.writerow([neutralise(cell) for cell in to_cells(row)])
        pending += 1
        if pending >= batch_rows:
            yield _drain(buffer)
            pending = 0
    yield _drain(buffer)


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text
