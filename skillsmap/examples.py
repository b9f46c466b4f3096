"""The bundled example specs, found the same way in a wheel and in a source checkout."""

from __future__ import annotations

from pathlib import Path

FLAGSHIP = "senior-engineer.yaml"


def examples_dir() -> Path:
    """``skillsmap/specs`` inside an installed wheel, else the checkout's top-level ``specs/``."""
    here = Path(__file__).resolve().parent
    packaged = here / "specs"
    return packaged if packaged.is_dir() else here.parent / "specs"


def bundled() -> list[Path]:
    """Every bundled spec, flagship first, then by name."""
    specs = sorted(examples_dir().glob("*.yaml"))
    return sorted(specs, key=lambda p: (p.name != FLAGSHIP, p.name))


def flagship() -> Path:
    return examples_dir() / FLAGSHIP
