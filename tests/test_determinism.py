"""Same input, same bytes: SVG, PNG and PDF are identical across runs and environments.

Every bundled spec is rendered in two separate processes that differ in ``PYTHONHASHSEED``,
working directory, time zone, locale and matplotlib cache folder; all three formats must match
byte for byte. The files must not carry anything that changes by itself: no dates, no version
of skillsmap, matplotlib or svgwrite, no PNG text or time chunks, no PDF producer or dates.
"""

from __future__ import annotations

import os
import re
import struct
import subprocess
import sys
from pathlib import Path

import defusedxml.ElementTree as ET
import matplotlib
import pytest
import svgwrite

import skillsmap
from skillsmap.examples import bundled
from skillsmap.layout import layout
from skillsmap.outputs.images import draw

FORMATS = ("svg", "png", "pdf")
DATE = re.compile(rb"(19|20)\d\d-[01]\d-[0-3]\d|\d\d:\d\d:\d\d|D:\d{8}")
TWO_DECIMALS = re.compile(r"-?\d+(\.\d{1,2})?")


class Render:
    """One ``skillsmap render`` of every bundled spec in every format, in its own process."""

    def __init__(
        self, out: Path, cwd: Path, seed: str, tz: str, lang: str, mplconfig: Path
    ) -> None:
        cwd.mkdir(parents=True, exist_ok=True)
        env = {
            **os.environ,
            "PYTHONHASHSEED": seed,
            "TZ": tz,
            "LC_ALL": lang,
            "LANG": lang,
            "MPLCONFIGDIR": str(mplconfig),
        }
        env.pop("SOURCE_DATE_EPOCH", None)
        self.specs = [str(p) for p in bundled()]
        self.base = out if out.is_absolute() else cwd / out
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "skillsmap", "render", *self.specs, "-o", str(out)]
            + [arg for fmt in FORMATS for arg in ("-f", fmt)],
            cwd=cwd,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def files(self) -> dict[str, bytes]:
        """Wait for the process; the bytes of every file it wrote, by name."""
        _, stderr = self.proc.communicate(timeout=300)
        assert self.proc.returncode == 0, stderr
        files = {p.name: p.read_bytes() for p in sorted(self.base.iterdir())}
        assert set(files) == {f"{Path(s).stem}.{fmt}" for s in self.specs for fmt in FORMATS}
        return files


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """The two renders run at the same time (they share nothing but the installed code)."""
    root = tmp_path_factory.mktemp("determinism")
    first = Render(Path("out"), root / "a", "0", "UTC", "C.UTF-8", root / "mpl-a")  # relative
    second = Render(
        root / "elsewhere" / "out",  # absolute output folder, deeper working directory
        root / "b" / "c" / "d",
        "4242",
        "Pacific/Kiritimati",
        "C",
        root / "mpl-b",
    )
    return first.files(), second.files()


def test_every_format_is_byte_identical_across_processes(
    two_runs: tuple[dict[str, bytes], dict[str, bytes]],
) -> None:
    first, second = two_runs
    assert set(first) == set(second)
    different = sorted(name for name in first if first[name] != second[name])
    assert different == []


def test_in_process_renders_are_byte_identical() -> None:
    m = skillsmap.load(bundled()[0])
    one, two = layout(m).scene, layout(m).scene  # two layouts, each drawn in every format
    for fmt in FORMATS:
        assert draw(one, fmt) == draw(two, fmt)


def version_strings() -> list[bytes]:
    versions = {
        skillsmap.__version__,
        matplotlib.__version__,
        getattr(svgwrite, "__version__", None) or svgwrite.version.version,
    }
    return [v.encode() for v in versions if v]


def test_svg_has_no_dates_versions_or_unrounded_numbers(
    two_runs: tuple[dict[str, bytes], dict[str, bytes]],
) -> None:
    first, _ = two_runs
    for name, data in first.items():
        if not name.endswith(".svg"):
            continue
        assert not DATE.search(data), (name, DATE.search(data))
        for version in version_strings():
            assert version not in data, (name, version)
        lowered = data.lower()
        for word in (b"matplotlib", b"svgwrite", b"generator", b"created", b"<metadata"):
            assert word not in lowered, (name, word)
        root = ET.fromstring(data, forbid_dtd=True)
        for el in root.iter():
            for attr in ("x", "y", "width", "height", "rx", "cx", "cy", "r", "font-size"):
                value = el.get(attr)
                if value is not None:
                    assert TWO_DECIMALS.fullmatch(value), (name, el.tag, attr, value)
            for attr in ("d", "points", "viewBox"):
                for number in re.findall(r"-?[\d.]+", el.get(attr) or ""):
                    assert TWO_DECIMALS.fullmatch(number), (name, el.tag, attr, number)


def png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    chunks, pos = [], 8
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        chunks.append((kind, data[pos + 8 : pos + 8 + length]))
        pos += 12 + length
    return chunks


def test_png_carries_no_software_text_or_time(
    two_runs: tuple[dict[str, bytes], dict[str, bytes]],
) -> None:
    first, _ = two_runs
    for name, data in first.items():
        if not name.endswith(".png"):
            continue
        kinds = [kind for kind, _ in png_chunks(data)]
        assert kinds[0] == b"IHDR" and kinds[-1] == b"IEND"
        for kind in (b"tEXt", b"iTXt", b"zTXt", b"tIME", b"eXIf"):
            assert kind not in kinds, (name, kind)
        for version in version_strings():
            assert version not in data


def test_pdf_carries_no_producer_creator_or_dates(
    two_runs: tuple[dict[str, bytes], dict[str, bytes]],
) -> None:
    first, _ = two_runs
    for name, data in first.items():
        if not name.endswith(".pdf"):
            continue
        for key in (b"/Producer", b"/Creator", b"/CreationDate", b"/ModDate"):
            assert key not in data, (name, key)
        assert b"matplotlib" not in data.lower(), name
        assert not DATE.search(data), (name, DATE.search(data))
        for version in version_strings():
            assert b"(" + version not in data and b"v" + version not in data
