"""The ``skillsmap`` command: argument parsing only; the work is in the public API."""

from __future__ import annotations

import os
import sys
from importlib import resources
from pathlib import Path

import click

# A command-line run has no use for third-party pydantic plugins watching spec validation, and
# discovering them scans every installed distribution: a quarter of the start-up time. This must
# happen before the first model class is built (skillsmap's __init__ imports nothing eagerly).
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from skillsmap import __version__
from skillsmap import render as api
from skillsmap.diagnostics import Diagnostic, SpecError
from skillsmap.examples import bundled, flagship
from skillsmap.render import DEFAULT_FORMATS, FORMATS
from skillsmap.schema import json_schema_text
from skillsmap.spec import load, read
from skillsmap.theme import THEMES


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


@main.command()
@click.argument("specs", nargs=-1, required=True, metavar="SPEC...")
@click.option("-q", "--quiet", is_flag=True, help="Print problems only, not the summary.")
def validate(specs: tuple[str, ...], quiet: bool) -> None:
    """Check SPEC files and report every problem as PATH:LINE:COL lines.

    Exits 0 when every spec is valid (warnings allowed), 1 otherwise. Use - to read standard input.
    """
    failed = False
    for spec in specs:
        try:
            m, diagnostics = read(spec)
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
    sys.exit(1 if failed else 0)


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


def _size(value: str | None) -> tuple[float, float] | None:
    if value is None:
        return None
    w, sep, h = value.lower().partition("x")
    try:
        size = (float(w), float(h)) if sep else None
    except ValueError:
        size = None
    if size is None or not (16 <= size[0] <= 20000 and 16 <= size[1] <= 20000):
        raise click.BadParameter(f"expected WIDTHxHEIGHT in px (16 to 20000), got '{value}'")
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


@main.command()
@click.argument("specs", nargs=-1, metavar="[SPEC...]")
@click.option(
    "-o",
    "--output",
    "out",
    default=None,
    metavar="OUT",
    help="Folder for <spec>.<format> files (default: output), or one file: .svg, .png or .pdf.",
)
@click.option(
    "-f",
    "--format",
    "formats",
    multiple=True,
    type=click.Choice(FORMATS),
    help="Format to write; repeat for several (default: svg and png).",
)
@click.option("--theme", type=click.Choice(sorted(THEMES)), default="light", show_default=True)
@click.option(
    "--dpi",
    type=click.FloatRange(24, 1200),
    default=192,
    show_default=True,
    help="PNG resolution; 96 is 1x, 192 is 2x.",
)
@click.option("--size", metavar="WxH", help="Scale the picture to fit W x H px.")
@click.option(
    "--id-prefix",
    default="",
    metavar="PREFIX",
    callback=_id_prefix,
    help="Prefix every SVG id, to inline several maps in one page.",
)
def render(
    specs: tuple[str, ...],
    out: str | None,
    formats: tuple[str, ...],
    theme: str,
    dpi: float,
    size: str | None,
    id_prefix: str,
) -> None:
    """Draw each SPEC as a skills map (default: the bundled flagship into ./output/).

    Each SPEC gives OUT/<stem>.<format>, named after the spec file. Use - to read a spec from
    standard input: it is written as OUT/stdin.<format>, or to the file -o names. Several specs
    are all attempted; the exit status is 1 if any failed. Files are replaced atomically: a
    failed run keeps the previous output.
    """
    fit = _size(size)
    chosen = formats or DEFAULT_FORMATS
    if out is not None and Path(out).suffix.lower().lstrip(".") in FORMATS and len(specs) > 1:
        raise click.UsageError("-o FILE takes one spec; give a folder to render several")
    failed = False
    for spec in specs or (str(flagship()),):
        try:
            result = api.render(
                spec, out, formats=chosen, theme=theme, dpi=dpi, size=fit, id_prefix=id_prefix
            )
        except SpecError as exc:
            _report(exc.diagnostics)
            failed = True
            continue
        except OSError as exc:
            target = exc.filename or out or "output"
            click.echo(f"{target}: error: cannot write: {exc.strerror or exc}", err=True)
            failed = True
            continue
        except Exception as exc:
            _internal_error(spec, exc)
            failed = True
            continue
        _report(result.warnings)
        for path in result.files:
            click.echo(f"wrote {path}")
    sys.exit(1 if failed else 0)
