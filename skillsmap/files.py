"""Rendering to files: where each format goes, and writing it atomically.

:func:`render` builds a map once, encodes every asked format, and only then replaces the
files, each through a temporary file and a rename, so a failed run never leaves a truncated
file and keeps the previous output. Files are named after the spec file's stem; a render in
several themes at once names each file after its theme too, ``<stem>.<theme>.<ext>``.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

from skillsmap.diagnostics import Diagnostic
from skillsmap.model import SkillsMap
from skillsmap.outputs import by_extension, extensions, get
from skillsmap.pipeline import MapSource, build, encode, load_source
from skillsmap.theme import Theme

DEFAULT_FORMATS = ("svg", "png")
DEFAULT_FOLDER = "output"
STDIN_STEM = "stdin"


class OutputError(ValueError):
    """An output argument that cannot be honoured: an unknown extension, an extension that
    contradicts the formats asked for, or several specs that would write the same file."""


class Target(NamedTuple):
    """One file to write, the format it holds and, in a render in several themes, its theme."""

    path: Path
    fmt: str
    theme: str | None = None


class Rendered(NamedTuple):
    """What a render produced: the files written and the warnings worth showing."""

    files: list[Path]
    warnings: list[Diagnostic]


def path_stem(spec: str | os.PathLike[str]) -> str:
    """The name a spec file's outputs get: its stem, ``stdin`` for ``-`` (standard input)."""
    name = os.fspath(spec)
    return STDIN_STEM if name == "-" else Path(name).stem


def title_stem(title: str) -> str:
    """The name a map object's outputs get: a slug of its title."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    return slug[:60] or "skillsmap"


def is_folder(out: str) -> bool:
    """Whether an output argument names a folder: it ends with ``/``, or has no extension, or
    is an existing folder whose extension is no known format's."""
    if out.endswith(("/", os.sep)):
        return True
    suffix = Path(out).suffix
    if by_extension(suffix) is not None:
        return False
    return not suffix or Path(out).is_dir()


def themed(target: Target, theme: str) -> Target:
    """``target`` drawn in ``theme``: ``map.svg`` becomes ``map.<theme>.svg``."""
    path = target.path.with_name(f"{target.path.stem}.{theme}{target.path.suffix}")
    return Target(path, target.fmt, theme)


def targets(
    out: str | os.PathLike[str] | None,
    stem: str,
    formats: Sequence[str] | None = None,
    themes: Sequence[str] = (),
) -> list[Target]:
    """The files an output argument means: a folder gets ``<stem>.<ext>`` for each format
    (default svg and png); a file name's extension decides its one format, which ``formats``,
    when given, must agree with. Raises :class:`OutputError` otherwise. With several
    ``themes``, each file is written once per theme, ``<stem>.<theme>.<ext>`` (``FILE.ext``
    gives ``FILE.<theme>.ext``), theme by theme; one theme keeps the plain names."""
    plain = _plain_targets(out, stem, formats)
    chosen = list(dict.fromkeys(themes))
    if len(chosen) < 2:
        return plain
    return [themed(t, theme) for theme in chosen for t in plain]


def _plain_targets(
    out: str | os.PathLike[str] | None, stem: str, formats: Sequence[str] | None
) -> list[Target]:
    name = os.fspath(out) if out is not None else DEFAULT_FOLDER
    if name == "-":
        raise OutputError("standard output is not a file; encode() gives the bytes")
    base = Path(name)
    suffix = base.suffix
    if is_folder(name):
        chosen = [get(fmt) for fmt in dict.fromkeys(formats or DEFAULT_FORMATS)]
        return [Target(base / f"{stem}.{o.extension}", o.name) for o in chosen]
    output = by_extension(suffix)
    if output is None:
        known = ", ".join(f".{ext}" for ext in extensions())
        raise OutputError(
            f"{name}: unknown extension '{suffix}' (known: {known}); end a folder name with /"
        )
    others = [fmt for fmt in dict.fromkeys(formats or ()) if fmt != output.name]
    if others:
        wrong = ", ".join(others)
        raise OutputError(f"{name}: the extension '{suffix}' writes {output.name}, not {wrong}")
    return [Target(base, output.name)]


