"""The MkDocs plugin (``plugins: [skillsmap]``) and a ``pymdownx.superfences`` fence format.

In each page's Markdown, a fenced block whose info string is ``skillsmap`` (inline YAML) and
an image reference to a spec file, ``![alt](maps/ladder.yaml)`` (relative to the page, or to
the docs folder with a leading ``/``), become the map as inline SVG; the image's alt text is
its aria label. A bad spec is a warning in the build log at ``PAGE:LINE:COL`` or
``SPEC:LINE:COL`` (so ``mkdocs build --strict`` fails) and the block is left as it was.
Drawings are kept in memory by :func:`~skillsmap.integrations.cache_key`, so ``mkdocs serve``
redraws only the maps that changed. The first map on a page keeps its ids (``role-dev``); the
n-th has them prefixed ``mapN-``, so ids stay unique on the page.
"""

from __future__ import annotations

import html
import logging
import re
from pathlib import Path
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from skillsmap.diagnostics import SpecError
from skillsmap.integrations import cache_key, draw, located, page_prefix

log = logging.getLogger("mkdocs.plugins.skillsmap")

# A fenced code block (any language), or an inline code span, or an image whose target ends
# in .yaml/.yml: code is matched first so that a reference shown as code stays code.
BLOCKS = re.compile(
    r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^\n]*)\n"
    r"(?P<body>.*?)\n?^(?P=indent)(?P=fence)[ \t]*$"
    r"|(?P<code>`+)[^`]+?(?P=code)"
    r'|!\[(?P<alt>[^\]\n]*)\]\((?P<src>[^)\s]+\.ya?ml)(?:[ \t]+"[^"\n]*")?\)',
    re.MULTILINE | re.DOTALL,
)
PLACEHOLDER = "<!--skillsmap-{}-->"


class _PageCount:
    """The maps drawn so far on one page: the first keeps the map's own ids, the n-th has them
    prefixed ``mapN-``, so two maps on a page (or one map twice) never share an id, and each
    map's ``aria-labelledby`` names its own title."""

    def __init__(self, start: int = 0) -> None:
        self.start = self.count = start

    def reset(self) -> None:
        self.count = self.start

    def next_prefix(self) -> str:
        self.count += 1
        return page_prefix(self.count)


# The maps the plugin drew on the page being built (MkDocs builds pages one by one).
PLUGIN_PAGE = _PageCount()


class SkillsmapConfig(Config):  # type: ignore[no-untyped-call]
    """``theme``: the theme of every map (default: each spec's own, else light)."""

    theme = config_options.Optional(config_options.Type(str))


