"""Baseline images of the bundled example maps (the pytest-mpl way).

Each bundled spec is rendered to PNG at 96 dpi (1x) and compared with ``tests/baseline/<stem>.png``:
same pixel size, and an RMS difference over RGB (0-255) of at most ``BASELINE_TOLERANCE``. On a
mismatch the actual picture and a difference picture (dark = different) are saved in
``tests/baseline-failures/`` (git-ignored) and the assertion message names them.

After an intended change to how maps look, look at the new pictures, then rewrite the baselines
with::

    .venv/bin/python -m pytest tests/test_baselines.py --regen-baselines

In that mode each test writes its baseline and is skipped with a message naming the file.
Review the new PNGs (``git diff --stat tests/baseline``, and open them) before committing them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from imagecompare import rgb, rms, save_diff

from skillsmap import render
from skillsmap.examples import bundled

# Largest RMS difference (0-255, over RGB) between a rendering and its baseline. Rendering is
# deterministic on one machine, so this only absorbs antialiasing differences between
# FreeType/Agg builds; a moved card or a changed colour is far above it.
BASELINE_TOLERANCE = 2.0
BASELINE_DPI = 96

HERE = Path(__file__).parent
BASELINE_DIR = HERE / "baseline"
FAILURE_DIR = HERE / "baseline-failures"
REGEN_COMMAND = ".venv/bin/python -m pytest tests/test_baselines.py --regen-baselines"

SPECS = bundled()


def test_every_bundled_spec_has_a_baseline(request: pytest.FixtureRequest) -> None:
    if request.config.getoption("--regen-baselines"):
        pytest.skip("regenerating baselines")
    missing = [p.stem for p in SPECS if not (BASELINE_DIR / f"{p.stem}.png").is_file()]
    assert not missing, f"no baseline for {missing}; create them with: {REGEN_COMMAND}"
    stale = sorted(
        p.name for p in BASELINE_DIR.glob("*.png") if p.stem not in {s.stem for s in SPECS}
    )
    assert not stale, f"baselines without a bundled spec (delete them): {stale}"


@pytest.mark.parametrize("spec", SPECS, ids=[p.stem for p in SPECS])
def test_bundled_map_matches_its_baseline(
    spec: Path, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    out = tmp_path / f"{spec.stem}.png"
    render(spec, out, dpi=BASELINE_DPI)
    actual = out.read_bytes()
    baseline = BASELINE_DIR / f"{spec.stem}.png"

    if request.config.getoption("--regen-baselines"):
        BASELINE_DIR.mkdir(exist_ok=True)
        baseline.write_bytes(actual)
        width, height = rgb(actual).size
        pytest.skip(
            f"wrote {baseline.relative_to(HERE.parent)} ({width}x{height} px); "
            "look at it before committing"
        )

    if not baseline.is_file():
        pytest.fail(f"no baseline {baseline}; create it with: {REGEN_COMMAND}")
    expected = baseline.read_bytes()

    saved_actual = FAILURE_DIR / f"{spec.stem}-actual.png"
    saved_diff = FAILURE_DIR / f"{spec.stem}-diff.png"
    saved_expected = FAILURE_DIR / f"{spec.stem}-expected.png"
    for stale in (saved_actual, saved_diff, saved_expected):
        stale.unlink(missing_ok=True)

    size, expected_size = rgb(actual).size, rgb(expected).size
    if size != expected_size:
        FAILURE_DIR.mkdir(exist_ok=True)
        saved_actual.write_bytes(actual)
        pytest.fail(
            f"{spec.name}: rendered {size[0]}x{size[1]} px, baseline {baseline.name} is "
            f"{expected_size[0]}x{expected_size[1]} px; the actual picture is in {saved_actual}. "
            f"If the change is intended, regenerate with: {REGEN_COMMAND}"
        )
    difference = rms(actual, expected)
    if difference > BASELINE_TOLERANCE:
        FAILURE_DIR.mkdir(exist_ok=True)
        saved_actual.write_bytes(actual)
        shutil.copyfile(baseline, saved_expected)
        save_diff(actual, expected, str(saved_diff))
        pytest.fail(
            f"{spec.name}: RMS {difference:.2f} > BASELINE_TOLERANCE {BASELINE_TOLERANCE} "
            f"against {baseline.name}; see {saved_actual}, {saved_expected} and {saved_diff} "
            f"(dark = different). If the change is intended, regenerate with: {REGEN_COMMAND}"
        )
