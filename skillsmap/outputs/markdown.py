"""Markdown output (``-f md``): a text alternative that says what the picture says.

For screen readers, code review and search: the title and subtitle, how the axes read, the
roles level by level from the bottom of the map to the top (a table per level, rows by
track), every move with its kind and label, then the note. User text is escaped so that it
reads as written in any CommonMark or GitHub-flavoured renderer; it has no geometry, so it
is the same for every theme and size. UTF-8 with a trailing newline.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from skillsmap.outputs import Options, Output, register

if TYPE_CHECKING:
    from skillsmap.model import Role, SkillsMap
    from skillsmap.pipeline import Built

# Characters with an inline meaning (emphasis, code, links, HTML, entities, table cells,
# strikethrough) are escaped wherever they stand.
_INLINE = re.compile(r"([\\`*_\[\]<>|&~])")
# At the start of a line these open a block (heading, list, quote, setext underline).
_BLOCK_START = re.compile(r"^([#+=-])|^(\d+)([.)])")
# Characters that would end a line or be dropped: drawn maps show them as spaces or not at all.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"\s+")


def escape(text: str) -> str:
    """``text`` as Markdown that renders as exactly that text, on one line."""
    flat = _SPACES.sub(" ", _CONTROL.sub("", text)).strip()
    out = _INLINE.sub(r"\\\1", flat)
    out = _BLOCK_START.sub(lambda g: f"\\{g[1]}" if g[1] else f"{g[2]}\\{g[3]}", out)
    if out.endswith("#"):  # a heading's closing sequence would swallow it
        out = out[:-1] + "\\#"
    return out


def _link(title: str, url: str | None) -> str:
    if url is None:
        return title
    target = re.sub(r"([\\<>|])", r"\\\1", url)
    return f"[{title}](<{target}>)"


def _row(m: SkillsMap, role: Role) -> str:
    from skillsmap.words import md_aliases

    aliases = {escape(k): escape(v) for k, v in role.aliases.items()}
    cells = [
        _link(escape(role.title), role.url),
        escape(m.tracks[role.track].label),
        md_aliases(aliases),
        escape(role.description or ""),
    ]
    return "| " + " | ".join(cells) + " |"


def _table(m: SkillsMap, roles: list[Role]) -> Iterator[str]:
    from skillsmap.words import MD_COLUMNS

    order = list(m.tracks)
    yield "| " + " | ".join(MD_COLUMNS) + " |"
    yield "|" + " --- |" * len(MD_COLUMNS)
    for role in sorted(roles, key=lambda r: order.index(r.track)):  # stable: spec order kept
        yield _row(m, role)


def _level_order(built: Built) -> list[str]:
    """Level ids from the bottom of the map to the top (lowest box first, then spec order)."""
    boxes = {lv.id: lv.box for lv in built.layout.plan.levels}
    ids = [lv.id for lv in built.model.levels]
    return sorted(ids, key=lambda i: -(boxes[i].y + boxes[i].height))


def _roles(built: Built) -> Iterator[str]:
    from skillsmap import words

    m = built.model
    yield f"## {words.MD_ROLES}"
    sections = [(lv, [r for r in m.roles if r.level == lv]) for lv in _level_order(built)]
    loose = [r for r in m.roles if r.level is None]
    if m.levels:
        yield ""
        yield words.MD_LEVEL_ORDER
    texts = {lv.id: lv.text for lv in m.levels}
    named = [(escape(texts[lv]), roles) for lv, roles in sections if roles]
    for heading, roles in [*named, *([(words.MD_NO_LEVEL, loose)] if loose else [])]:
        yield ""
        yield f"### {heading}"
        yield ""
        yield from _table(m, roles)


def _moves(m: SkillsMap) -> Iterator[str]:
    from skillsmap import words

    if not m.moves:
        return
    yield ""
    yield f"## {words.MD_MOVES}"
    yield ""
    for mv in m.moves:
        src, dst = escape(m.role(mv.from_).title), escape(m.role(mv.to).title)
        label = escape(mv.label) if mv.label else None
        yield "- " + words.md_move(src, dst, mv.kind, label)


def lines(built: Built) -> Iterator[str]:
    """The document's lines, without line ends."""
    from skillsmap import words

    m = built.model
    yield f"# {escape(m.title)}"
    yield ""
    if m.subtitle:
        yield escape(m.subtitle)
        yield ""
    yield words.md_axes(escape(m.axes.soft.label), escape(m.axes.hard.label))
    yield ""
    yield from _roles(built)
    yield from _moves(m)
    if m.note:
        yield ""
        yield f"## {words.MD_NOTE}"
        yield ""
        yield escape(m.note)


def encode_markdown(built: Built, options: Options) -> bytes:
    """``built`` as a Markdown document, UTF-8, ending in a newline."""
    return ("\n".join(lines(built)) + "\n").encode("utf-8")


MARKDOWN = register(
    Output("md", "md", "built", encode_markdown, "text alternative for readers and search")
)

__all__ = ["MARKDOWN", "encode_markdown", "escape", "lines"]
