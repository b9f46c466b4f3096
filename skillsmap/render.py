"""Rendering a map to files: layout once, draw with each requested backend, write atomically.

matplotlib is imported only when PNG or PDF is asked for, so SVG output starts fast.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from skillsmap.diagnostics import Diagnostic, Mark, SpecError, sort_diagnostics
from skillsmap.fonts import missing_glyphs
from skillsmap.layout import Layout, layout
from skillsmap.model import Loc, SkillsMap
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
    ``path``; on any failure the temporary file is removed and ``path`` is left untouched. An
    ``OSError`` names ``path`` (never the temporary file) as its ``filename``.
    """
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        if exc.errno is None:
            raise
        raise OSError(exc.errno, exc.strerror, os.fspath(path)) from exc
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _make_folder(folder: Path) -> None:
    """Create ``folder`` and its parents; a clear ``OSError`` when a file is in the way."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        blocker = next(
            (p for p in (folder, *folder.parents) if p.exists() and not p.is_dir()), None
        )
        if blocker is None:
            raise
        raise NotADirectoryError(
            errno.ENOTDIR, f"{blocker} is a file, not a folder", os.fspath(folder)
        ) from None


def _drawn_texts(m: SkillsMap) -> Iterator[tuple[Loc, str, str]]:
    """Every user text the map draws: (path in the spec, what to call it, the text)."""
    yield ("title",), "title", m.title
    if m.subtitle:
        yield ("subtitle",), "subtitle", m.subtitle
    for name, axis in (("soft", m.axes.soft), ("hard", m.axes.hard)):
        yield ("axes", name, "label"), f"axes.{name}.label", axis.label
    for tid, track in m.tracks.items():
        yield ("tracks", tid, "label"), f"track '{tid}'", track.label
    for i, level in enumerate(m.levels):
        yield ("levels", i, "label"), f"level '{level.id}'", level.text
    for i, role in enumerate(m.roles):
        yield ("roles", i, "title"), f"role '{role.id}'", role.title
    for i, mv in enumerate(m.moves):
        if mv.label:
            yield ("moves", i, "label"), f"move '{mv.from_}' -> '{mv.to}'", mv.label
    if m.note:
        yield ("note",), "note", m.note


def _char_name(ch: str) -> str:
    """``'x' (U+0078)``, or only the code point for a character that would not print."""
    return f"'{ch}' (U+{ord(ch):04X})" if ch.isprintable() else f"U+{ord(ch):04X}"


def map_warnings(m: SkillsMap, laid: Layout) -> list[Diagnostic]:
    """Layout warnings (cards moved far, glyphs the font lacks), located in the spec.

    A missing glyph is reported for every drawn text (title, subtitle, note, axis, track,
    level and move labels, role titles) at that text's place in the spec; tooltip-only text
    (descriptions, aliases) is shown by the viewer with its own fonts and is not checked.
    """
    from skillsmap.backends.base import xml_text  # the backends package loads svgwrite

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
    for loc, what, text in _drawn_texts(m):
        # XML-illegal characters are dropped by every backend: never drawn, nothing to warn.
        missing = missing_glyphs(xml_text(text))
        if not missing:
            continue
        shown = ", ".join(_char_name(c) for c in missing[:5])
        more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
        out.append(
            Diagnostic(
                path,
                src.document.mark(loc) if src else None,
                "warning",
                f"{what}: the font has no glyph for {shown}{more}; "
                "PNG and PDF show a placeholder box",
            )
        )
    return sort_diagnostics(out)


def _stem(source: SkillsMap | str | os.PathLike[str], m: SkillsMap) -> str:
    if isinstance(source, str | os.PathLike):
        name = os.fspath(source)
        return "stdin" if name == "-" else Path(name).stem
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
    The stem is the spec file's (``stdin`` for ``-``, standard input), or for a map object a
    slug of its title. Every format is drawn before any file is written.
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
    # Draw every format before writing any, so a failure while drawing leaves all files as
    # they were; then each file is replaced atomically.
    drawn = [
        (path, draw(scene, fmt, dpi=dpi, id_prefix=id_prefix))
        for path, fmt in targets(out, _stem(source, m), fmts)
    ]
    written: list[Path] = []
    for path, data in drawn:
        _make_folder(path.parent)
        write_atomic(path, data)
        written.append(path)
    src = source_of(m)
    spec_warnings = list(src.warnings) if src else []
    return Rendered(written, sort_diagnostics([*spec_warnings, *map_warnings(m, laid)]))


__all__ = ["DEFAULT_FORMATS", "FORMATS", "Rendered", "SpecError", "draw", "render", "write_atomic"]
