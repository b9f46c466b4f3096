"""Element ids of a drawn map, made from spec ids so that every id is unique and can be read back.

A spec id is letters, digits, ``_`` and ``-``. Within an element id a spec id is written
**encoded**:

- every ``_`` becomes ``__``;
- every ``-`` that starts or ends the id, or stands next to another ``-``, becomes ``_-``;
- every other character (letters, digits, a lone ``-`` between two other characters) is kept.

So an ordinary id (no ``_``, no ``--``, no ``-`` at either end) is written unchanged:
``senior-engineer`` stays ``senior-engineer``, while ``a--b`` becomes ``a_-_-b``, ``-x`` becomes
``_-x`` and ``snake_case`` becomes ``snake__case``. An encoded id never contains ``--``, and
``_`` in it always starts a pair (``__`` or ``_-``).

The element ids are ``role-<role>``, ``level-<level>``, ``move-<from>--<to>`` and
``label-<from>--<to>``, each part encoded. Decoding reads left to right: ``__`` is ``_``,
``_-`` is ``-``, and in a move or label id the first ``--`` that is not the second half of a
``_-`` pair is the separator. So ``move-a--b_-_-c`` is the move from ``a`` to ``b--c`` and
``move-a_-_-b--c`` the move from ``a--b`` to ``c``: every element id is unique and names its
spec ids exactly.
"""

from __future__ import annotations

SEPARATOR = "--"


def encode(spec_id: str) -> str:
    """``spec_id`` written for use inside an element id (see the module docstring)."""
    if (
        "_" not in spec_id
        and "--" not in spec_id
        and not spec_id.startswith("-")
        and not spec_id.endswith("-")
    ):
        return spec_id  # an ordinary id: written unchanged
    out: list[str] = []
    last = len(spec_id) - 1
    for i, ch in enumerate(spec_id):
        if ch == "_":
            out.append("__")
        elif ch == "-" and (
            i in (0, last) or spec_id[i - 1] == "-" or (i < last and spec_id[i + 1] == "-")
        ):
            out.append("_-")
        else:
            out.append(ch)
    return "".join(out)


def decode_parts(encoded: str) -> list[str]:
    """The spec ids in ``encoded`` (one id, or two joined by the ``--`` separator)."""
    parts: list[str] = []
    current: list[str] = []
    i = 0
    while i < len(encoded):
        if encoded[i] == "_" and i + 1 < len(encoded):
            current.append(encoded[i + 1])
            i += 2
        elif encoded.startswith(SEPARATOR, i):
            parts.append("".join(current))
            current = []
            i += len(SEPARATOR)
        else:
            current.append(encoded[i])
            i += 1
    parts.append("".join(current))
    return parts


def role_id(role: str) -> str:
    return f"role-{encode(role)}"


def level_id(level: str) -> str:
    return f"level-{encode(level)}"


def move_id(source: str, target: str) -> str:
    return f"move-{encode(source)}{SEPARATOR}{encode(target)}"


def label_id(source: str, target: str) -> str:
    return f"label-{encode(source)}{SEPARATOR}{encode(target)}"
