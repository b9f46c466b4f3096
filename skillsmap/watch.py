"""Which specs to render again, as files are saved: the watching behind ``render --watch``.

Editors often save by writing a new file and renaming it over the old one, which a watch on
the file itself would miss; so the folders holding the files are watched and their changes
filtered down to the files. Changes that arrive together (within watchfiles' debounce, 1.6 s at
most) are answered once.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import watchfiles


def _key(path: str | os.PathLike[str]) -> str:
    """One spelling for every way of naming a file: absolute, symbolic links resolved."""
    return os.path.normcase(str(Path(path).resolve()))


def affected(
    changed: Iterable[str | os.PathLike[str]], specs: Sequence[str], fonts: Sequence[str]
) -> list[str]:
    """The specs to render again after ``changed`` files were touched: every spec when a font
    changed, else the changed specs; a file that is gone (a save half done) is left out."""
    keys = {_key(path) for path in changed}
    if any(_key(font) in keys for font in fonts):
        chosen = list(specs)
    else:
        chosen = [spec for spec in specs if _key(spec) in keys]
    return [spec for spec in chosen if Path(spec).is_file()]


def changes(
    specs: Sequence[str], fonts: Sequence[str] = (), stop: threading.Event | None = None
) -> Iterator[list[str]]:
    """Each time some of ``specs`` or ``fonts`` are saved, the specs to render again.

    Runs until ``stop`` is set; Ctrl-C raises ``KeyboardInterrupt`` to the caller.
    """
    watched = {_key(path) for path in (*specs, *fonts)}
    folders = sorted({os.path.dirname(key) for key in watched})

    def wanted(change: watchfiles.Change, path: str) -> bool:
        return _key(path) in watched

    for batch in watchfiles.watch(
        *folders, watch_filter=wanted, stop_event=stop, recursive=False, raise_interrupt=True
    ):
        todo = affected((path for _, path in batch), specs, fonts)
        if todo:
            yield todo


__all__ = ["affected", "changes"]
