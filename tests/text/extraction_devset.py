"""The labelled extraction dev set (tests/fixtures/text): labels and their source texts."""
from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "text"


def load_labels() -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted((FIXTURES / "labels").glob("*.json"))}


LABELS = load_labels()


def source_text(label: dict) -> str:
    return (FIXTURES / label["source"]).read_text(encoding="utf-8")
