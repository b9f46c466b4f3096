"""Read a YAML document into plain Python values while remembering where each one was written.

PyYAML's own composer recurses (so deep nesting crashes it), expands aliases blindly (so an alias
bomb exhausts memory) and silently keeps the last of two duplicate keys. This module builds the
document from libyaml's event stream instead, with an explicit stack: nesting depth, expanded
size and duplicate keys are all checked as events arrive, and every value keeps its mark. The
limits are skillsmap's own whatever libyaml's are: a document libyaml refuses for its nesting
is read again by PyYAML's pure-Python parser, which yields the same events and marks.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any, NamedTuple

import yaml

from skillsmap.diagnostics import Diagnostic, Mark, SpecError, loc_text

MAX_BYTES = 4 * 1024 * 1024
MAX_DEPTH = 64
MAX_NODES = 200_000

Loc = tuple[str | int, ...]

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_IMPLICIT_FIRST = frozenset(k for k in yaml.resolver.Resolver.yaml_implicit_resolvers if k)
_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_MERGE = "tag:yaml.org,2002:merge"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_COLLECTION_TAGS = (None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")
_LIBYAML_DEPTH = "exceeded maximum nesting depth"  # libyaml 0.2.6 on: its own depth limit

Pos = tuple[int, int]  # 1-based (line, column), made into a Mark only when asked for


class Document(NamedTuple):
    """A parsed spec: plain values, the marks of every value and key by path, and the text.

    ``raw`` keeps how unquoted scalars that YAML read as numbers, booleans or null were written
    (``no``, ``1e3``, ``~``), so messages can explain YAML's reading of them.
    """

    data: Any
    marks: dict[Loc, Pos]
    key_marks: dict[Loc, Pos]
    raw: dict[Loc, str]
    text: str = ""

    def mark(self, loc: Loc) -> Mark:
        """The mark of ``loc``, or of its nearest ancestor that exists."""
        marks = self.marks
        while loc not in marks and loc:
            loc = loc[:-1]
        pos = marks.get(loc)
        return Mark(*pos) if pos else Mark(1, 1)

    def key_mark(self, loc: Loc) -> Mark:
        """Where the key naming ``loc`` is written (falls back to the value)."""
        pos = self.key_marks.get(loc)
        return Mark(*pos) if pos else self.mark(loc)

    def line(self, number: int) -> str:
        """The text of 1-based line ``number`` ("" past the end)."""
        lines = _lines_of(self.text)
        return lines[number - 1] if 0 < number <= len(lines) else ""


@functools.lru_cache(maxsize=4)
def _lines_of(text: str) -> list[str]:
    """``text`` split into lines, once per text: messages may ask for many lines."""
    return text.splitlines()


class _Fatal(Exception):
    def __init__(self, mark: Mark, message: str) -> None:
        super().__init__(message)
        self.mark = mark
        self.message = message


def _mark(m: Any) -> Mark:
    return Mark(m.line + 1, m.column + 1)


def decode(path: str, data: bytes) -> str:
    """UTF-8 text of ``data`` (a BOM is dropped); a located error for any other encoding."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        byte = data[exc.start]
        raise SpecError(
            [
                Diagnostic(
                    path,
                    Mark(line, col),
                    "error",
                    f"the file is not valid UTF-8 (byte 0x{byte:02x}); save it as UTF-8",
                )
            ]
        ) from None


_QUOTE_HINT = "; put the text in quotes"
_COMMENTED_COLOUR = re.compile(r"\s(#[0-9A-Fa-f]{3}(?:[0-9A-Fa-f]{3})?)\b")


def _syntax_hint(problem: str, line_text: str, column: int) -> str:
    """A hint for the YAML mistakes people make most, from libyaml's ``problem``."""
    if problem.startswith("mapping values are not allowed"):
        if ": " in line_text[:column] or line_text[:column].rstrip().endswith(":"):
            return "; put text that contains ': ' in quotes"
        return "; check the indentation of this line, and whether the line before lacks a ':'"
    if problem.startswith("found character that cannot start any token"):
        return _QUOTE_HINT
    if problem.startswith(("did not find expected key", "did not find expected '-' indicator")):
        if line_text[:column].strip() and line_text[:column].rstrip()[-1:] in "\"'":
            return "; nothing may follow a closing quote: put the whole text in quotes"
        return "; check the indentation of this line"
    return ""


