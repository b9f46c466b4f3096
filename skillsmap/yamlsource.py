"""Read a YAML document into plain Python values while remembering where each one was written.

PyYAML's own composer recurses (so deep nesting crashes it), expands aliases blindly (so an alias
bomb exhausts memory) and silently keeps the last of two duplicate keys. This module builds the
document from libyaml's event stream instead, with an explicit stack: nesting depth, expanded
size and duplicate keys are all checked as events arrive, and every value keeps its mark.
"""

from __future__ import annotations

from collections.abc import Iterator
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
_STR = "tag:yaml.org,2002:str"
_TAG_NAMES = {
    "tag:yaml.org,2002:bool": "boolean",
    "tag:yaml.org,2002:int": "number",
    "tag:yaml.org,2002:float": "number",
    "tag:yaml.org,2002:null": "null",
}


@dataclass(slots=True)
class _Node:
    mark: Mark
    kind: str  # "map", "seq" or "scalar"
    value: Any = None
    key_marks: dict[str, Mark] = field(default_factory=dict)
    raw: str | None = None
    size: int = 1


@dataclass(frozen=True, slots=True)
class Document:
    """A parsed spec: plain values plus the marks of every value and key, by path."""

    data: Any
    marks: dict[Loc, Mark]
    key_marks: dict[Loc, Mark]
    raw: dict[Loc, str]

    def mark(self, loc: Loc) -> Mark:
        """The mark of ``loc``, or of its nearest ancestor that exists."""
        while loc not in self.marks and loc:
            loc = loc[:-1]
        return self.marks.get(loc, Mark(1, 1))

    def key_mark(self, loc: Loc) -> Mark:
        """Where the key naming ``loc`` is written (falls back to the value)."""
        return self.key_marks.get(loc) or self.mark(loc)


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
        context = f" ({exc.context})" if exc.context else ""
        return _mark(mark), f"YAML syntax error: {problem}{context}"
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


def _events(text: str) -> Iterator[Any]:
    loader = _Loader(text)
    try:
        while loader.check_event():
            yield loader.get_event()
    finally:
        loader.dispose()


def _scalar(event: Any) -> _Node:
    mark = _mark(event.start_mark)
    tag = event.tag
    if tag is None or tag == "!":
        tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, event.implicit)
    node = yaml.ScalarNode(tag, event.value)
    if tag in (_STR, "tag:yaml.org,2002:merge"):
        value: Any = event.value
    elif tag == "tag:yaml.org,2002:null":
        value = None
    elif tag == "tag:yaml.org,2002:bool":
        value = _CONSTRUCTOR.construct_yaml_bool(node)
    elif tag == "tag:yaml.org,2002:int":
        value = _CONSTRUCTOR.construct_yaml_int(node)
    elif tag == "tag:yaml.org,2002:float":
        value = _CONSTRUCTOR.construct_yaml_float(node)
    elif tag == "tag:yaml.org,2002:timestamp" and event.tag in (None, "!"):
        value = event.value  # dates are text to us
    else:
        raise _Fatal(mark, f"unsupported YAML tag '{event.tag}'")
    return _Node(mark, "scalar", value, raw=event.value if event.implicit[0] else None)


@dataclass(slots=True)
class _Frame:
    node: _Node
    anchor: str | None
    key: tuple[str, Mark] | None = None
    merges: list[_Node] = field(default_factory=list)


