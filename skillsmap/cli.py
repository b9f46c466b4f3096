"""The ``skillsmap`` command: argument parsing only; the work is in the public API."""

from __future__ import annotations

import contextlib
import functools
import io
import os
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from importlib import resources
from pathlib import Path
from typing import NamedTuple, TextIO

import click

# A command-line run has no use for third-party pydantic plugins watching spec validation, and
# discovering them scans every installed distribution: a quarter of the start-up time. This must
# happen before the first model class is built (skillsmap's __init__ imports nothing eagerly).
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from skillsmap import __version__, outputs
from skillsmap.diagnostics import Diagnostic, SpecError
from skillsmap.examples import bundled, flagship
from skillsmap.files import DEFAULT_FORMATS, OutputError, Rendered, is_folder, plan, render
from skillsmap.fonts import FontError, check_font, using
from skillsmap.model import SkillsMap
from skillsmap.outputs import EncodeError
from skillsmap.outputs.images import check_png_pixels
from skillsmap.pipeline import BuildError, build, encode
from skillsmap.schema import json_schema_text
from skillsmap.spec import load, read
from skillsmap.theme import THEMES

STDOUT_FORMAT = "svg"
# A batch of at least this many specs shows a progress bar on a terminal; a count, not a time,
# so that what is printed depends only on the input.
PROGRESS_MIN_SPECS = 5


def _fonts(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> tuple[str, ...]:
    for path in value:
        try:
            check_font(path)
        except FontError as exc:
            raise click.BadParameter(str(exc)) from None
    return value


font_option = click.option(
    "--font",
    "font_files",
    multiple=True,
    metavar="PATH",
    type=click.Path(exists=True, dir_okay=False),
    callback=_fonts,
    help="Font file for characters DejaVu Sans lacks (CJK, ...); repeat to try several in "
    "order before the fonts fontconfig finds.",
)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _report(diagnostics: list[Diagnostic]) -> None:
    for d in diagnostics:
        click.echo(d.format(), err=True)


def _internal_error(spec: str, exc: Exception) -> None:
    """One ``PATH: error:`` line for an unexpected failure, instead of a traceback."""
    reason = " ".join(str(exc).split()) or type(exc).__name__
    click.echo(
        f"{spec}: error: internal error ({type(exc).__name__}: {reason}); "
        "please report it at the skillsmap issue tracker",
        err=True,
    )


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="skillsmap")
def main() -> None:
    """Draw career skills maps (soft skills x hard skills) from YAML specs."""


def _checked(spec: str) -> tuple[SkillsMap | None, list[Diagnostic]]:
    """The map (None if invalid) and every diagnostic render would print for it: the spec's,
    then the layout's (cards moved far, missing glyphs)."""
    m, diagnostics = read(spec)
    if m is None:
        return None, diagnostics
    try:
        return m, list(build(m).warnings)
    except SpecError as exc:  # the spec names a theme this version lacks
        return None, exc.diagnostics


@main.command()
@click.argument("specs", nargs=-1, required=True, metavar="SPEC...")
@click.option("-q", "--quiet", is_flag=True, help="Print problems only, not the summary.")
@font_option
def validate(specs: tuple[str, ...], quiet: bool, font_files: tuple[str, ...]) -> None:
    """Check SPEC files and report every problem as PATH:LINE:COL lines.

    Prints every diagnostic render would, layout warnings included. Exits 0 when every spec is
    valid (warnings allowed), 1 otherwise. Use - to read standard input.
    """
    with using(font_files):
        sys.exit(1 if _validate_all(specs, quiet) else 0)


def _validate_all(specs: tuple[str, ...], quiet: bool) -> bool:
    """Report on every spec; True when any failed."""
    failed = False
    for spec in specs:
        try:
            m, diagnostics = _checked(spec)
        except Exception as exc:  # a bug, not bad input: still one line, and on to the next
            _internal_error(spec, exc)
            failed = True
            continue
        _report(diagnostics)
        if m is None:
            failed = True
        elif not quiet:
            click.echo(
                f"{spec}: ok ({_count(len(m.roles), 'role')}, {_count(len(m.moves), 'move')})"
            )
    return failed


@main.command()
def schema() -> None:
    """Print the JSON Schema (draft 2020-12) of spec files, for editors and CI checks."""
    click.echo(json_schema_text(), nl=False)