def _syntax_message(exc: yaml.YAMLError, text: str) -> tuple[Mark, str]:
    if isinstance(exc, yaml.MarkedYAMLError) and exc.problem_mark is not None:
        mark = exc.problem_mark
        index = getattr(mark, "index", None)
        lines = text.splitlines()
        line_text = lines[mark.line] if mark.line < len(lines) else ""
        char = line_text[mark.column] if mark.column < len(line_text) else ""
        problem = exc.problem or "invalid YAML"
        if char == "\t" or (index is not None and index < len(text) and text[index] == "\t"):
            return _mark(mark), "YAML syntax error: a tab cannot indent YAML; use spaces"
        cm = exc.context_mark
        if cm is not None and exc.context:
            start = f"{cm.line + 1}:{cm.column + 1}"
            context_line = lines[cm.line] if cm.line < len(lines) else ""
            if exc.context.startswith("while scanning a quoted scalar") and "end of" in problem:
                return _mark(cm), (
                    "YAML syntax error: this quoted text is never closed; add the closing quote"
                )
            if exc.context.startswith("while scanning a simple key"):
                key = context_line[cm.column :].strip()
                if len(key) > 1024:
                    return _mark(cm), "YAML syntax error: a key is limited to 1024 characters"
                shown = key if len(key) <= 40 else key[:37] + "..."
                return _mark(cm), (
                    f"YAML syntax error: no ':' after '{shown}'; "
                    "each line of a mapping is 'key: value'"
                )
            colour = _COMMENTED_COLOUR.search(context_line, cm.column)
            if problem.startswith("did not find expected ','") and colour:
                return Mark(cm.line + 1, colour.start(1) + 1), (
                    f"YAML syntax error: {colour[1]} starts a comment here, so the "
                    f"{exc.context.removeprefix('while parsing a ')} that starts at {start} "
                    f'is never closed; write colours in quotes: "{colour[1]}"'
                )
            context = f" ({exc.context}"
            if (cm.line, cm.column) != (mark.line, mark.column):
                context += f" that starts at {start}"
            context += ")"
        else:
            context = f" ({exc.context})" if exc.context else ""
        hint = _syntax_hint(problem, line_text, mark.column)
        return _mark(mark), f"YAML syntax error: {problem}{context}{hint}"
    if isinstance(exc, yaml.reader.ReaderError):
        before = text[: exc.position]
        line = before.count("\n") + 1
        col = exc.position - (before.rfind("\n") + 1) + 1
        return Mark(line, col), (
            f"YAML syntax error: character U+{exc.character:04X} is not allowed in YAML"
            if isinstance(exc.character, int)
            else f"YAML syntax error: {exc.reason}"
        )
    return Mark(1, 1), f"YAML syntax error: {exc}"


def _tag_text(tag: str) -> str:
    """A tag as people write it: ``!!python/object`` rather than its expanded form."""
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag[len(prefix) :] if tag.startswith(prefix) else tag


def _unsupported_tag(pos: Pos, tag: str) -> _Fatal:
    return _Fatal(
        Mark(*pos),
        f"unsupported YAML tag '{_tag_text(tag)}'; remove it (a spec holds only text, "
        "numbers, true/false, lists and mappings)",
    )


class _Frame:
    """An open mapping or sequence: where it lives and what it has collected so far."""

    __slots__ = ("anchor", "is_map", "key", "key_pos", "loc", "merges", "start", "value")

    def __init__(self, loc: Loc, value: Any, anchor: str | None, start: int) -> None:
        self.loc = loc
        self.value = value
        self.is_map = isinstance(value, dict)
        self.anchor = anchor
        self.start = start  # index in the registration order where this node begins
        self.key: str | None = None
        self.key_pos: Pos = (1, 1)
        self.merges: list[tuple[Loc, Any, int, int]] = []


