"""Raster and print backend: a scene drawn with matplotlib's Agg and PDF renderers.

Importing this module imports matplotlib (about half a second), so nothing imports it until a
PNG or PDF is requested. It uses a bare ``Figure`` with no axes and no pyplot (no global figure
registry, no GUI backend), and one transform from scene px (y down, 96 per inch) to the figure,
shared by every artist. Settings come from matplotlib's defaults plus ours inside an
``rc_context``, so a user's matplotlibrc cannot change our output and we never leak settings.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from os import PathLike
from typing import TYPE_CHECKING, Any, Literal

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.patches import Patch, PathPatch
from matplotlib.path import Path as MPath
from matplotlib.text import Text as MText
from matplotlib.transforms import Affine2D, Transform
from PIL import Image

from skillsmap import fonts
from skillsmap.backends.base import (
    ANCHOR_SHARE,
    SAFE_SCHEMES,
    draw,
    glyph_text,
    safe_href,
    spread_run,
)
from skillsmap.fonts import using as _using_fonts
from skillsmap.scene import (
    Anchor,
    Circle,
    Group,
    Path,
    Polygon,
    Rect,
    Scene,
    Style,
    Text,
)

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

PX_PER_INCH = 96.0
PT_PER_PX = 72.0 / PX_PER_INCH
# Cubic Bezier handle length for a quarter circle (the same curve browsers draw for rx).
_KAPPA = 0.5522847498307936

_MOVETO, _LINETO, _CURVE3, _CURVE4, _CLOSEPOLY = (
    int(code) for code in (MPath.MOVETO, MPath.LINETO, MPath.CURVE3, MPath.CURVE4, MPath.CLOSEPOLY)
)
_HA: dict[Anchor, Literal["left", "center", "right"]] = {
    "start": "left",
    "middle": "center",
    "end": "right",
}

_RC: dict[RcKeyType, Any] = {
    "text.hinting": "none",
    "text.antialiased": True,
    "text.usetex": False,
    "lines.scale_dashes": False,
    "patch.antialiased": True,
    "path.simplify": False,
    "path.snap": False,
    "pdf.fonttype": 42,
    "pdf.use14corefonts": False,
    "savefig.bbox": "standard",
    "savefig.transparent": False,
}


def render_png(
    scene: Scene, *, dpi: float = 192, fonts: Sequence[str | PathLike[str]] = ()
) -> bytes:
    """PNG bytes of ``scene``; 96 dpi is 1x, so the default 192 gives 2x pixel density.

    ``fonts`` are font files tried after DejaVu Sans for characters it lacks.
    """
    if not dpi > 0:
        raise ValueError(f"dpi must be positive, got {dpi!r}")
    with _using_fonts(fonts):
        return _png(scene, dpi)


def _png(scene: Scene, dpi: float) -> bytes:
    # Agg truncates the canvas size; pad a hair so W px at 2x is exactly 2W pixels wide.
    size = (
        (max(1, round(scene.width * dpi / PX_PER_INCH)) + 1e-6) / dpi,
        (max(1, round(scene.height * dpi / PX_PER_INCH)) + 1e-6) / dpi,
    )
    with _settings():
        fig = _figure(scene, size, dpi, links=False)
        fig.canvas.draw()
        canvas = fig.canvas
        assert isinstance(canvas, FigureCanvasAgg)
        pixels = canvas.buffer_rgba()  # type: ignore[no-untyped-call]  # untyped in matplotlib
        rgba = Image.frombuffer("RGBA", canvas.get_width_height(), pixels, "raw", "RGBA", 0, 1)
    # The map is opaque: RGB at zlib level 3 encodes in half the time of matplotlib's RGBA
    # level-6 default for files about 4% larger. Pillow writes no time or software chunks.
    out = io.BytesIO()
    rgba.convert("RGB").save(out, "PNG", compress_level=3, dpi=(dpi, dpi))
    return out.getvalue()


def render_pdf(scene: Scene, *, fonts: Sequence[str | PathLike[str]] = ()) -> bytes:
    """PDF bytes of ``scene``: one page of W x H px at 96 px per inch, fonts embedded.

    ``fonts`` are font files tried after DejaVu Sans for characters it lacks.
    """
    with _using_fonts(fonts):
        return _pdf(scene)


def _pdf(scene: Scene) -> bytes:
    size = (scene.width / PX_PER_INCH, scene.height / PX_PER_INCH)
    out = io.BytesIO()
    with _settings():
        fig = _figure(scene, size, 72, links=True)
        fig.savefig(
            out,
            format="pdf",
            facecolor=scene.background,
            metadata={"Creator": None, "Producer": None, "CreationDate": None},
        )
    return out.getvalue()


@contextmanager
def _settings() -> Iterator[None]:
    """matplotlib's defaults plus ours, whatever the user's matplotlibrc says; restored after.

    matplotlib's own "Glyph ... missing from font(s)" warnings are silenced: they would reach
    the user as Python warnings with a source line, and the renderer already reports each
    missing glyph once, located in the spec (``skillsmap.pipeline.map_warnings``).
    """
    with matplotlib.rc_context(), warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .*missing from", category=UserWarning)
        matplotlib.rcdefaults()
        matplotlib.rcParams.update(_RC)
        yield


def _figure(scene: Scene, size: tuple[float, float], dpi: float, *, links: bool) -> Figure:
    fig = Figure(figsize=size, dpi=dpi, facecolor=scene.background)
    FigureCanvasAgg(fig)
    # The one transform: scene px, y down from the top edge -> figure inches -> device.
    to_device = (
        Affine2D().scale(1 / PX_PER_INCH, -1 / PX_PER_INCH).translate(0, size[1])
        + fig.dpi_scale_trans
    )
    draw(scene, _MplBackend(fig, to_device, links=links))
    return fig


class _MplBackend:
    """Adds one artist per primitive, stacked in scene order (matplotlib sorts by zorder)."""

    def __init__(self, fig: Figure, transform: Transform, *, links: bool) -> None:
        self._fig = fig
        self._transform = transform
        self._links = links
        self._zorder = 0
        self._hrefs: list[str | None] = []
        self._fonts: dict[tuple[fonts.FontFile, float], FontProperties] = {}

    def _add(self, artist: Any) -> None:
        artist.set_transform(self._transform)
        artist.set_zorder(self._zorder)
        self._zorder += 1
        self._fig.add_artist(artist)

    def _begin_group(self, group: Group) -> None:
        href = safe_href(group.href)
        # PDF can link only texts, and a fragment means nothing outside the SVG document.
        if href is None or not href.lower().startswith(SAFE_SCHEMES):
            href = self._hrefs[-1] if self._hrefs else None
        self._hrefs.append(href)

    def _end_group(self, group: Group) -> None:
        self._hrefs.pop()

    def _draw_rect(self, rect: Rect) -> None:
        path = _rounded_rect(rect.x, rect.y, rect.width, rect.height, rect.rx)
        self._add(_patch(path, rect.style))

    def _draw_circle(self, circle: Circle) -> None:
        path = MPath.circle((circle.cx, circle.cy), circle.r)
        self._add(_patch(path, circle.style))

    def _draw_polygon(self, polygon: Polygon) -> None:
        if not polygon.points:
            return
        points = [*polygon.points, polygon.points[0]]
        codes = [_MOVETO] + [_LINETO] * (len(points) - 2) + [_CLOSEPOLY]
        self._add(_patch(MPath(points, codes), polygon.style))

    def _draw_path(self, path: Path) -> None:
        if not path.ops:
            return
        vertices: list[tuple[float, float]] = []
        codes: list[int] = []
        for op in path.ops:
            if op[0] == "Q":
                vertices += [op[1], op[2]]
                codes += [_CURVE3, _CURVE3]
            else:
                vertices.append(op[1])
                codes.append(_MOVETO if op[0] == "M" else _LINETO)
        self._add(_patch(MPath(vertices, codes), path.style))

    def _draw_text(self, text: Text) -> None:
        content = glyph_text(text.text)
        if not content.strip():
            return
        spread = spread_run(text, content)
        pieces = fonts.runs(content, text.weight)
        if spread is None and len(pieces) == 1:
            self._add(self._text(text, text.x, text.y, content, text.anchor, pieces[0].font))
            return
        if spread is None:
            natural = fonts.text_width(content, text.size, text.weight)
            start, extra = -natural * ANCHOR_SHARE[text.anchor], 0.0
        else:
            start, extra = spread
            pieces = tuple(
                fonts.Run(i, i + 1, run.font)
                for run in pieces
                for i in range(run.start, run.end)
                if content[i] != " "
            )
        direction = Affine2D().rotate_deg(-text.rotate)
        for run in pieces:
            i = run.start
            prefix = fonts.text_width(content[:i], text.size, text.weight) if i else 0.0
            dx, dy = direction.transform((start + prefix + i * extra, 0.0))
            piece = content[run.start : run.end]
            self._add(self._text(text, text.x + dx, text.y + dy, piece, "start", run.font))

    def _text(
        self, text: Text, x: float, y: float, content: str, anchor: Anchor, font: fonts.FontFile
    ) -> MText:
        artist = MText(
            x,
            y,
            content,
            color=text.fill,
            fontproperties=self._font(font, text.size),
            horizontalalignment=_HA[anchor],
            verticalalignment="baseline",
            rotation=text.rotate,
            rotation_mode="anchor",
            parse_math=False,
            antialiased=True,
        )
        if self._links and self._hrefs and self._hrefs[-1] is not None:
            artist.set_url(self._hrefs[-1])
        return artist

    def _font(self, font: fonts.FontFile, size: float) -> FontProperties:
        key = (font, size)
        if key not in self._fonts:
            self._fonts[key] = FontProperties(fname=font.path, size=size * PT_PER_PX)
        return self._fonts[key]


def _patch(path: MPath, style: Style) -> Patch:
    patch = PathPatch(
        path,
        facecolor=style.fill or "none",
        edgecolor=style.stroke or "none",
        linewidth=style.stroke_width * PT_PER_PX if style.stroke else 0.0,
        antialiased=True,
        snap=False,
        capstyle="butt",
        joinstyle="miter",
    )
    dash = style.dash * 2 if len(style.dash) % 2 else style.dash
    if dash and sum(dash) > 0:
        patch.set_linestyle((0.0, tuple(d * PT_PER_PX for d in dash)))
    if style.opacity < 1:
        patch.set_alpha(style.opacity)
    return patch


def _rounded_rect(x: float, y: float, w: float, h: float, r: float) -> MPath:
    """The outline SVG draws for ``<rect rx=r>``: radii clamped to half of each side."""
    rx, ry = min(r, w / 2), min(r, h / 2)
    if rx <= 0 or ry <= 0:
        corners = [(x, y), (x + w, y), (x + w, y + h), (x, y + h), (x, y)]
        return MPath(corners, [_MOVETO] + [_LINETO] * 3 + [_CLOSEPOLY])
    kx, ky = rx * _KAPPA, ry * _KAPPA
    right, bottom = x + w, y + h
    vertices = [
        (x + rx, y),
        (right - rx, y),
        (right - rx + kx, y),
        (right, y + ry - ky),
        (right, y + ry),
        (right, bottom - ry),
        (right, bottom - ry + ky),
        (right - rx + kx, bottom),
        (right - rx, bottom),
        (x + rx, bottom),
        (x + rx - kx, bottom),
        (x, bottom - ry + ky),
        (x, bottom - ry),
        (x, y + ry),
        (x, y + ry - ky),
        (x + rx - kx, y),
        (x + rx, y),
        (x + rx, y),
    ]
    corner = [_CURVE4] * 3
    codes = [
        _MOVETO,
        _LINETO,
        *corner,
        _LINETO,
        *corner,
        _LINETO,
        *corner,
        _LINETO,
        *corner,
        _CLOSEPOLY,
    ]
    return MPath(vertices, codes)