@main.command()
@click.argument("path", default="skillsmap.yaml", type=click.Path(dir_okay=False))
@click.option("--force", is_flag=True, help="Overwrite PATH if it exists.")
def init(path: str, force: bool) -> None:
    """Write a commented starter spec to PATH (default: skillsmap.yaml)."""
    target = Path(path)
    if target.exists() and not force:
        click.echo(f"{path}: error: already exists; use --force to overwrite it", err=True)
        sys.exit(1)
    text = resources.files("skillsmap").joinpath("starter.yaml").read_text(encoding="utf-8")
    try:
        target.write_text(text, encoding="utf-8")
    except OSError as exc:
        click.echo(f"{path}: error: cannot write: {exc.strerror or exc}", err=True)
        sys.exit(1)
    click.echo(f"wrote {path}; render it with: skillsmap render {path}")


@main.command()
def examples() -> None:
    """List the bundled example specs with their titles."""
    for path in bundled():
        try:
            title = load(path).title
        except SpecError:
            title = "(invalid)"
        click.echo(f"{path.stem:<20} {title}\n{'':<20} {path}")


def _size(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[int, int] | None:
    if value is None:
        return None
    w, sep, h = value.lower().partition("x")
    size = (int(w), int(h)) if sep and w.isdigit() and h.isdigit() else None
    if size is None or not (16 <= size[0] <= 20000 and 16 <= size[1] <= 20000):
        raise click.BadParameter(f"expected WIDTHxHEIGHT in whole px (16 to 20000), got '{value}'")
    return size


def _id_prefix(ctx: click.Context, param: click.Parameter, value: str) -> str:
    if not value:
        return value
    from skillsmap.backends.base import ID_PREFIX  # the backends package loads svgwrite

    if not ID_PREFIX.fullmatch(value):
        raise click.BadParameter(
            f"'{value}' must start with a letter or '_' and hold only letters, digits, "
            "'_', '-' and '.'"
        )
    return value


def _themes(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[str, ...]:
    """``--theme light,dark``: the theme names, in order, without repeats."""
    if value is None:
        return ()
    names = [name.strip() for name in value.split(",")]
    for name in names:
        if name not in THEMES:
            available = ", ".join(sorted(THEMES))
            shown = f"unknown theme '{name}'" if name else f"empty theme name in '{value}'"
            raise click.BadParameter(f"{shown} (available: {available})")
    return tuple(dict.fromkeys(names))


def _check_stdout(specs: tuple[str, ...], formats: tuple[str, ...], themes: Sequence[str]) -> None:
    """``-o -`` takes one spec, one format and one theme."""
    if len(specs) > 1:
        raise click.UsageError(f"-o - writes one spec to standard output, got {len(specs)}")
    if len(set(formats)) > 1:
        asked = " ".join(f"-f {fmt}" for fmt in dict.fromkeys(formats))
        raise click.UsageError(f"-o - writes one format to standard output, got {asked}")
    if len(themes) > 1:
        raise click.UsageError(
            f"-o - writes one theme to standard output, got --theme {','.join(themes)}"
        )


def _check_size(size: tuple[int, int] | None, dpi: float | None, formats: tuple[str, ...]) -> None:
    """``--size`` is exact, so it excludes ``--dpi``; a PNG over the pixel budget is refused."""
    if size is None:
        return
    if dpi is not None:
        raise click.UsageError(
            "--dpi and --size both set the PNG's pixels; --size is exact, give one or the other"
        )
    if "png" in formats:
        try:
            check_png_pixels(*size)
        except EncodeError as exc:
            raise click.UsageError(f"--size {size[0]}x{size[1]}: {exc}") from None


def _attempt(spec: str, out: str | None, job: Callable[[], None]) -> bool:
    """Run one spec's ``job``; any failure is one line on stderr and False."""
    try:
        job()
    except SpecError as exc:
        _report(exc.diagnostics)
    except OSError as exc:
        target = exc.filename or out or "output"
        click.echo(f"{target}: error: cannot write: {exc.strerror or exc}", err=True)
    except (BuildError, EncodeError) as exc:
        click.echo(f"{spec}: error: {exc}", err=True)
    except Exception as exc:  # a bug, not bad input: still one line, and on to the next
        _internal_error(spec, exc)
    else:
        return True
    return False


class _Settings(NamedTuple):
    """How every spec of one ``render`` run is drawn."""

    themes: tuple[str, ...]
    size: tuple[int, int] | None
    dpi: float | None
    id_prefix: str
    text_to_path: bool


def _render_files(spec: str, out: str | None, formats: tuple[str, ...], how: _Settings) -> Rendered:
    result = render(
        spec,
        out,
        formats=formats or None,
        theme=how.themes or None,
        dpi=how.dpi,
        size=how.size,
        id_prefix=how.id_prefix,
        text_to_path=how.text_to_path,
    )
    _report(result.warnings)
    return result


def _to_files(spec: str, out: str | None, formats: tuple[str, ...], how: _Settings) -> None:
    for path in _render_files(spec, out, formats, how).files:
        click.echo(f"wrote {path}")


def _timed(spec: str, out: str | None, formats: tuple[str, ...], how: _Settings) -> None:
    """One render of ``--watch``: ``rendered map.svg, map.png (0.12 s)``."""
    start = time.perf_counter()
    files = _render_files(spec, out, formats, how).files
    names = ", ".join(path.name for path in files)
    click.echo(f"rendered {names} ({time.perf_counter() - start:.2f} s)")


def _to_stdout(spec: str, fmt: str, how: _Settings) -> None:
    """The one format's bytes on standard output, exactly what ``-o FILE.<ext>`` writes."""
    built = build(spec, theme=how.themes[0] if how.themes else None, size=how.size)
    data = encode(built, fmt, dpi=how.dpi, id_prefix=how.id_prefix, text_to_path=how.text_to_path)
    _report(list(built.warnings))
    sys.stdout.flush()  # anything already printed as text goes first
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def _summary(done: int, failed: int) -> str:
    """``rendered 46 maps, 2 failed``: the last line of a run over several specs."""
    return f"rendered {_count(done, 'map')}" + (f", {failed} failed" if failed else "")


@main.command("render")
@click.argument("specs", nargs=-1, metavar="[SPEC...]")
@click.option(
    "-o",
    "--output",
    "out",
    default=None,
    metavar="OUT",
    help="Folder for <spec>.<ext> files (default: output; end a new folder's name with /), "
    "one file whose extension is its format, or - for standard output.",
)
@click.option(
    "-f",
    "--format",
    "formats",
    multiple=True,
    type=click.Choice(outputs.names()),
    help="Format to write; repeat for several (default: svg and png; svg for -o -).",
)
@click.option(
    "--theme",
    "themes",
    metavar="NAME[,NAME...]",
    default=None,
    callback=_themes,
    help=f"Colour theme: {', '.join(sorted(THEMES))} (default: the spec's theme, else light). "
    "A comma list (light,dark) writes one file per theme, <stem>.<theme>.<ext>.",
)
@click.option(
    "--dpi",
    type=click.FloatRange(24, 1200),
    default=None,
    help="PNG density: 96 is 1x, 192 (the default) 2x. Not with --size.",
)
@click.option(
    "--size",
    metavar="WxH",
    callback=_size,
    help="Exact picture size in px (PNG pixels, SVG px, PDF W*0.75 x H*0.75 pt); "
    "the map is scaled to fit and centred.",
)
@click.option("--text-to-path", is_flag=True, help="Draw SVG text as outlines.")
@click.option(
    "--id-prefix",
    default="",
    metavar="PREFIX",
    callback=_id_prefix,
    help="Prefix every SVG id, to inline several maps in one page.",
)
@font_option
@click.option(
    "--watch",
    is_flag=True,
    help="Render, then again on every save of a SPEC or --font file, until Ctrl-C "
    "(needs the watch extra: pip install 'skillsmap[watch]').",
)
def render_command(
    specs: tuple[str, ...],
    out: str | None,
    formats: tuple[str, ...],
    themes: tuple[str, ...],
    dpi: float | None,
    size: tuple[int, int] | None,
    text_to_path: bool,
    id_prefix: str,
    font_files: tuple[str, ...],
    watch: bool,
) -> None:
    """Draw each SPEC as a skills map (default: the bundled flagship into ./output/).

    Each SPEC gives OUT/<stem>.<format>, named after the spec file. Use - to read a spec from
    standard input: it is written as OUT/stdin.<format>, or to the file -o names. Several specs
    are all attempted; the exit status is 1 if any failed, and on a terminal five or more show a
    progress bar. Files are replaced atomically: a failed run keeps the previous output. With
    --watch, a save that breaks the spec prints its problems and keeps the last good files.
    """
    how = _Settings(themes, size, dpi, id_prefix, text_to_path)
    with using(font_files):
        if watch:
            _watch(specs, out, formats, how, font_files)
        else:
            _render_all(specs, out, formats, how)


def _render_all(
    specs: tuple[str, ...], out: str | None, formats: tuple[str, ...], how: _Settings
) -> None:
    chosen = specs or (str(flagship()),)
    _check_size(how.size, how.dpi, formats or ((STDOUT_FORMAT,) if out == "-" else DEFAULT_FORMATS))
    if out == "-":
        _check_stdout(chosen, formats, how.themes)
        fmt = formats[0] if formats else STDOUT_FORMAT
        sys.exit(0 if _attempt(chosen[0], out, lambda: _to_stdout(chosen[0], fmt, how)) else 1)
    _check_files(chosen, out, formats, how.themes)

    def one(spec: str) -> bool:
        return _attempt(spec, out, functools.partial(_to_files, spec, out, formats, how))

    bar = sys.stderr if len(chosen) >= PROGRESS_MIN_SPECS and sys.stderr.isatty() else None
    done = _batch(chosen, one, bar)
    if len(chosen) > 1:
        click.echo(_summary(done, len(chosen) - done), err=True)
    sys.exit(0 if done == len(chosen) else 1)


def _check_files(
    specs: tuple[str, ...], out: str | None, formats: tuple[str, ...], themes: Sequence[str]
) -> None:
    """Usage errors of an output to files: ``-o FILE`` with several specs, clashing names."""
    if out is not None and len(specs) > 1 and not is_folder(out):
        raise click.UsageError("-o FILE takes one spec; give a folder to render several")
    try:
        plan(specs, out, formats or None, themes)
    except OutputError as exc:
        raise click.UsageError(str(exc)) from None


def _batch(specs: Sequence[str], job: Callable[[str], bool], bar_file: TextIO | None) -> int:
    """Run ``job`` on each spec; how many succeeded. With ``bar_file`` (a terminal), a progress
    bar is drawn there, and each spec's messages are printed above it once the spec is done."""
    if bar_file is None:
        return sum(job(spec) for spec in specs)
    done = 0
    with click.progressbar(length=len(specs), label="rendering", file=bar_file) as bar:
        for spec in specs:
            out, err = io.StringIO(), io.StringIO()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                done += job(spec)
            _above(bar_file, err.getvalue(), out.getvalue())
            bar.update(1)
    return done


def _above(bar_file: TextIO, err: str, out: str) -> None:
    """Print a spec's messages where the progress bar is, the bar to be drawn again below."""
    if not (err or out):
        return
    bar_file.write("\r\x1b[K")
    bar_file.flush()
    click.echo(err, err=True, nl=False)
    click.echo(out, nl=False)


def _watch(
    specs: tuple[str, ...],
    out: str | None,
    formats: tuple[str, ...],
    how: _Settings,
    font_files: tuple[str, ...],
) -> None:
    """``render --watch``: render every spec, then each one again when it (or a font) is saved;
    Ctrl-C ends it with status 0."""
    chosen = specs or (str(flagship()),)
    if "-" in chosen:
        raise click.UsageError("--watch needs spec files; standard input (-) cannot be watched")
    if out == "-":
        raise click.UsageError("--watch writes files; give a folder or a file, not -o -")
    _check_size(how.size, how.dpi, formats or DEFAULT_FORMATS)
    _check_files(chosen, out, formats, how.themes)
    try:
        from skillsmap.watch import changes
    except ModuleNotFoundError as exc:
        if exc.name != "watchfiles":
            raise
        raise click.UsageError(
            "--watch needs the watchfiles package: pip install 'skillsmap[watch]'"
        ) from None

    def once(todo: Iterable[str]) -> None:
        if font_files:  # a font file may have been saved again: read every font afresh
            from skillsmap.fonts import forget_font_files

            forget_font_files()
        for spec in todo:
            _attempt(spec, out, functools.partial(_timed, spec, out, formats, how))

    try:
        once(chosen)
        click.echo(f"watching {', '.join(chosen)}; press Ctrl-C to stop", err=True)
        for todo in changes(chosen, font_files):
            once(todo)
    except KeyboardInterrupt:
        click.echo("stopped watching", err=True)
    sys.exit(0)