# anchor -> value, mark, path (None for a scalar key), start and end in the registration order
_Anchor = tuple[Any, Pos, Loc | None, int, int]


class _Composer:
    """One pass over the events: the open collections, the anchors and the marks by path.

    Anchored values are shared, not copied; an alias re-registers the marks of the anchored
    subtree under its own path. Values are counted with aliases expanded, so an alias bomb is
    refused before it is ever materialised.
    """

    __slots__ = (
        "anchors",
        "cache",
        "documents",
        "keep_order",
        "key_marks",
        "marks",
        "order",
        "path",
        "problems",
        "raw",
        "root",
        "stack",
        "total",
    )

    def __init__(self, path: str, text: str, problems: list[Diagnostic]) -> None:
        self.path = path
        self.problems = problems
        self.marks: dict[Loc, Pos] = {}
        self.key_marks: dict[Loc, Pos] = {}
        self.raw: dict[Loc, str] = {}
        # Every registered path in document order, kept only when aliases or merges may need it.
        self.keep_order = "&" in text or "<<" in text
        self.order: list[Loc] = []
        self.anchors: dict[str, _Anchor] = {}
        self.stack: list[_Frame] = []
        self.root: list[Any] = []
        self.cache: dict[str, tuple[str, Any]] = {}
        self.total = 0
        self.documents = 0

    def run(self, loader: yaml.SafeLoader, text: str) -> Document:
        """Read every event of ``loader``; problems are collected, never raised."""
        handlers: dict[type, Callable[[Any], None]] = {
            yaml.MappingStartEvent: self.start_collection,
            yaml.SequenceStartEvent: self.start_collection,
            yaml.MappingEndEvent: self.end,
            yaml.SequenceEndEvent: self.end,
            yaml.AliasEvent: self.alias,
            yaml.DocumentStartEvent: self.start_document,
        }
        get_event: Callable[[], Any] = loader.get_event
        get_handler = handlers.get
        scalar, scalar_event = self.scalar, yaml.ScalarEvent
        try:
            while (event := get_event()) is not None:
                if type(event) is scalar_event:  # most events: skip the lookup
                    scalar(event)
                elif (handler := get_handler(type(event))) is not None:
                    handler(event)
        except yaml.YAMLError as exc:
            mark, message = _syntax_message(exc, text)
            self.problems.append(Diagnostic(self.path, mark, "error", message))
        except _Fatal as exc:
            self.problems.append(Diagnostic(self.path, exc.mark, "error", exc.message))
        root = self.root
        return Document(root[0] if root else None, self.marks, self.key_marks, self.raw, text)

    # --- bookkeeping ------------------------------------------------------------------------

    def error(self, pos: Pos, message: str) -> None:
        self.problems.append(Diagnostic(self.path, Mark(*pos), "error", message))

    def count(self, values: int, pos: Pos) -> None:
        """Count ``values`` more values (aliases expanded); refuse past :data:`MAX_NODES`."""
        self.total += values
        if self.total > MAX_NODES:
            raise self.too_many(pos)

    @staticmethod
    def too_many(pos: Pos) -> _Fatal:
        return _Fatal(
            Mark(*pos),
            f"the document holds more than {MAX_NODES:,} values once aliases are "
            "expanded; refusing to read it",
        )

    def register(self, loc: Loc, pos: Pos) -> None:
        self.marks[loc] = pos
        if self.keep_order:
            self.order.append(loc)

    def rebase(self, start: int, end: int, old: Loc, new: Loc) -> None:
        """Register the marks of the subtree at ``old`` (order[start:end]) again under ``new``."""
        marks, key_marks, raw, order = self.marks, self.key_marks, self.raw, self.order
        cut = len(old)
        for loc in order[start:end]:
            if loc[:cut] != old:
                continue
            moved = new + loc[cut:]
            marks[moved] = marks[loc]
            if loc in key_marks and loc != old:
                key_marks[moved] = key_marks[loc]
            if loc in raw:
                raw[moved] = raw[loc]
            order.append(moved)

    # --- placing finished values ------------------------------------------------------------

    def put(self, frame: _Frame, value: Any, loc: Loc, start: int) -> None:
        """Store a finished value under the pending key of mapping ``frame``."""
        key = frame.key
        assert key is not None
        frame.key = None
        container = frame.value
        if key == "<<" and isinstance(value, dict | list):
            frame.merges.append((loc, value, start, len(self.order)))
        elif key in container:
            first = self.key_marks.get(loc, frame.key_pos)
            where = f"{loc_text(frame.loc)}: " if frame.loc else ""
            self.error(frame.key_pos, f"{where}duplicate key '{key}' (first at line {first[0]})")
        else:
            container[key] = value
            self.key_marks[loc] = frame.key_pos

    def add_item(self, frame: _Frame | None, value: Any, pos: Pos) -> tuple[Loc, int]:
        """Store a value at the root (``frame`` None) or in a sequence; its path, order start."""
        start = len(self.order)
        if frame is None:
            self.root.append(value)
            self.register((), pos)
            return (), 0
        loc = (*frame.loc, len(frame.value))
        frame.value.append(value)
        self.register(loc, pos)
        return loc, start

    def child_loc(self) -> Loc:
        """The path of a collection starting now (``"\\0key"`` marks one used as a key)."""
        if not self.stack:
            return ()
        parent = self.stack[-1]
        if not parent.is_map:
            return (*parent.loc, len(parent.value))
        return (*parent.loc, "\0key" if parent.key is None else parent.key)

    # --- one method per event kind ----------------------------------------------------------

    def scalar(self, event: Any) -> None:  # noqa: PLR0912 - the hot path, inlined (bench_load)
        """A key, or a value stored where it belongs. The hot path: common cases are inline."""
        sm = event.start_mark
        pos = (sm.line + 1, sm.column + 1)
        self.total += 1
        if self.total > MAX_NODES:
            raise self.too_many(pos)
        string: str = event.value
        plain: bool = event.implicit[0]
        tag = event.tag
        if tag is None and plain and (not string or string[0] in _IMPLICIT_FIRST):
            kind, value = self.cache.get(string) or self.resolve(string, pos)
        elif tag is None or tag in ("!", _STR):
            kind, value = _STR, string
        else:
            kind, value = _construct(string, tag, pos)
        anchor = event.anchor
        frame = self.stack[-1] if self.stack else None
        if frame is None or not frame.is_map:
            loc, start = self.add_item(frame, value, pos)
        elif (key := frame.key) is None:  # a key: keep it as written (``yes`` stays "yes")
            frame.key = string if plain or kind is _STR else str(value)
            frame.key_pos = pos
            if anchor is not None:
                self.anchors[anchor] = (value, pos, None, 0, 1)
            return
        else:
            loc = (*frame.loc, key)
            start = len(self.order)
            self.marks[loc] = pos
            if self.keep_order:
                self.order.append(loc)
            if key != "<<" and key not in frame.value:  # what put() does, inline
                frame.value[key] = value
                self.key_marks[loc] = frame.key_pos
                frame.key = None
            else:
                self.put(frame, value, loc, start)
        if plain and kind is not _STR:
            self.raw[loc] = string
        if anchor is not None:
            self.anchors[anchor] = (value, pos, loc, start, len(self.order))

    def resolve(self, string: str, pos: Pos) -> tuple[str, Any]:
        """The kind and value of a plain untagged scalar, resolved once per text."""
        hit = self.cache[string] = _construct(string, None, pos)
        return hit

    def start_collection(self, event: Any) -> None:
        """Open a mapping or a sequence, refusing it past :data:`MAX_DEPTH` levels."""
        sm = event.start_mark
        pos = (sm.line + 1, sm.column + 1)
        if len(self.stack) >= MAX_DEPTH:
            raise _Fatal(Mark(*pos), f"the document nests deeper than {MAX_DEPTH} levels")
        if event.tag not in _COLLECTION_TAGS:
            raise _unsupported_tag(pos, event.tag)
        self.total += 1
        if self.total > MAX_NODES:
            raise self.too_many(pos)
        loc = self.child_loc()
        start = len(self.order)
        self.register(loc, pos)
        value: dict[str, Any] | list[Any] = {} if type(event) is yaml.MappingStartEvent else []
        self.stack.append(_Frame(loc, value, event.anchor, start))

    def end(self, event: Any) -> None:
        frame = self.stack.pop()
        if frame.merges:
            _Merger(self, frame).apply()
        value, loc, pos = frame.value, frame.loc, self.marks[frame.loc]
        if frame.anchor is not None:
            self.anchors[frame.anchor] = (value, pos, loc, frame.start, len(self.order))
        if not self.stack:
            self.root.append(value)
            return
        parent = self.stack[-1]
        if not parent.is_map:
            parent.value.append(value)
        elif loc[-1] == "\0key":  # a mapping or list used as a key
            self.error(pos, "a key must be plain text")
            parent.key, parent.key_pos = "", pos
        else:
            self.put(parent, value, loc, frame.start)

    def alias(self, event: Any) -> None:
        sm = event.start_mark
        pos = (sm.line + 1, sm.column + 1)
        value, tpos, tloc, tstart, tend = self.anchored(event.anchor, pos)
        self.count(tend - tstart, pos)
        frame = self.stack[-1] if self.stack else None
        if frame is None:
            self.root.append(value)
            where: Loc = ()
        elif not frame.is_map:
            where = (*frame.loc, len(frame.value))
            frame.value.append(value)
        elif frame.key is None:
            self.alias_key(frame, value, tloc, pos)
            return
        else:
            where = (*frame.loc, frame.key)
        start = len(self.order)
        if tloc is None:
            self.register(where, tpos)
        else:
            self.rebase(tstart, tend, tloc, where)
        if frame is not None and frame.is_map:
            self.put(frame, value, where, start)

    def anchored(self, anchor: str, pos: Pos) -> _Anchor:
        """What ``*anchor`` refers to, or a located refusal."""
        target = self.anchors.get(anchor)
        if target is not None:
            return target
        if any(frame.anchor == anchor for frame in self.stack):
            raise _Fatal(Mark(*pos), f"alias '*{anchor}' is inside its own anchor")
        raise _Fatal(
            Mark(*pos),
            f"unknown alias '*{anchor}': no anchor '&{anchor}' is defined before it",
        )

    def alias_key(self, frame: _Frame, value: Any, tloc: Loc | None, pos: Pos) -> None:
        """An alias used as a key: the anchored scalar as it was written."""
        if isinstance(value, dict | list):
            self.error(pos, "a key must be plain text")
            value = ""
        elif tloc is not None and tloc in self.raw:
            value = self.raw[tloc]
        frame.key = value if isinstance(value, str) else str(value)
        frame.key_pos = pos

    def start_document(self, event: Any) -> None:
        self.documents += 1
        if self.documents > 1:
            raise _Fatal(
                _mark(event.start_mark),
                "a spec file holds one YAML document; remove the '---' and what follows, "
                "or split it into several files",
            )


