"""The import graph: which modules each part of skillsmap may load, checked in a fresh process.

``skillsmap.layout`` never loads the backends or the outputs; the backends never load the spec
model; ``import skillsmap``, the output registry, ``--help`` and ``validate`` never load
matplotlib. Every public name resolves, and no submodule shadows a function of the package.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import skillsmap

ROOT = Path(__file__).parent.parent
FLAGSHIP = ROOT / "specs" / "senior-engineer.yaml"

# Prints the sorted names in sys.modules after running the code it is formatted with.
PROBE = """
import json, sys
{code}
print(json.dumps(sorted(sys.modules)))
"""
IMPORT_ALL = """
import importlib, pkgutil
import {package}
for info in pkgutil.walk_packages({package}.__path__, "{package}."):
    if not info.name.endswith(".__main__"):  # running it would start the command line
        importlib.import_module(info.name)
"""
CLI = """
from skillsmap.cli import main
try:
    main({args!r}, standalone_mode=False)
except SystemExit:
    pass
"""


def modules_after(code: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(code=code)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout.splitlines()[-1]))


def under(modules: set[str], *packages: str) -> set[str]:
    """The modules that are one of ``packages`` or inside one."""
    return {m for m in modules if any(m == p or m.startswith(f"{p}.") for p in packages)}


def test_layout_never_imports_backends_or_outputs() -> None:
    loaded = modules_after(IMPORT_ALL.format(package="skillsmap.layout"))
    assert "skillsmap.layout.compose" in loaded  # the probe itself works
    assert under(loaded, "skillsmap.backends", "skillsmap.outputs") == set()


def test_backends_never_import_the_spec_model() -> None:
    loaded = modules_after(IMPORT_ALL.format(package="skillsmap.backends"))
    assert "skillsmap.backends.mpl" in loaded
    assert under(loaded, "skillsmap.model", "skillsmap.spec", "pydantic") == set()


def test_import_skillsmap_is_cheap() -> None:
    loaded = modules_after("import skillsmap")
    assert under(loaded, "skillsmap") == {"skillsmap"}
    assert under(loaded, "pydantic", "svgwrite", "matplotlib", "yaml") == set()


def test_the_output_registry_loads_no_drawing_library() -> None:
    loaded = modules_after("from skillsmap import outputs\nassert outputs.names()")
    assert "skillsmap.outputs.images" in loaded
    assert under(loaded, "svgwrite", "matplotlib", "pydantic") == set()


@pytest.mark.parametrize(
    "args",
    [["--help"], ["render", "--help"], ["validate", str(FLAGSHIP)]],
    ids=["help", "render-help", "validate"],
)
def test_cli_commands_never_import_matplotlib(args: list[str]) -> None:
    loaded = modules_after(CLI.format(args=args))
    assert "skillsmap.cli" in loaded
    assert under(loaded, "matplotlib") == set()


def test_validate_lays_the_map_out_without_matplotlib() -> None:
    loaded = modules_after(CLI.format(args=["validate", str(FLAGSHIP)]))
    assert "skillsmap.layout.compose" in loaded  # layout warnings need the layout
    assert under(loaded, "matplotlib") == set()


@pytest.mark.parametrize("name", skillsmap.__all__)
def test_every_public_name_resolves(name: str) -> None:
    assert getattr(skillsmap, name) is not None
    assert name in dir(skillsmap)


def test_every_public_name_is_documented_in_the_readme() -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    api = readme[readme.index("## Python API") : readme.index("## The SVG")]
    undocumented = [n for n in skillsmap.__all__ if f"`{n}" not in api]
    assert undocumented == []


def test_no_submodule_shadows_a_package_function() -> None:
    code = IMPORT_ALL.format(package="skillsmap") + (
        "import inspect\n"
        "kinds = {n: inspect.isfunction(getattr(skillsmap, n)) for n in skillsmap.__all__}\n"
        "assert kinds['render'] and kinds['build'] and kinds['encode'], kinds\n"
        "for name in skillsmap.__all__:\n"
        "    assert not inspect.ismodule(getattr(skillsmap, name)), name\n"
    )
    loaded = modules_after(code)
    assert "skillsmap.cli" in loaded


def test_unknown_attribute_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError) as info:
        skillsmap.draw  # noqa: B018
    assert str(info.value) == "module 'skillsmap' has no attribute 'draw'"
