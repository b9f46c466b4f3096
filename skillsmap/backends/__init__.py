"""Drawing backends: each turns a :class:`skillsmap.scene.Scene` into file bytes.

Only the SVG backend is imported here; ``skillsmap.backends.mpl`` pulls in matplotlib (about
half a second), so it is imported only when PNG or PDF output is requested.
"""

from skillsmap.backends.base import Backend, draw
from skillsmap.backends.svg import render_svg

__all__ = ["Backend", "draw", "render_svg"]