class _Merger:
    """Applies the ``<<`` keys of a finished mapping: copies in the keys it does not set."""

    __slots__ = ("composer", "frame")

    def __init__(self, composer: _Composer, frame: _Frame) -> None:
        self.composer = composer
        self.frame = frame

    def apply(self) -> None:
        for loc, value, start, end in self.frame.merges:
            items = (
                [(loc, value)]
                if isinstance(value, dict)
                else [((*loc, i), item) for i, item in enumerate(value)]
            )
            taken: dict[Loc, set[str]] = {}
            for item_loc, item in items:
                self.copy_keys(item_loc, item, taken)
            if taken:
                self.copy_marks(taken, start, end)

    def copy_keys(self, item_loc: Loc, item: Any, taken: dict[Loc, set[str]]) -> None:
        """Copy the keys of mapping ``item`` the frame lacks; note them in ``taken``."""
        composer, frame = self.composer, self.frame
        marks, key_marks = composer.marks, composer.key_marks
        if not isinstance(item, dict):
            composer.error(marks[item_loc], "'<<' merges only mappings")
            return
        container = frame.value
        for key, child in item.items():
            if key not in container:
                container[key] = child
                target, source = (*frame.loc, key), (*item_loc, key)
                key_marks[target] = key_marks.get(source, marks[item_loc])
                taken.setdefault(item_loc, set()).add(key)

    def copy_marks(self, taken: dict[Loc, set[str]], start: int, end: int) -> None:
        """Register the marks under the copied keys (order[start:end]) under the frame too."""
        composer, frame_loc = self.composer, self.frame.loc
        marks, key_marks, raw, order = (
            composer.marks,
            composer.key_marks,
            composer.raw,
            composer.order,
        )
        cut = len(next(iter(taken)))
        for old in order[start:end]:
            keys = taken.get(old[:cut])
            if keys and len(old) > cut and old[cut] in keys:
                moved = frame_loc + old[cut:]
                marks[moved] = marks[old]
                if old in raw:
                    raw[moved] = raw[old]
                if len(old) > cut + 1 and old in key_marks:
                    key_marks[moved] = key_marks[old]
                order.append(moved)


