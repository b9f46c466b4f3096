"""The ``skillsmap`` command: argument parsing only; the work is in the public API."""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

import click

from skillsmap import __version__
from skillsmap.diagnostics import Diagnostic
from skillsmap.examples import bundled
from skillsmap.schema import json_schema_text
from skillsmap.spec import SpecError, load, read


def _report(diagnostics: list[Diagnostic]) -> None:
    for d in diagnostics:
        click.echo(d.format(), err=True)


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
        m, diagnostics = read(spec)
        _report(diagnostics)
        if m is None:
            failed = True
        elif not quiet:
            click.echo(f"{spec}: ok ({len(m.roles)} roles, {len(m.moves)} moves)")
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
