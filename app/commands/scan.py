"""`cardback scan IMAGE... [--json] [--lang] [--region]`: read card photos from the shell."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from ocr import CardResult, ScanError, ScanOptions, scan_cards

PROGRESS_MIN_FILES = 3  # fewer files finish before a bar would be worth drawing
_SUMMARY_FIELDS = ("name", "title", "company", "emails", "phones", "website", "address", "social")


def run_scan(args: argparse.Namespace) -> int:
    """Scan each file; one JSON line (or a summary) per file; fail only when all files fail."""
    options = ScanOptions(
        lang=args.lang,
        region=(args.region or None) and args.region.upper(),
        second_opinion=args.second_opinion,
        recheck=not args.no_recheck,
    )
    failures = 0
    progress = Progress(len(args.images), sys.stderr)
    for index, path in enumerate(args.images):
        progress.show(index, path)
        record = scan_file(path, options)
        failures += "error" in record
        progress.clear()
        print(json.dumps(record, ensure_ascii=False) if args.json else summary(record), flush=True)
    progress.done()
    return 1 if failures == len(args.images) else 0


def scan_file(path: str, options: ScanOptions) -> dict[str, Any]:
    """The output record for one file: its fields, or {"file", "error"} when unreadable."""
    try:
        data = Path(path).read_bytes()
        results = scan_cards(data, options)
    except ScanError as exc:
        return {"file": path, "error": str(exc)}
    except OSError as exc:
        return {"file": path, "error": f"cannot read the file: {exc.strerror or exc}"}
    record = {"file": path, **result_record(results[0])}
    if len(results) > 1:
        record["cards"] = len(results)
        record["other_cards"] = [result_record(result) for result in results[1:]]
    return record


def result_record(result: CardResult) -> dict[str, Any]:
    """The JSON shape of one card (issue 2, "Command line"), plus orientation and social."""
    fields = result.fields
    return {
        "name": fields.name,
        "title": fields.title,
        "company": fields.company,
        "emails": list(fields.emails),
        "phones": [{"number": phone.number, "type": phone.type} for phone in fields.phones],
        "website": fields.website,
        "address": fields.address,
        "social": list(fields.social),
        "confidence": {key: round(value, 2) for key, value in fields.confidence.items()},
        "warnings": list(result.warnings),
        "orientation": result.orientation,
        "timings_ms": {key: round(value) for key, value in result.timings_ms.items()},
    }


def summary(record: dict[str, Any]) -> str:
    """A few readable lines per file for people rather than programs."""
    if "error" in record:
        return f"{record['file']}: ERROR {record['error']}"
    lines = [record["file"] + (f"  ({record['cards']} cards)" if "cards" in record else "")]
    for key in _SUMMARY_FIELDS:
        value = record[key]
        if key == "phones":
            value = ", ".join(f"{p['number']} ({p['type']})" for p in value)
        elif isinstance(value, list):
            value = ", ".join(value)
        if value:
            conf = record["confidence"].get(key)
            lines.append(f"  {key:<8} {value}" + (f"  [{conf:.2f}]" if conf is not None else ""))
    if record["warnings"]:
        lines.append(f"  warnings {', '.join(record['warnings'])}")
    lines.append(f"  time     {record['timings_ms'].get('total', 0) / 1000:.2f} s")
    return "\n".join(lines)


class Progress:
    """A one-line progress bar on stderr, drawn only for a terminal and several files."""

    def __init__(self, total: int, stream: TextIO) -> None:
        self.total, self.stream = total, stream
        self.enabled = total >= PROGRESS_MIN_FILES and stream.isatty()

    def show(self, index: int, path: str) -> None:
        if self.enabled:
            filled = round(30 * index / self.total)
            name = Path(path).name[:40]
            self.stream.write(
                f"\r[{'#' * filled}{'.' * (30 - filled)}] {index}/{self.total} {name:<40}"
            )
            self.stream.flush()

    def clear(self) -> None:
        """Erase the bar so a result printed to the same terminal starts on a clean line."""
        if self.enabled:
            self.stream.write("\r" + " " * 80 + "\r")
            self.stream.flush()

    def done(self) -> None:
        if self.enabled:
            self.stream.write(f"\r[{'#' * 30}] {self.total}/{self.total}{' ' * 41}\n")
            self.stream.flush()