def _compose(path: str, text: str, problems: list[Diagnostic]) -> _Node | None:
    anchors: dict[str, _Node] = {}
    stack: list[_Frame] = []
    root: _Node | None = None
    documents = 0
    total = 0

    def attach(node: _Node, mark: Mark, weight: int = 1) -> None:
        """Hang ``node`` under the open collection; ``weight`` is how many values it adds."""
        nonlocal root, total
        total += weight
        if total > MAX_NODES:
            raise _Fatal(mark, f"the document holds more than {MAX_NODES:,} values once "
                         "aliases are expanded; refusing to read it")
        if not stack:
            root = node
            return
        frame = stack[-1]
        parent = frame.node
        if parent.kind == "seq":
            parent.value.append(node)
            parent.size += node.size
            return
        if frame.key is None:
            if node.kind != "scalar":
                problems.append(Diagnostic(path, node.mark, "error", "a key must be plain text"))
                frame.key = ("", node.mark)
                return
            key = node.raw if node.raw is not None else str(node.value)
            frame.key = (key, node.mark)
            return
        key, key_mark = frame.key
        frame.key = None
        if key == "<<" and node.kind in ("map", "seq"):
            frame.merges.extend([node] if node.kind == "map" else node.value)
        elif key in parent.value:
            first = parent.key_marks[key]
            problems.append(
                Diagnostic(
                    path, key_mark, "error", f"duplicate key '{key}' (first at line {first.line})"
                )
            )
        else:
            parent.value[key] = node
            parent.key_marks[key] = key_mark
        parent.size += node.size

    def finish(frame: _Frame) -> None:
        node = frame.node
        for merged in frame.merges:
            if merged.kind != "map":
                problems.append(Diagnostic(path, merged.mark, "error", "'<<' merges only mappings"))
                continue
            for key, value in merged.value.items():
                if key not in node.value:
                    node.value[key] = value
                    node.key_marks[key] = merged.key_marks[key]
        if frame.anchor is not None:
            anchors[frame.anchor] = node

    try:
        for event in _events(text):
            if isinstance(event, yaml.DocumentStartEvent):
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
            elif isinstance(event, yaml.AliasEvent):
                mark = _mark(event.start_mark)
                target = anchors.get(event.anchor)
                if target is None:
                    raise _Fatal(mark, f"alias '*{event.anchor}' refers to no finished anchor")
                attach(target, mark, target.size)
            elif isinstance(event, yaml.ScalarEvent):
                node = _scalar(event)
                if event.anchor is not None:
                    anchors[event.anchor] = node
                attach(node, node.mark)
            elif isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
                mark = _mark(event.start_mark)
                if len(stack) >= MAX_DEPTH:
                    raise _Fatal(mark, f"the document nests deeper than {MAX_DEPTH} levels")
                if event.tag not in (None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"):
                    raise _Fatal(mark, f"unsupported YAML tag '{event.tag}'")
                is_map = isinstance(event, yaml.MappingStartEvent)
                node = _Node(mark, "map" if is_map else "seq", {} if is_map else [])
                stack.append(_Frame(node, event.anchor))
            elif isinstance(event, yaml.SequenceEndEvent | yaml.MappingEndEvent):
                frame = stack.pop()
                finish(frame)
                attach(frame.node, frame.node.mark)
    except yaml.YAMLError as exc:
        mark, message = _syntax_message(exc, text)
        problems.append(Diagnostic(path, mark, "error", message))
        return None
    except _Fatal as exc:
        problems.append(Diagnostic(path, exc.mark, "error", exc.message))
        return None
    return root


def _plain(node: _Node, loc: Loc, doc: Document) -> Any:
    doc.marks[loc] = node.mark
    if node.kind == "scalar":
        if node.raw is not None:
            doc.raw[loc] = node.raw
        return node.value
    if node.kind == "seq":
        return [_plain(child, (*loc, i), doc) for i, child in enumerate(node.value)]
    out: dict[str, Any] = {}
    for key, child in node.value.items():
        doc.key_marks[(*loc, key)] = node.key_marks[key]
        out[key] = _plain(child, (*loc, key), doc)
    return out


def parse(path: str, data: bytes) -> Document:
    """Parse a spec's bytes; raise :class:`SpecError` for anything that is not sound YAML."""
    if len(data) > MAX_BYTES:
        raise SpecError(
            [
                Diagnostic(
                    path,
                    Mark(1, 1),
                    "error",
                    f"the file is {len(data):,} bytes; specs are limited to {MAX_BYTES:,} bytes",
                )
            ]
        )
    text = decode(path, data)
    problems: list[Diagnostic] = []
    root = _compose(path, text, problems)
    if problems:
        raise SpecError(problems)
    doc = Document(None, {}, {}, {})
    if root is None:
        return doc
    return Document(_plain(root, (), doc), doc.marks, doc.key_marks, doc.raw)


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


__all__ = ["MAX_BYTES", "MAX_DEPTH", "MAX_NODES", "Document", "decode", "parse", "type_name"]
