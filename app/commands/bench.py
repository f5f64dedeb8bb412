"""`cardback bench DIR... [--synthetic N] [--faker N] [--baseline] [--write FILE]`: score the
scanner.

Prints, per labelled set, per-field accuracy, all-fields-right share, calibration, seconds per
photo and per stage, and throughput; with --baseline the naive baseline in the same run; with
--write the same Markdown replaces the bench section of FILE (the rest of the file is kept).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

from ocr.bench import (
    LabelledSet,
    Run,
    failures_markdown,
    load_average,
    load_set,
    machine_description,
    run_scanner,
    set_markdown,
    write_section,
)
from ocr.faker_cards import write_faker_set
from ocr.synthetic import write_synthetic_set


def run_bench(args: argparse.Namespace) -> int:
    """Run every scanner over every set, print the Markdown, optionally write it to a file."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    if not args.dirs and not args.synthetic and not args.faker:
        print(
            "cardback bench: give at least one folder with labels.json, --synthetic N or --faker N",
            file=sys.stderr,
        )
        return 2
    scanners = ["cardback"]
    scanners += ["cardback+rapidocr"] if args.second_opinion else []
    scanners += ["cardback-tesseract"] if args.tesseract_only else []
    scanners += ["baseline"] if args.baseline else []
    with tempfile.TemporaryDirectory(prefix="cardback-bench-") as scratch:
        try:
            sets = load_sets(args, Path(scratch))
        except (FileNotFoundError, ValueError) as exc:
            print(f"cardback bench: {exc}", file=sys.stderr)
            return 2
        sections = [bench_set(labelled, scanners, args.workers) for labelled in sets]
    report = render_report(sections, args)
    print(report)
    if args.write:
        write_section(Path(args.write), report)
        print(f"\nwrote the bench section of {args.write}", file=sys.stderr)
    return 0


def load_sets(args: argparse.Namespace, scratch: Path) -> list[LabelledSet]:
    sets = [load_set(Path(folder), limit=args.limit) for folder in args.dirs]
    if args.synthetic:
        folder = scratch / "synthetic"
        write_synthetic_set(folder, args.synthetic, seed=args.synthetic_seed)
        name = f"synthetic ({args.synthetic} photos, seed {args.synthetic_seed})"
        sets.append(load_set(folder, name=name, limit=args.limit, synthetic=True))
    if args.faker:
        folder = scratch / "faker"
        write_faker_set(folder, args.faker, seed=args.faker_seed)
        name = f"faker ({args.faker} photos, seed {args.faker_seed})"
        sets.append(load_set(folder, name=name, limit=args.limit, synthetic=True))
    return sets


def bench_set(labelled: LabelledSet, scanners: list[str], workers: int) -> str:
    runs: list[Run] = []
    for scanner in scanners:
        print(f"{labelled.name}: {scanner} on {len(labelled.samples)} photos…", file=sys.stderr)
        runs.append(run_scanner(labelled, scanner, workers=workers, progress=_progress(scanner)))
    body = set_markdown(labelled.name, runs, synthetic=labelled.synthetic)
    return (
        f"{body}\n\n<details><summary>wrong fields per photo</summary>\n\n"
        f"{failures_markdown(runs)}\n\n</details>"
    )


def _progress(scanner: str):
    def show(done: int, total: int) -> None:
        if sys.stderr.isatty():
            end = "\n" if done == total else ""
            print(f"\r  {scanner}: {done}/{total}", end=end, file=sys.stderr, flush=True)

    return show


def render_report(sections: list[str], args: argparse.Namespace) -> str:
    command = _command_from(args)
    header = "\n".join(
        [
            "## OCR accuracy and speed (`cardback bench`)",
            "",
            f"- date: {dt.datetime.now().astimezone().strftime('%Y-%m-%d %H:%M %Z')}",
            f"- machine: {machine_description()}; scans run one at a time per process "
            f"(workers: {args.workers}), Tesseract with OMP_THREAD_LIMIT=1; load average "
            f"(1/5/15 min) at the end of the run: {load_average()} — anything above the core "
            "count means other jobs shared the CPU and every time here is inflated",
            f"- command: `{command}` at commit {source_version()}",
            "- scoring: the rules of `../shared/real-cards/README.md` (see `ocr/bench.py`); "
            "every photo scanned with the default options (`eng+ita`, region guessed)",
            "- `conf ≥ 0.9 right (n)`: among fields reported with confidence ≥ 0.9, share right "
            "(n = how many such fields)",
        ]
    )
    return "\n\n".join([header, *sections])


def source_version() -> str:
    """The commit measured; "-dirty" when the checkout had uncommitted changes."""
    try:
        described = subprocess.run(
            ["git", "describe", "--always", "--dirty", "--exclude", "*"],
            cwd=Path(__file__).resolve().parents[2],
            capture_output=True,
            text=True,
            timeout=10,
        )
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    return described.stdout.strip() or "unknown"


def _command_from(args: argparse.Namespace) -> str:
    parts = ["cardback", "bench", *args.dirs]
    if args.synthetic:
        parts += ["--synthetic", str(args.synthetic)]
    if args.faker:
        parts += ["--faker", str(args.faker)]
    if args.second_opinion:
        parts.append("--second-opinion")
    if args.tesseract_only:
        parts.append("--tesseract-only")
    if args.baseline:
        parts.append("--baseline")
    if args.limit:
        parts += ["--limit", str(args.limit)]
    if args.workers != 1:
        parts += ["--workers", str(args.workers)]
    if args.write:
        parts += ["--write", args.write]
    return " ".join(shlex.quote(part) for part in parts)
