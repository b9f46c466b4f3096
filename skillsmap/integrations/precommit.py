"""The pre-commit render hook: redraw changed specs, failing when an output was out of date.

``python -m skillsmap.integrations.precommit [-o DIR] [-f FORMAT ...] [--theme NAME] SPEC...``
draws each SPEC into DIR (default: the spec's own folder) as ``<stem>.<ext>`` for each format
(default svg), writes only the files whose bytes changed, and exits 1 when it wrote any (as
formatters do) or when a spec is invalid, 2 for bad arguments, 0 when everything was current.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from skillsmap.diagnostics import SpecError
from skillsmap.files import OutputError, Target, targets, write_all
from skillsmap.pipeline import BuildError, build, encode
from skillsmap.spec import load


def parse(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="skillsmap-render", description="Redraw skills map specs; exit 1 if any changed."
    )
    parser.add_argument("specs", nargs="*", metavar="SPEC")
    parser.add_argument("-o", "--out", help="folder of the outputs (default: beside each spec)")
    parser.add_argument(
        "-f",
        "--format",
        action="append",
        dest="formats",
        help="a format to write, repeatable (default: svg)",
    )
    parser.add_argument("--theme", help="theme name (default: the spec's own, else light)")
    return parser.parse_args(argv)


def stale(spec: str, out: str | None, formats: Sequence[str], theme: str | None) -> list[Target]:
    """Redraw ``spec`` and write the outputs whose bytes differ; the targets written."""
    folder = out if out is not None else str(Path(spec).parent)
    planned = targets(folder.rstrip("/") + "/", Path(spec).stem, formats)
    built = build(load(spec), theme=theme)
    changed: list[tuple[Target, bytes]] = []
    for target in planned:
        data = encode(built, target.fmt)
        if not target.path.is_file() or target.path.read_bytes() != data:
            changed.append((target, data))
    write_all(changed)
    return [t for t, _ in changed]


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(sys.argv[1:] if argv is None else argv)
    formats = args.formats or ["svg"]
    failed = False
    for spec in args.specs:
        try:
            written = stale(spec, args.out, formats, args.theme)
        except SpecError as exc:
            for d in exc.diagnostics:
                print(d.format(), file=sys.stderr)
            failed = failed or bool(exc.errors)
            continue
        except (OutputError, BuildError, ValueError) as exc:
            print(f"skillsmap-render: error: {exc}", file=sys.stderr)
            return 2
        except OSError as exc:
            print(f"{exc.filename or spec}: error: {exc.strerror}", file=sys.stderr)
            failed = True
            continue
        for target in written:
            print(f"{spec}: rewrote {target.path}")
        failed = failed or bool(written)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
