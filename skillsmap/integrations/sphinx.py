"""The Sphinx extension: a ``skillsmap`` directive drawing a map from a spec file or inline YAML.

HTML builders get the map as inline SVG (its role, level and move groups stay in the page, and
``:alt:`` becomes its aria label); the LaTeX builder gets a PDF; other builders skip the map
with an info message. Each SVG is cached in ``<outdir>/_images/skillsmap-<key>.svg`` (each PDF
in ``<outdir>/skillsmap-<key>.pdf``), the key covering the spec's bytes, every option and
skillsmap's version, so a document read again reuses an unchanged map, and a cached map no
document draws any more is deleted when the build ends. A spec file is a dependency of its
document: editing it re-reads the document. A bad spec is a warning located
at the spec's line (type ``skillsmap``, subtype ``spec``), never a failed build. A map without
``:id-prefix:`` keeps its ids if it is the document's first such map; the N-th gets ``mapN-``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxTranslator

from skillsmap import __version__
from skillsmap.diagnostics import Diagnostic, SpecError
from skillsmap.integrations import cache_key, draw, located, page_prefix

logger = logging.getLogger(__name__)

IMAGES = "_images"
ENV_VERSION = 1  # what the extension keeps in the environment (the maps' keys per document)
DRAWN_KEY = re.compile(r"[0-9a-f]{16}")  # the name of a drawing this extension caches
SVG_OPTIONS = ("theme", "id-prefix", "alt")


class skillsmap_map(nodes.General, nodes.Element):
    """A map to draw: the spec's text, where it came from, and the drawing options."""


