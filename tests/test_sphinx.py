"""The Sphinx extension, through real builds of a small project in ``tmp_path``.

HTML holds the map inline (its role groups), a spec edit redraws it while a build with nothing
changed draws nothing, a bad spec is one warning at its file:line:col and the build goes on,
LaTeX gets a PDF and the text builder skips the map.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("sphinx")
from integrations.specs import BAD, BAD_MESSAGE, GOOD

from skillsmap.integrations.sphinx import DRAWN_KEY

PAGE = """\
Maps
====

.. skillsmap:: maps/team.yaml
   :alt: Our team
   :caption: The team map
   :name: team-map
   :class: wide

See :ref:`team-map`.
"""


def project(root: Path, page: str = PAGE, spec: str = GOOD) -> Path:
    src = root / "src"
    (src / "maps").mkdir(parents=True)
    (src / "conf.py").write_text('extensions = ["skillsmap.sphinx"]\n', "utf-8")
    (src / "index.rst").write_text(page, "utf-8")
    (src / "maps" / "team.yaml").write_text(spec, "utf-8")
    return src


def sphinx_build(src: Path, builder: str = "html", *extra: str) -> tuple[Path, str, str]:
    """Run ``sphinx-build -b builder`` (with ``extra`` options) on ``src``; the output folder,
    the status and the warnings."""
    out = src.parent / "out" / builder
    doctrees = src.parent / "doctrees" / builder
    command = [sys.executable, "-m", "sphinx", "--no-color", "-b", builder, "-d", doctrees]
    done = subprocess.run(
        [*command, *extra, src, out],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return out, done.stdout, done.stderr


def drawn(out: Path) -> dict[str, int]:
    """The cached SVGs of a build: name -> modification time (ns)."""
    found = (out / "_images").glob("skillsmap-*.svg")
    return {p.name: p.stat().st_mtime_ns for p in found if DRAWN_KEY.fullmatch(p.stem[10:])}


def test_html_embeds_the_map_inline_in_a_figure(tmp_path: Path) -> None:
    out, _, warnings = sphinx_build(project(tmp_path))
    page = (out / "index.html").read_text("utf-8")
    assert warnings == ""
    assert 'id="role-dev"' in page
    assert 'id="role-lead"' in page
    assert 'id="move-dev--lead"' in page
    assert 'aria-label="Our team"' in page
    assert '<figure class="align-default" id="team-map">' in page
    assert '<div class="skillsmap wide">' in page
    assert "The team map" in page
    assert '<a class="reference internal" href="#team-map">' in page
    assert len(drawn(out)) == 1


def test_maps_after_the_first_on_a_page_get_their_own_ids(tmp_path: Path) -> None:
    more = ".. skillsmap:: maps/team.yaml\n\n.. skillsmap:: maps/team.yaml\n   :id-prefix: b-\n"
    page = f"{PAGE}\n{more}"
    out, _, warnings = sphinx_build(project(tmp_path, page))
    html = (out / "index.html").read_text("utf-8")
    assert warnings == ""
    ids = ("role-dev", "map2-role-dev", "b-role-dev")
    assert [html.count(f'id="{i}"') for i in ids] == [1, 1, 1]
    assert len(drawn(out)) == 3


def test_an_edited_spec_is_redrawn_and_an_unchanged_one_is_not(tmp_path: Path) -> None:
    src = project(tmp_path, PAGE + "\n.. image:: skillsmap-logo.svg\n")
    (src / "skillsmap-logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>', "utf-8"
    )
    out, _, _ = sphinx_build(src)
    first = drawn(out)
    again, status, _ = sphinx_build(src)
    assert drawn(again) == first
    assert "0 added, 0 changed, 0 removed" in status
    spec = src / "maps" / "team.yaml"
    spec.write_text(GOOD.replace("title: Lead", "title: Team lead"), "utf-8")
    later = spec.stat().st_mtime + 10  # past the first build, whatever the clock's resolution
    os.utime(spec, (later, later))
    edited, status, _ = sphinx_build(src)
    assert "1 changed" in status
    assert (edited / "_images" / "skillsmap-logo.svg").exists()  # the page's own image stays
    assert len(drawn(edited)) == 1  # the old drawing is gone from the output
    assert drawn(edited).keys().isdisjoint(first.keys())
    assert ">Team lead<" in (edited / "index.html").read_text("utf-8")


def test_a_removed_document_takes_its_map_out_of_a_parallel_build(tmp_path: Path) -> None:
    # more than five documents, so Sphinx reads them in parallel and merges what each noted
    names = [f"other{i}" for i in range(6)]
    src = project(tmp_path, PAGE + "\n.. toctree::\n\n" + "".join(f"   {n}\n" for n in names))
    for n in names:
        spec = GOOD.replace("title: Lead", f"title: Lead {n}")
        inline = "\n".join(f"   {line}" for line in spec.splitlines())
        (src / f"{n}.rst").write_text(f"{n}\n=======\n\n.. skillsmap::\n\n{inline}\n", "utf-8")
    out, _, warnings = sphinx_build(src, "html", "-j", "2")
    assert warnings == ""
    every = drawn(out)
    assert len(every) == 7  # each worker's maps were merged in, so none was taken for stale
    (src / "other5.rst").unlink()
    (src / "index.rst").write_text(
        PAGE + "\n.. toctree::\n\n" + "".join(f"   {n}\n" for n in names[:5])
    )
    again, _, _ = sphinx_build(src, "html", "-j", "2")
    left = drawn(again)
    assert len(left) == 6 and left.keys() < every.keys()


def test_a_bad_spec_is_a_located_warning_and_the_build_goes_on(tmp_path: Path) -> None:
    inline = "\n".join(f"   {line}" for line in BAD.splitlines())
    top = PAGE.replace("See :ref:`team-map`.\n", "")
    page = f"{top}\n.. skillsmap::\n\n{inline}\n\nAfter the maps.\n"
    src = project(tmp_path, page, BAD)
    out, _, warnings = sphinx_build(src)
    spec = src / "maps" / "team.yaml"
    inline_line = top.count("\n") + 4 + 6  # a blank line, the directive, another, BAD's line 7
    assert warnings.splitlines() == [
        f"{spec}:7:40: WARNING: error: {BAD_MESSAGE} [skillsmap.spec]",
        f"{src / 'index.rst'}:{inline_line}: WARNING: error: {BAD_MESSAGE} [skillsmap.spec]",
    ]
    assert "After the maps." in (out / "index.html").read_text("utf-8")
    assert drawn(out) == {}


def test_latex_gets_a_pdf_and_text_skips_the_map(tmp_path: Path) -> None:
    src = project(tmp_path, ".. skillsmap:: maps/team.yaml\n   :width: 50%\n")
    latex, _, _ = sphinx_build(src, "latex")
    pdfs = sorted(latex.glob("skillsmap-*.pdf"))
    assert len(pdfs) == 1
    assert pdfs[0].read_bytes().startswith(b"%PDF")
    tex = next(latex.glob("*.tex")).read_text("utf-8")
    assert f"\\sphinxincludegraphics[width=50%]{{{pdfs[0].name}}}" in tex
    text, status, warnings = sphinx_build(src, "text")
    assert warnings == ""
    assert "skillsmap: the text builder does not show maps; skipped" in status
    assert (text / "index.txt").read_text("utf-8") == ""
