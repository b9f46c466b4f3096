"""Write ``constraints.txt``: the exact version of every package that ``.[test]`` installs.

Run it from anywhere, with any Python 3.10+ (it uses only the standard library)::

    python3 tools/lock.py

It makes a throwaway virtual environment, installs ``.[test]`` there without constraints (so
every dependency, transitive ones included, comes at its newest release), and writes that
environment's ``pip freeze`` to ``constraints.txt`` at the repository root: sorted by name,
without skillsmap itself, under a header saying how to regenerate it. Commit the result and
run ``bash .ci/run`` to test against it.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "constraints.txt"
HEADER = """\
# Exact versions of everything `pip install -e '.[test]'` installs, transitive ones included.
# CI and the README's test command install with `-c constraints.txt`.
# Regenerate from the newest releases with: python3 tools/lock.py
"""


def frozen(env: Path) -> list[str]:
    """``pip freeze`` of a fresh environment holding ``.[test]``, without skillsmap."""
    venv.create(env, with_pip=True)
    python = str(env / "bin" / "python")
    pip = [python, "-m", "pip"]
    subprocess.run([*pip, "install", "-q", "-e", f"{ROOT}[test]"], check=True)
    listing = subprocess.run(
        [*pip, "freeze", "--exclude-editable", "--exclude", "skillsmap"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [line for line in listing.splitlines() if line and not line.startswith("#")]


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="skillsmap-lock-") as tmp:
        pins = frozen(Path(tmp) / "venv")
    pins.sort(key=lambda line: line.split("==")[0].lower().replace("_", "-"))
    OUTPUT.write_text(HEADER + "\n".join(pins) + "\n", encoding="utf-8")
    print(f"wrote {len(pins)} pins to {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
