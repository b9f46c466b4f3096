"""Read a YAML document into plain Python values while remembering where each one was written.

PyYAML's own composer recurses (so deep nesting crashes it), expands aliases blindly (so an alias
bomb exhausts memory) and silently keeps the last of two duplicate keys. This module builds the
document from libyaml's event stream instead, with an explicit stack: nesting depth, expanded
size and duplicate keys are all checked as events arrive, and every value keeps its mark.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml

from skillsmap.diagnostics import Diagnostic, Mark, SpecError

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

Pos = tuple[int, int]  # 1-based (line, column), made into a Mark only when asked for


@dataclass(frozen=True, slots=True)
class Document:
    """A parsed spec: plain values, the marks of every value and key by path, and the text.

    ``raw`` keeps how unquoted scalars that YAML read as numbers, booleans or null were written
    (``no``, ``1e3``, ``~``), so messages can explain YAML's reading of them.
    """

    data: Any
    marks: dict[Loc, Pos]
    key_marks: dict[Loc, Pos]
    raw: dict[Loc, str]
    text: str = ""
    _lines: list[str] = field(default_factory=list, repr=False, compare=False)

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
        if not self._lines and self.text:
            self._lines.extend(self.text.splitlines())  # once: messages may ask for many lines
        lines = self._lines
        return lines[number - 1] if 0 < number <= len(lines) else ""


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


def _compose(path: str, text: str, problems: list[Diagnostic]) -> Document:
    """Build the document from libyaml events in one pass, recording every mark by path.

    Anchored values are shared, not copied; an alias re-registers the marks of the anchored
    subtree under its own path. Values are counted with aliases expanded, so an alias bomb is
    refused before it is ever materialised. This loop is the hot path of loading a spec: it
    handles the common events inline.
    """
    marks: dict[Loc, Pos] = {}
    key_marks: dict[Loc, Pos] = {}
    raw: dict[Loc, str] = {}
    # Every registered path in document order, kept only when aliases or merges may need it.
    keep_order = "&" in text or "<<" in text
    order: list[Loc] = []
    # anchor -> value, mark, path (None for a scalar key), start and end in ``order``
    anchors: dict[str, tuple[Any, Pos, Loc | None, int, int]] = {}
    stack: list[_Frame] = []
    root: list[Any] = []
    cache: dict[str, tuple[str, Any]] = {}
    total = 0
    documents = 0

    def too_many(pos: Pos) -> _Fatal:
        return _Fatal(
            Mark(*pos),
            f"the document holds more than {MAX_NODES:,} values once aliases are "
            "expanded; refusing to read it",
        )

    def register(loc: Loc, pos: Pos) -> None:
        marks[loc] = pos
        if keep_order:
            order.append(loc)

    def rebase(start: int, end: int, old: Loc, new: Loc) -> None:
        """Register the marks of the subtree at ``old`` (order[start:end]) again under ``new``."""
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

    def put(frame: _Frame, value: Any, loc: Loc, start: int) -> None:
        """Store a finished value under the pending key of mapping ``frame``."""
        key = frame.key
        assert key is not None
        frame.key = None
        container = frame.value
        if key == "<<" and isinstance(value, dict | list):
            frame.merges.append((loc, value, start, len(order)))
        elif key in container:
            first = key_marks.get(loc, frame.key_pos)
            problems.append(
                Diagnostic(
                    path,
                    Mark(*frame.key_pos),
                    "error",
                    f"duplicate key '{key}' (first at line {first[0]})",
                )
            )
        else:
            container[key] = value
            key_marks[loc] = frame.key_pos

    def place(value: Any, pos: Pos) -> tuple[_Frame | None, Loc | None]:
        """Where the next value goes: (parent, path); path None when the value is a key."""
        if not stack:
            root.append(value)
            return None, ()
        frame = stack[-1]
        if not frame.is_map:
            loc = (*frame.loc, len(frame.value))
            frame.value.append(value)
            return None, loc
        if frame.key is None:
            return frame, None
        return frame, (*frame.loc, frame.key)

    def merge(frame: _Frame) -> None:
        """Apply the frame's ``<<`` keys: copy in keys it does not set itself, with marks."""
        container = frame.value
        for loc, value, start, end in frame.merges:
            items = (
                [(loc, value)]
                if isinstance(value, dict)
                else [((*loc, i), item) for i, item in enumerate(value)]
            )
            taken: dict[Loc, set[str]] = {}
            for item_loc, item in items:
                if not isinstance(item, dict):
                    problems.append(
                        Diagnostic(
                            path, Mark(*marks[item_loc]), "error", "'<<' merges only mappings"
                        )
                    )
                    continue
                for key, child in item.items():
                    if key not in container:
                        container[key] = child
                        target, source = (*frame.loc, key), (*item_loc, key)
                        key_marks[target] = key_marks.get(source, marks[item_loc])
                        taken.setdefault(item_loc, set()).add(key)
            if not taken:
                continue
            cut = len(next(iter(taken)))
            for old in order[start:end]:
                keys = taken.get(old[:cut])
                if keys and len(old) > cut and old[cut] in keys:
                    moved = frame.loc + old[cut:]
                    marks[moved] = marks[old]
                    if old in raw:
                        raw[moved] = raw[old]
                    if len(old) > cut + 1 and old in key_marks:
                        key_marks[moved] = key_marks[old]
                    order.append(moved)

    loader = _Loader(text)
    get_event: Callable[[], Any] = loader.get_event
    scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
    map_start, seq_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
    ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    implicit_first = _IMPLICIT_FIRST
    try:
        while (event := get_event()) is not None:
            cls = type(event)
            if cls is scalar_event:
                sm = event.start_mark
                pos = (sm.line + 1, sm.column + 1)
                total += 1
                if total > MAX_NODES:
                    raise too_many(pos)
                string = event.value
                tag = event.tag
                plain = event.implicit[0]
                if tag is None and plain and (not string or string[0] in implicit_first):
                    hit = cache.get(string)
                    if hit is None:
                        hit = cache[string] = _construct(string, None, pos)
                    kind, value = hit
                elif tag is None or tag in ("!", _STR):
                    kind, value = _STR, string
                else:
                    kind, value = _construct(string, tag, pos)
                anchor = event.anchor
                # Inline the two common cases: a key, and a value under a key.
                if stack:
                    frame = stack[-1]
                    if frame.is_map:
                        key = frame.key
                        if key is None:  # a key: keep it as written (``yes`` stays "yes")
                            frame.key = string if plain or kind is _STR else str(value)
                            frame.key_pos = pos
                            if anchor is not None:
                                anchors[anchor] = (value, pos, None, 0, 1)
                            continue
                        loc = (*frame.loc, key)
                        start = len(order)
                        marks[loc] = pos
                        if keep_order:
                            order.append(loc)
                        if plain and kind is not _STR:
                            raw[loc] = string
                        if key != "<<" and key not in frame.value:
                            frame.value[key] = value
                            key_marks[loc] = frame.key_pos
                            frame.key = None
                        else:
                            put(frame, value, loc, start)
                    else:
                        loc = (*frame.loc, len(frame.value))
                        frame.value.append(value)
                        start = len(order)
                        marks[loc] = pos
                        if keep_order:
                            order.append(loc)
                        if plain and kind is not _STR:
                            raw[loc] = string
                else:
                    root.append(value)
                    loc, start = (), 0
                    register(loc, pos)
                    if plain and kind is not _STR:
                        raw[loc] = string
                if anchor is not None:
                    anchors[anchor] = (value, pos, loc, start, len(order))
            elif cls in ends:
                frame = stack.pop()
                if frame.merges:
                    merge(frame)
                value, loc, pos = frame.value, frame.loc, marks[frame.loc]
                if frame.anchor is not None:
                    anchors[frame.anchor] = (value, pos, loc, frame.start, len(order))
                if not stack:
                    root.append(value)
                    continue
                parent = stack[-1]
                if not parent.is_map:
                    parent.value.append(value)
                elif loc[-1] == "\0key":  # a mapping or list used as a key
                    problems.append(
                        Diagnostic(path, Mark(*pos), "error", "a key must be plain text")
                    )
                    parent.key, parent.key_pos = "", pos
                else:
                    put(parent, value, loc, frame.start)
            elif cls is map_start or cls is seq_start:
                sm = event.start_mark
                pos = (sm.line + 1, sm.column + 1)
                if len(stack) >= MAX_DEPTH:
                    raise _Fatal(Mark(*pos), f"the document nests deeper than {MAX_DEPTH} levels")
                if event.tag not in _COLLECTION_TAGS:
                    raise _unsupported_tag(pos, event.tag)
                total += 1
                if total > MAX_NODES:
                    raise too_many(pos)
                if stack:
                    parent = stack[-1]
                    if not parent.is_map:
                        loc = (*parent.loc, len(parent.value))
                    elif parent.key is None:
                        loc = (*parent.loc, "\0key")
                    else:
                        loc = (*parent.loc, parent.key)
                else:
                    loc = ()
                start = len(order)
                register(loc, pos)
                stack.append(_Frame(loc, {} if cls is map_start else [], event.anchor, start))
            elif cls is alias_event:
                sm = event.start_mark
                pos = (sm.line + 1, sm.column + 1)
                target = anchors.get(event.anchor)
                if target is None:
                    if any(frame.anchor == event.anchor for frame in stack):
                        raise _Fatal(
                            Mark(*pos), f"alias '*{event.anchor}' is inside its own anchor"
                        )
                    raise _Fatal(
                        Mark(*pos),
                        f"unknown alias '*{event.anchor}': no anchor '&{event.anchor}' is "
                        "defined before it",
                    )
                value, tpos, tloc, tstart, tend = target
                total += tend - tstart
                if total > MAX_NODES:
                    raise too_many(pos)
                parent_frame, where = place(value, pos)
                if where is None:  # the alias is a key
                    assert parent_frame is not None
                    if isinstance(value, dict | list):
                        problems.append(
                            Diagnostic(path, Mark(*pos), "error", "a key must be plain text")
                        )
                        value = ""
                    elif tloc is not None and tloc in raw:
                        value = raw[tloc]
                    parent_frame.key = value if isinstance(value, str) else str(value)
                    parent_frame.key_pos = pos
                    continue
                start = len(order)
                if tloc is None:
                    register(where, tpos)
                else:
                    rebase(tstart, tend, tloc, where)
                if parent_frame is not None:
                    put(parent_frame, value, where, start)
            elif cls is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    problems.append(
                        Diagnostic(
                            path,
                            _mark(event.start_mark),
                            "error",
                            "a spec file holds one YAML document; remove the '---' and "
                            "what follows, or split it into several files",
                        )
                    )
                    break
    except yaml.YAMLError as exc:
        mark, message = _syntax_message(exc, text)
        problems.append(Diagnostic(path, mark, "error", message))
    except _Fatal as exc:
        problems.append(Diagnostic(path, exc.mark, "error", exc.message))
    finally:
        loader.dispose()
    return Document(root[0] if root else None, marks, key_marks, raw, text)


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