def _compose(path: str, text: str, problems: list[Diagnostic]) -> Document:
    """Build the document from libyaml events in one pass, recording every mark by path.

    libyaml refuses nesting past its own depth (1,000 levels in recent releases) and, looking
    ahead for simple keys, can do so before the events that would reach :data:`MAX_DEPTH`
    are delivered. The pure-Python parser has no such limit and yields the same events and
    marks, so that one document is read again with it: the message stays skillsmap's own.
    """
    loader = _Loader(text)
    try:
        doc = _Composer(path, text, problems).run(loader, text)
    finally:
        loader.dispose()
    if _Loader is yaml.SafeLoader or not any(_LIBYAML_DEPTH in p.message for p in problems):
        return doc
    problems.clear()
    slow = yaml.SafeLoader(text)
    try:
        return _Composer(path, text, problems).run(slow, text)
    finally:
        slow.dispose()


def _construct(string: str, tag: str | None, pos: Pos) -> tuple[str, Any]:
    """The kind and value of a scalar; ``tag`` None means plain and untagged (resolve it)."""
    implicit = tag is None
    if tag is None:
        tag = _RESOLVER.resolve(  # type: ignore[no-untyped-call]
            yaml.ScalarNode, string, (True, False)
        )
    if tag in (_STR, _MERGE):
        return _STR, string
    if tag == _NULL:
        return _NULL, None
    node = yaml.ScalarNode(tag, string)
    if tag == _BOOL:
        return _BOOL, _CONSTRUCTOR.construct_yaml_bool(node)
    if tag == _INT:
        try:
            return _INT, _CONSTRUCTOR.construct_yaml_int(node)
        except ValueError:  # Python refuses to convert integers of over 4,300 digits
            raise _Fatal(Mark(*pos), f"a number of {len(string):,} digits is too long") from None
    if tag == _FLOAT:
        if ":" not in string and "_" not in string:
            try:  # the common case, decimal notation: much faster than the constructor
                return _FLOAT, float(string)
            except ValueError:
                pass
        return _FLOAT, _CONSTRUCTOR.construct_yaml_float(node)
    if tag == _TIMESTAMP and implicit:
        return _STR, string  # dates are text to us
    raise _unsupported_tag(pos, tag)


def parse(path: str, data: bytes) -> Document:
    """Parse a spec's bytes; raise :class:`SpecError` for anything that is not sound YAML."""
    if len(data) > MAX_BYTES:
        raise SpecError(
            [
                Diagnostic(
                    path,
                    Mark(1, 1),
                    "error",
                    f"the file is {len(data):,} bytes; specs are limited to {MAX_BYTES:,} bytes "
                    f"({MAX_BYTES // 2**20} MiB)",
                )
            ]
        )
    text = decode(path, data)
    problems: list[Diagnostic] = []
    doc = _compose(path, text, problems)
    if problems:
        raise SpecError(problems)
    return doc


def type_name(value: Any) -> str:
    """How a user would name the YAML type of ``value``."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"number {value!r}"
    if isinstance(value, str):
        return "text"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


__all__ = ["MAX_BYTES", "MAX_DEPTH", "MAX_NODES", "Document", "Pos", "decode", "parse", "type_name"]
