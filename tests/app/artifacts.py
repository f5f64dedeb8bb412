"""Security figures measured by the tests, collected in test-artifacts/ for SECURITY.md."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
FIGURES = ARTIFACTS / "security-figures.json"
_lock = threading.Lock()


def record_figure(name: str, value: Any) -> None:
    """Merge one named figure into test-artifacts/security-figures.json (git-ignored)."""
    with _lock:
        ARTIFACTS.mkdir(exist_ok=True)
        figures = json.loads(FIGURES.read_text()) if FIGURES.exists() else {}
        figures[name] = value
        FIGURES.write_text(json.dumps(figures, indent=2, sort_keys=True, default=str) + "\n")