class SkillsmapDirective(SphinxDirective):
    """``.. skillsmap:: path/to/map.yaml`` (relative to the document, or ``/`` for the source
    folder), or the spec's YAML as the directive's content."""

    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec: ClassVar[dict[str, Any]] = {
        "theme": directives.unchanged,
        "alt": directives.unchanged,
        "align": lambda arg: directives.choice(arg, ("left", "center", "right")),
        "caption": directives.unchanged,
        "name": directives.unchanged,
        "class": directives.class_option,
        "width": directives.length_or_percentage_or_unitless,
        "id-prefix": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        found = self._spec()
        if found is None:
            return []
        data, label, first_line = found
        if not self._valid(data, label, first_line):
            return []
        options = {name: self.options.get(name) for name in SVG_OPTIONS}
        if options["id-prefix"] is None:
            options["id-prefix"] = page_prefix(self.env.new_serialno("skillsmap") + 1)
        node = skillsmap_map(
            spec=data.decode("utf-8"),
            label=label,
            first_line=first_line,
            key=cache_key(data, options),
            align=self.options.get("align"),
            width=self.options.get("width"),
            **{k: v or "" for k, v in options.items()},
        )
        node["classes"] += self.options.get("class", [])
        _keys(self.env).setdefault(self.env.docname, set()).add(node["key"])
        self.set_source_info(node)
        return [self._wrap(node)]

    def _spec(self) -> tuple[bytes, str, int] | None:
        """The spec's bytes, the name its diagnostics carry ("" for inline YAML) and its first
        line there."""
        if self.arguments and self.content:
            raise self.error("skillsmap: give a spec file or inline YAML, not both")
        if self.content:
            return "\n".join(self.content).encode("utf-8"), "", self.content_offset + 1
        if not self.arguments:
            raise self.error("skillsmap: give a spec file or inline YAML")
        rel, absolute = self.env.relfn2path(self.arguments[0], self.env.docname)
        self.env.note_dependency(rel)
        try:
            return Path(absolute).read_bytes(), absolute, 1
        except OSError as exc:
            logger.warning(
                "skillsmap: cannot read %s: %s",
                absolute,
                exc.strerror,
                location=self.get_location(),
                type="skillsmap",
                subtype="spec",
            )
            return None

    def _valid(self, data: bytes, label: str, first_line: int) -> bool:
        """Whether the spec loads, its errors reported (drawing waits for the writer)."""
        from skillsmap.spec import loads

        try:
            loads(data, label or self.env.docname)
        except SpecError as exc:
            for d in exc.diagnostics:
                where = (self.env.docname, located(d, first_line)[0])
                logger.warning(
                    "%s: %s",
                    d.severity,
                    d.message,
                    location=_place(d, label, first_line) or where,
                    type="skillsmap",
                    subtype="spec",
                )
            return False
        return True

    def _wrap(self, node: skillsmap_map) -> nodes.Element:
        """The map alone, or in a figure carrying the caption; ``:name:`` names the outer one."""
        caption = self.options.get("caption")
        if not caption:
            self.add_name(node)
            return node
        figure = nodes.figure("", node, nodes.caption(caption, caption))
        if self.options.get("align"):
            figure["align"] = self.options["align"]
        self.set_source_info(figure)
        self.add_name(figure)
        return figure


def _place(d: Diagnostic, label: str, first_line: int) -> str | None:
    """``SPEC:LINE:COL`` for a spec file's diagnostic; None for inline YAML (Sphinx then shows
    the document and line)."""
    line, col = located(d, first_line)
    return f"{label}:{line}:{col}" if label else None


def _svg(translator: SphinxTranslator, node: skillsmap_map) -> str:
    """The SVG of ``node`` from the image cache, drawn (its warnings logged) when missing."""
    from skillsmap.files import make_folder, write_atomic
    from skillsmap.pipeline import BuildError

    path = Path(translator.builder.outdir) / IMAGES / f"skillsmap-{node['key']}.svg"
    if path.exists():
        return path.read_text("utf-8")
    label, first_line = node["label"], node["first_line"]
    try:
        drawn = draw(
            node["spec"].encode("utf-8"),
            label or node.source or "<inline>",
            theme=node["theme"] or None,
            id_prefix=node["id-prefix"],
            alt=node["alt"],
        )
    except (BuildError, ValueError) as exc:
        logger.warning("skillsmap: %s", exc, location=node, type="skillsmap", subtype="spec")
        return ""
    for d in drawn.warnings:
        where = _place(d, label, first_line) or f"{node.source}:{located(d, first_line)[0]}"
        logger.warning(
            "%s: %s", d.severity, d.message, location=where, type="skillsmap", subtype="spec"
        )
    make_folder(path.parent)
    write_atomic(path, drawn.svg.encode("utf-8"))
    return drawn.svg


def visit_html(translator: Any, node: skillsmap_map) -> None:
    classes = ["skillsmap", *node["classes"]]
    if node["align"] and not isinstance(node.parent, nodes.figure):
        classes.append(f"align-{node['align']}")
    style = f' style="width: {node["width"]}"' if node["width"] else ""
    ids = "".join(f' id="{i}"' for i in node["ids"][:1])
    translator.body.append(f'<div class="{" ".join(classes)}"{ids}{style}>\n')
    translator.body.append(_svg(translator, node))
    translator.body.append("\n</div>\n")
    raise nodes.SkipNode


def visit_latex(translator: Any, node: skillsmap_map) -> None:
    from skillsmap.files import write_atomic
    from skillsmap.pipeline import BuildError, build, encode
    from skillsmap.spec import loads

    name = f"skillsmap-{node['key']}.pdf"
    path = Path(translator.builder.outdir) / name
    if not path.exists():
        try:
            built = build(
                loads(node["spec"].encode("utf-8"), node["label"] or node.source or "<inline>"),
                theme=node["theme"] or None,
            )
        except BuildError as exc:
            logger.warning("skillsmap: %s", exc, location=node, type="skillsmap", subtype="spec")
            raise nodes.SkipNode from None
        write_atomic(path, encode(built, "pdf"))
    width = f"[width={node['width']}]" if node["width"] else "[width=\\linewidth]"
    translator.body.append(f"\n\\sphinxincludegraphics{width}{{{name}}}\n")
    raise nodes.SkipNode


def visit_other(translator: Any, node: skillsmap_map) -> None:
    logger.info(
        "skillsmap: the %s builder does not show maps; skipped",
        translator.builder.name,
        location=node,
    )
    raise nodes.SkipNode


def _keys(env: Any) -> dict[str, set[str]]:
    """The keys of the maps each document draws, kept in the build environment."""
    if not hasattr(env, "skillsmap_keys"):
        env.skillsmap_keys = {}
    keys: dict[str, set[str]] = env.skillsmap_keys
    return keys


def purge_doc(app: Sphinx, env: Any, docname: str) -> None:
    _keys(env).pop(docname, None)


def merge_info(app: Sphinx, env: Any, docnames: set[str], other: Any) -> None:
    """A parallel reader's keys joined to the main environment's."""
    theirs = _keys(other)
    for docname in docnames:
        if docname in theirs:
            _keys(env)[docname] = theirs[docname]


def remove_stale(app: Sphinx, exception: BaseException | None) -> None:
    """After a good build, delete the cached maps no document draws any more (a spec edited
    or a document removed), so they do not pile up in the output."""
    if exception is not None:
        return
    used = set().union(*_keys(app.env).values())
    out = Path(app.builder.outdir)
    for cached in [*(out / IMAGES).glob("skillsmap-*.svg"), *out.glob("skillsmap-*.pdf")]:
        # only names this extension writes: a user's own skillsmap-logo.svg stays
        key = cached.stem.removeprefix("skillsmap-")
        if DRAWN_KEY.fullmatch(key) and key not in used:
            cached.unlink(missing_ok=True)


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directive and how each kind of builder shows a map."""
    skip = (visit_other, None)
    app.add_node(
        skillsmap_map,
        html=(visit_html, None),
        latex=(visit_latex, None),
        text=skip,
        man=skip,
        texinfo=skip,
    )
    app.add_directive("skillsmap", SkillsmapDirective)
    app.connect("env-purge-doc", purge_doc)
    app.connect("env-merge-info", merge_info)
    app.connect("build-finished", remove_stale)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }


__all__ = ["SkillsmapDirective", "setup", "skillsmap_map"]