class SkillsmapPlugin(BasePlugin[SkillsmapConfig]):  # type: ignore[no-untyped-call]
    """Turns ``skillsmap`` fences and spec image references into inline SVG maps."""

    def __init__(self) -> None:
        self.drawings: dict[str, str] = {}
        self.pending: list[tuple[str, str]] = []
        self.maps = PLUGIN_PAGE

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        self.pending = []
        self.maps.reset()
        offset = _line_offset(page, markdown)
        page_path = page.file.src_uri

        def replace(m: re.Match[str]) -> str:
            first = offset + markdown.count("\n", 0, m.start()) + 1
            if m["fence"]:
                if m["info"].strip() != "skillsmap":
                    return m[0]
                svg = self._draw(m["body"].encode("utf-8"), page_path, first + 1, "")
                return m[0] if svg is None else m["indent"] + self._hold(svg, "div")
            if m["code"]:
                return m[0]
            spec = _spec_path(m["src"], page, config)
            try:
                data = spec.read_bytes()
            except OSError as exc:
                log.warning("%s:%d: cannot read %s: %s", page_path, first, m["src"], exc.strerror)
                return m[0]
            svg = self._draw(data, m["src"], 1, m["alt"])
            return m[0] if svg is None else self._hold(svg, "span")

        return BLOCKS.sub(replace, markdown)

    def on_page_content(
        self, html_text: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        for i, (svg, tag) in enumerate(self.pending):
            mark = PLACEHOLDER.format(i)
            block = f'<div class="skillsmap">{svg}</div>'
            alone = re.compile(rf"^[ \t]*(?:<p>)?{re.escape(mark)}(?:</p>)?[ \t]*$", re.MULTILINE)
            html_text = alone.sub(block.replace("\\", r"\\"), html_text)
            html_text = html_text.replace(mark, f'<{tag} class="skillsmap">{svg}</{tag}>')
        self.pending = []
        self.maps.reset()
        return html_text

    def _hold(self, svg: str, tag: str) -> str:
        """A placeholder that survives Markdown; :meth:`on_page_content` puts ``svg`` there."""
        self.pending.append((svg, tag))
        return PLACEHOLDER.format(len(self.pending) - 1)

    def _draw(self, data: bytes, label: str, first_line: int, alt: str) -> str | None:
        prefix = self.maps.next_prefix()
        options = {"theme": self.config.theme, "alt": alt, "label": label, "id_prefix": prefix}
        key = cache_key(data, options)
        if key not in self.drawings:
            svg = draw_logged(
                data, label, first_line, theme=self.config.theme, alt=alt, id_prefix=prefix
            )
            if svg is None:
                return None
            self.drawings[key] = svg
        return self.drawings[key]


def _fence_count(md: Any) -> _PageCount:
    """The page's map count kept on its Markdown converter, reset with it (``md.reset()``
    resets every registered extension that has a ``reset``); it goes on from the maps the
    plugin drew on the page, so fences of both kinds never share a prefix."""
    counter = getattr(md, "skillsmap_maps", None)
    if not isinstance(counter, _PageCount):
        counter = _PageCount(PLUGIN_PAGE.count)
        md.skillsmap_maps = counter
        md.registeredExtensions.append(counter)
    return counter


def draw_logged(
    data: bytes,
    label: str,
    first_line: int,
    *,
    theme: str | None = None,
    alt: str = "",
    id_prefix: str = "",
) -> str | None:
    """The inline SVG of a spec, its problems logged at ``label:LINE:COL``; None if invalid."""
    from skillsmap.pipeline import BuildError

    try:
        drawn = draw(data, label, theme=theme, alt=alt, id_prefix=id_prefix)
    except SpecError as exc:
        for d in exc.diagnostics:
            line, col = located(d, first_line)
            log.warning("%s:%d:%d: %s: %s", label, line, col, d.severity, d.message)
        return None
    except (BuildError, ValueError) as exc:
        log.warning("%s:%d: %s", label, first_line, exc)
        return None
    for d in drawn.warnings:
        line, col = located(d, first_line)
        log.warning("%s:%d:%d: %s: %s", label, line, col, d.severity, d.message)
    return drawn.svg


def _spec_path(src: str, page: Page, config: MkDocsConfig) -> Path:
    """A spec reference resolved like an image: from the page's folder, or the docs folder."""
    if src.startswith("/"):
        return Path(config.docs_dir) / src.lstrip("/")
    return Path(page.file.abs_src_path or config.docs_dir).parent / src


def _line_offset(page: Page, markdown: str) -> int:
    """How many lines of the page's file come before ``markdown`` (its front matter)."""
    try:
        source = Path(page.file.abs_src_path or "").read_text("utf-8-sig")
    except OSError:
        return 0
    start = source.find(markdown.lstrip()[:200]) if markdown.strip() else -1
    return source.count("\n", 0, start) if start > 0 else 0


def fence_format(
    source: str, language: str, css_class: str, options: dict[str, Any], md: Any, **kwargs: Any
) -> str:
    """A ``pymdownx.superfences`` custom fence format: the fence's YAML as an inline SVG map.

    ``theme`` and ``alt`` may be given as fence attributes (``{.skillsmap theme="dark"}``). An
    invalid spec is logged with its line inside the fence and shown as a code block. Maps after
    the first on a page have their ids prefixed (``map2-``, ``map3-`` …).
    """
    attrs = {**kwargs.get("attrs", {}), **options}
    svg = draw_logged(
        source.encode("utf-8"),
        "skillsmap fence",
        1,
        theme=attrs.get("theme"),
        alt=attrs.get("alt", ""),
        id_prefix=_fence_count(md).next_prefix(),
    )
    if svg is None:
        return f'<pre class="skillsmap-error"><code>{html.escape(source)}</code></pre>'
    return f'<div class="{css_class or "skillsmap"}">{svg}</div>'


__all__ = ["SkillsmapConfig", "SkillsmapPlugin", "draw_logged", "fence_format"]
