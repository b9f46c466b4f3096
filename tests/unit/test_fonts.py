"""Which font draws each character (skillsmap.fonts): DejaVu Sans, ``--font`` files, fontconfig.

Needs Debian's fonts-droid-fallback (Droid Sans Fallback has CJK, DejaVu Sans has none).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from skillsmap import fonts

DROID = fonts.FontFile("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf")
pytestmark = pytest.mark.skipif(
    not Path(DROID.path).is_file(),
    reason="needs Debian's fonts-droid-fallback (bash .ci/run installs it as root)",
)
SIZE = 13.5
WIDTH_TOLERANCE = 1e-9  # px: sums of the same floats


@pytest.fixture(autouse=True)
def fresh() -> Iterator[None]:
    fonts.forget_fontconfig()
    yield
    fonts.forget_fontconfig()


def fake_fontconfig(monkeypatch: pytest.MonkeyPatch, answers: dict[str, str]) -> list[str]:
    """Answer fontconfig commands by their first argument; returns the commands run."""
    ran: list[str] = []

    def run(args: list[str]) -> str:
        ran.append(" ".join(args))
        return answers.get(args[0], "")

    monkeypatch.setattr(fonts, "_fc_run", run)
    fonts.forget_fontconfig()
    return ran


def cjk_font(tmp_path: Path, name: str = "cjk.ttf", chars: str = "工程师") -> Path:
    path = tmp_path / name
    path.write_bytes(fonts.subset(DROID, chars))
    return path


def test_latin_text_never_asks_fontconfig(monkeypatch: pytest.MonkeyPatch) -> None:
    ran = fake_fontconfig(monkeypatch, {})
    fonts.text_width("Senior Engineer · L5 \u2013 ü", SIZE)
    assert fonts.runs("Senior Engineer") == (fonts.Run(0, 15, fonts.default_font()),)
    assert ran == []


def test_a_text_is_split_into_runs_of_the_font_that_draws_them() -> None:
    assert fonts.runs("Lead 工程师 2") == (
        fonts.Run(0, 5, fonts.default_font()),
        fonts.Run(5, 8, DROID),
        fonts.Run(8, 10, fonts.default_font()),
    )
    assert fonts.missing_glyphs("Lead 工程师") == []


def test_width_is_the_sum_of_each_run_in_its_own_font() -> None:
    expected = fonts.run_width("Lead ", fonts.default_font(), SIZE) + fonts.run_width(
        "工程师", DROID, SIZE
    )
    assert fonts.text_width("Lead 工程师", SIZE) == pytest.approx(expected, abs=WIDTH_TOLERANCE)
    assert fonts.run_width("工程师", DROID, SIZE) == 3 * SIZE  # full-width ideographs


def test_given_font_files_come_before_fontconfig(tmp_path: Path) -> None:
    given = fonts.FontFile(str(cjk_font(tmp_path, chars="工")))
    with fonts.using([given.path]):
        assert [r.font for r in fonts.runs("工程")] == [given, DROID]
    assert [r.font for r in fonts.runs("工程")] == [DROID]


def test_given_font_files_are_tried_in_order(tmp_path: Path) -> None:
    first = cjk_font(tmp_path, "first.ttf", "程")
    second = cjk_font(tmp_path, "second.ttf", "工程")
    with fonts.using([first, second]) as chain:
        assert chain == (fonts.FontFile(str(first)), fonts.FontFile(str(second)))
        assert [r.font.path for r in fonts.runs("工程")] == [str(second), str(first)]


def test_without_any_font_for_a_character_it_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    ran = fake_fontconfig(monkeypatch, {})
    assert fonts.missing_glyphs("Lead 工程 工") == ["工", "程"]
    assert fonts.runs("工") == (fonts.Run(0, 1, fonts.default_font()),)
    assert ran == [
        "fc-list :charset=5de5 -f %{file}\t%{index}\n",
        "fc-match -s sans-serif -f %{file}\t%{index}\n",
        "fc-list :charset=7a0b -f %{file}\t%{index}\n",
    ]


def test_fontconfig_choice_follows_its_preference_then_the_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = cjk_font(tmp_path, "a.ttf"), cjk_font(tmp_path, "b.ttf")
    listed = f"{a}\t0\n{b}\t0\n/nowhere/c.pcf\t0\n"
    fake_fontconfig(monkeypatch, {"fc-list": listed, "fc-match": f"{b}\t0\n"})
    assert fonts.fontconfig_font("工") == fonts.FontFile(str(b))
    fake_fontconfig(monkeypatch, {"fc-list": listed, "fc-match": ""})
    assert fonts.fontconfig_font("工") == fonts.FontFile(str(a))


def test_a_file_that_is_not_a_font_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "notes.ttf"
    bad.write_text("not a font", encoding="utf-8")
    with pytest.raises(fonts.FontError, match=r"notes\.ttf: not a font file"):
        fonts.check_font(bad)
    with pytest.raises(fonts.FontError, match=r"missing\.ttf: no such font file"):
        fonts.check_font(tmp_path / "missing.ttf")


def test_a_font_file_saved_again_is_read_afresh_after_forgetting(tmp_path: Path) -> None:
    path = cjk_font(tmp_path, chars="工")
    given = fonts.FontFile(str(path))
    assert fonts.has_glyph(given, "工") and not fonts.has_glyph(given, "程")
    cjk_font(tmp_path, chars="程")  # the same file, saved with other glyphs
    assert fonts.has_glyph(given, "工")  # still the face read before
    fonts.forget_font_files()
    assert fonts.has_glyph(given, "程") and not fonts.has_glyph(given, "工")
