"""Rendering a map to files: layout once, draw with each requested backend, write atomically.

matplotlib is imported only when PNG or PDF is asked for, so SVG output starts fast.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from skillsmap.diagnostics import Diagnostic, Mark, SpecError
from skillsmap.fonts import missing_glyphs
from skillsmap.layout import Layout, layout
from skillsmap.model import SkillsMap
from skillsmap.scene import Scene, fit
from skillsmap.spec import load, source_of
from skillsmap.theme import THEMES

FORMATS = ("svg", "png", "pdf")
DEFAULT_FORMATS = ("svg", "png")


@dataclass(frozen=True, slots=True)
class Rendered:
    """What a render produced: the files written and the warnings worth showing."""

    files: list[Path]
    warnings: list[Diagnostic]


def draw(scene: Scene, fmt: str, *, dpi: float = 192, id_prefix: str = "") -> bytes:
    """The bytes of ``scene`` in ``fmt`` (svg, png or pdf)."""
    if fmt == "svg":
        from skillsmap.backends.svg import render_svg

        return render_svg(scene, id_prefix=id_prefix)
    if fmt == "png":
        from skillsmap.backends.mpl import render_png

        return render_png(scene, dpi=dpi)
    if fmt == "pdf":
        from skillsmap.backends.mpl import render_pdf

        return render_pdf(scene)
    raise ValueError(f"unknown format '{fmt}' (use {', '.join(FORMATS)})")


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never half.

    The bytes go to a temporary file in the same folder, are flushed to disk, then renamed over
    ``path``; on any failure the temporary file is removed and ``path`` is left untouched.
    """
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def map_warnings(m: SkillsMap, laid: Layout) -> list[Diagnostic]:
    """Layout warnings (cards moved far, glyphs the font lacks), located in the spec."""
    src = source_of(m)
    path = src.path if src else "<map>"

    def mark(role_id: str) -> Mark | None:
        return src.role_mark(role_id) if src else None

    out: list[Diagnostic] = []
    for d in laid.displaced:
        avoid = f" to avoid {d.avoided}" if d.avoided else ""
        out.append(
            Diagnostic(
                path,
                mark(d.role_id),
                "warning",
                f"role '{d.role_id}' was moved {d.distance:.1f} units from its coordinates{avoid}",
            )
        )
    for role in m.roles:
        texts = [role.title, role.description or "", *role.aliases.values()]
        missing = missing_glyphs("".join(texts))
        if missing:
            shown = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in missing[:5])
            more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
            out.append(
                Diagnostic(
                    path,
                    mark(role.id),
                    "warning",
                    f"role '{role.id}': the font has no glyph for {shown}{more}; "
                    "PNG and PDF show a placeholder box",
                )
            )
    return out


def _stem(source: SkillsMap | str | os.PathLike[str], m: SkillsMap) -> str:
    if isinstance(source, str | os.PathLike) and os.fspath(source) != "-":
        return Path(source).stem
    slug = re.sub(r"[^a-z0-9]+", "-", m.title.lower()).strip("-")
    return slug[:60] or "skillsmap"


def targets(
    out: str | os.PathLike[str] | None, stem: str, formats: Sequence[str]
) -> list[tuple[Path, str]]:
    """(file, format) pairs for an output argument: a file name with an extension, or a folder."""
    base = Path(out) if out is not None else Path("output")
    suffix = base.suffix.lower().lstrip(".")
    if suffix in FORMATS:
        return [(base, suffix)]
    return [(base / f"{stem}.{fmt}", fmt) for fmt in dict.fromkeys(formats)]


def render(
    source: SkillsMap | str | os.PathLike[str],
    out: str | os.PathLike[str] | None = None,
    *,
    formats: Iterable[str] = DEFAULT_FORMATS,
    theme: str = "light",
    dpi: float = 192,
    size: tuple[float, float] | None = None,
    id_prefix: str = "",
) -> Rendered:
    """Render a map (a :class:`SkillsMap` or a spec path) to files.

    ``out`` is a folder (default ``output``), which receives ``<stem>.<format>`` for each of
    ``formats``, or a file name whose extension (.svg, .png, .pdf) decides its one format.
    ``size`` scales the picture to fit W x H px. Raises :class:`SpecError` for an invalid spec
    and ``OSError`` when a file cannot be written (earlier files of the same call stay).
    """
    m = load(source) if isinstance(source, str | os.PathLike) else source
    fmts = list(formats)
    for fmt in fmts:
        if fmt not in FORMATS:
            raise ValueError(f"unknown format '{fmt}' (use {', '.join(FORMATS)})")
    if theme not in THEMES:
        raise ValueError(f"unknown theme '{theme}' (available: {', '.join(THEMES)})")
    laid = layout(m, THEMES[theme])
    scene = laid.scene if size is None else fit(laid.scene, *size)
    written: list[Path] = []
    for path, fmt in targets(out, _stem(source, m), fmts):
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, draw(scene, fmt, dpi=dpi, id_prefix=id_prefix))
        written.append(path)
    return Rendered(written, map_warnings(m, laid))


__all__ = ["DEFAULT_FORMATS", "FORMATS", "Rendered", "SpecError", "draw", "render", "write_atomic"]