def plan(
    specs: Sequence[str],
    out: str | os.PathLike[str] | None,
    formats: Sequence[str] | None,
    themes: Sequence[str] = (),
) -> dict[str, list[Target]]:
    """The targets of each spec file, refusing two specs that would write the same file."""
    owners: dict[str, str] = {}
    planned: dict[str, list[Target]] = {}
    for spec in specs:
        planned[spec] = targets(out, path_stem(spec), formats, themes)
        for target in planned[spec]:
            key = os.path.normcase(os.path.abspath(target.path))
            if key in owners:
                raise OutputError(
                    f"{owners[key]} and {spec} would both write {target.path}; "
                    "rename one or render them into different folders"
                )
            owners[key] = spec
    return planned


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


def make_folder(folder: Path) -> None:
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


def write_all(encoded: Iterable[tuple[Target, bytes]]) -> list[Path]:
    """Write each target's bytes atomically, creating folders; the paths written, in order."""
    written: list[Path] = []
    for target, data in encoded:
        make_folder(target.path.parent)
        write_atomic(target.path, data)
        written.append(target.path)
    return written


def render(
    source: MapSource,
    out: str | os.PathLike[str] | None = None,
    *,
    formats: Iterable[str] | None = None,
    theme: str | Theme | Sequence[str | Theme] | None = None,
    dpi: float | None = None,
    size: tuple[int, int] | None = None,
    id_prefix: str = "",
    text_to_path: bool = False,
) -> Rendered:
    """Render a map (a :class:`SkillsMap` or a spec path, ``-`` for standard input) to files.

    ``out`` is a folder (default ``output``), which receives ``<stem>.<ext>`` for each of
    ``formats`` (default svg and png), or a file name whose extension decides its one format.
    The stem is the spec file's (``stdin`` for ``-``), or for a map object a slug of its title.
    ``theme`` defaults to the spec's theme, else light; a sequence of several themes writes every
    file once per theme, named ``<stem>.<theme>.<ext>`` (see :func:`targets`), the map laid out
    for each theme. ``size`` (W x H px) is exact in every
    format, ``dpi`` (PNG only, default 192) cannot be combined with it. Every format is encoded
    before any file is written. Raises :class:`SpecError` for an invalid spec,
    :class:`OutputError` for an output argument that cannot be honoured, ``BuildError`` for an
    unknown theme or conflicting options, ``EncodeError`` for a picture too large, and
    ``OSError`` when a file cannot be written (earlier files of the same call stay).
    """
    m = load_source(source)
    stem = title_stem(m.title) if isinstance(source, SkillsMap) else path_stem(source)
    themes = _theme_list(theme)
    names = [t.name if isinstance(t, Theme) else t for t in themes if t is not None]
    planned = targets(out, stem, None if formats is None else list(formats), names)
    encoded: list[tuple[Target, bytes]] = []
    warnings: dict[Diagnostic, None] = {}
    for chosen in themes:
        name = chosen.name if isinstance(chosen, Theme) else chosen
        built = build(m, theme=chosen, size=size)
        warnings.update(dict.fromkeys(built.warnings))
        encoded += [
            (t, encode(built, t.fmt, dpi=dpi, id_prefix=id_prefix, text_to_path=text_to_path))
            for t in planned
            if t.theme in (None, name)
        ]
    return Rendered(write_all(encoded), list(warnings))


def _theme_list(theme: str | Theme | Sequence[str | Theme] | None) -> list[str | Theme | None]:
    """Every theme a render draws, without repeats; ``[None]`` for the spec's own."""
    if theme is None or isinstance(theme, (str, Theme)):
        return [theme]
    unique: dict[str, str | Theme] = {}
    for t in theme:
        unique.setdefault(t.name if isinstance(t, Theme) else t, t)
    return list(unique.values()) or [None]


__all__ = [
    "DEFAULT_FOLDER",
    "DEFAULT_FORMATS",
    "STDIN_STEM",
    "OutputError",
    "Rendered",
    "Target",
    "is_folder",
    "make_folder",
    "path_stem",
    "plan",
    "render",
    "targets",
    "themed",
    "title_stem",
    "write_all",
    "write_atomic",
]
