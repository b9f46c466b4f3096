"""A fixed corpus of generated skills maps that nobody tuned the layout for.

:func:`build_corpus` returns spec dicts (what a YAML file parses to), built from a seeded
``random.Random`` so the corpus is the same on every machine and every run; :func:`dump` turns
one into YAML for :func:`skillsmap.loads`. Coordinates are in axis units.

What the corpus covers, as people really write maps: 7-60 roles, 1-8 tracks, 1-8 levels (a few
roles without a level), crowded spots (several roles within 0.1 of one point), titles from one
word to six (some over 30 characters), fitted and explicit level boxes (explicit boxes are
horizontal bands that never overlap and hold their roles), moves in every direction (up, down,
left, right; short and long), labels on about half the moves, some of them long.
"""

from __future__ import annotations

import math
import random
from typing import Any

import yaml

__all__ = ["SEED", "build_corpus", "dump"]

SEED = 20240917
DASH = "\u2013"
WORDS = (
    "Senior",
    "Staff",
    "Principal",
    "Lead",
    "Chief",
    "Associate",
    "Junior",
    "Distinguished",
    "Head",
    "Group",
    "Platform",
    "Engineering",
    "Product",
    "Design",
    "Data",
    "Security",
    "Reliability",
    "Infrastructure",
    "Mobile",
    "Research",
    "Manager",
    "Director",
    "Engineer",
    "Architect",
    "Analyst",
    "Scientist",
    "Designer",
    "Owner",
    "Partner",
    "Fellow",
    "Operations",
    "Quality",
    "Developer",
    "Relations",
    "Machine",
    "Learning",
    "Frontend",
    "Backend",
)
TRACKS = (
    "Individual contributor",
    "Engineering management",
    "Product",
    "Design",
    "Data science",
    "Site reliability",
    "Security",
    "Developer relations",
)
LABELS = (
    f"2{DASH}3 years",
    "~18 months",
    "management track",
    f"6 months {DASH} 2 years",
    "1 year",
    f"3{DASH}5 years",
    "with a sponsor",
    "after a re-org",
    "rare",
)
COLORS = ("#0072B2", "#D55E00", "teal", "#cc79a7", "darkorange", "#333")


def dump(spec: dict[str, Any]) -> str:
    """The spec as YAML text (keys in the order built, Unicode kept)."""
    return yaml.safe_dump(spec, sort_keys=False, allow_unicode=True)


def build_corpus(count: int = 120, seed: int = SEED) -> list[dict[str, Any]]:
    """``count`` valid specs; map ``i`` depends only on ``seed`` and ``i``."""
    return [_spec(random.Random(f"{seed}:{i}"), i) for i in range(count)]


def _spec(rng: random.Random, index: int) -> dict[str, Any]:
    n_roles = (7, 60)[index] if index < 2 else rng.randint(7, 60)
    n_tracks = rng.randint(1, min(8, n_roles))
    n_levels = rng.randint(1, 8)
    explicit = rng.random() < 0.3
    axis_max = rng.choice((10.0, 10.0, 10.0, 5.0, 100.0))
    tracks = _tracks(rng, n_tracks)
    levels, roles = _levels_and_roles(rng, n_roles, n_levels, list(tracks), explicit, axis_max)
    spec: dict[str, Any] = {
        "title": f"Generated map {index:03d}",
        "subtitle": f"{n_roles} roles, {n_tracks} tracks, {n_levels} levels"
        + (", explicit boxes" if explicit else ""),
    }
    if axis_max != 10.0:
        spec["axes"] = {
            "soft": {"label": "Soft skills", "min": 0, "max": axis_max},
            "hard": {"label": "Hard skills", "min": 0, "max": axis_max},
        }
    spec.update(tracks=tracks, levels=levels, roles=roles, moves=_moves(rng, roles))
    return spec


def _tracks(rng: random.Random, n: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, label in enumerate(rng.sample(TRACKS, n)):
        track: dict[str, Any] = {"label": label}
        if rng.random() < 0.2:
            track["color"] = rng.choice(COLORS)
        out[f"t{k}"] = track
    return out


def _title(rng: random.Random) -> str:
    n = rng.choice((1, 2, 2, 2, 3, 3, 4, 5, 6))
    words = [rng.choice(WORDS) for _ in range(n)]
    if n >= 5 and len(" ".join(words)) < 30:
        words.append("Infrastructure")
    return " ".join(words)


def _slug(title: str) -> str:
    return "-".join(title.lower().split())[:24].strip("-")


def _levels_and_roles(
    rng: random.Random,
    n_roles: int,
    n_levels: int,
    track_ids: list[str],
    explicit: bool,
    top: float,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Levels climbing a staircase, each with its roles around its centre (or in its band)."""
    levels: list[dict[str, Any]] = [{"id": f"L{k + 1}"} for k in range(n_levels)]
    if n_levels > 2 and rng.random() < 0.5:
        levels[-1]["label"] = f"L{n_levels}+ (executive)"
    bands = [_band(k, n_levels, top) for k in range(n_levels)]
    if explicit:
        for level, (soft_range, hard_range) in zip(levels, bands, strict=True):
            level["box"] = {"soft": list(soft_range), "hard": list(hard_range)}
    hubs = [rng.randrange(n_levels) for _ in range(rng.choice((0, 1, 2, 3)))]
    roles: list[dict[str, Any]] = []
    for k in range(n_roles):
        lv = hubs[k % len(hubs)] if hubs and k < 5 * len(hubs) else rng.randrange(n_levels)
        soft, hard = _point(rng, bands[lv], explicit, top)
        if hubs and k < 5 * len(hubs):
            soft, hard = _hub(bands[lv], k // len(hubs), top)
        title = _title(rng)
        role: dict[str, Any] = {
            "id": f"{_slug(title)}-{k}",
            "title": title,
            "track": rng.choice(track_ids),
            "soft": soft,
            "hard": hard,
        }
        if explicit or rng.random() > 0.08:
            role["level"] = levels[lv]["id"]
        roles.append(role)
    return levels, roles


def _band(k: int, n: int, top: float) -> tuple[tuple[float, float], tuple[float, float]]:
    """Level ``k`` of ``n``: a horizontal band in hard skills, drifting right as it climbs."""
    height = top / n
    hard = (round(k * height + 0.02 * height, 2), round((k + 1) * height - 0.02 * height, 2))
    left = top * 0.6 * k / max(1, n - 1)
    return (round(left, 2), round(left + top * 0.4, 2)), hard


def _point(
    rng: random.Random,
    band: tuple[tuple[float, float], tuple[float, float]],
    inside: bool,
    top: float,
) -> tuple[float, float]:
    """A point in the band, or (for fitted boxes) near it, clamped to the axes."""
    (s0, s1), (h0, h1) = band
    spread = 0.0 if inside else 0.08 * top
    soft = rng.uniform(s0 - spread, s1 + spread)
    hard = rng.uniform(h0 - spread, h1 + spread)
    return _clamp(soft, s0 if inside else 0, s1 if inside else top), _clamp(
        hard, h0 if inside else 0, h1 if inside else top
    )


def _hub(
    band: tuple[tuple[float, float], tuple[float, float]], j: int, top: float
) -> tuple[float, float]:
    """The ``j``-th role of a crowded spot: within 1% of the axis of the band's centre."""
    (s0, s1), (h0, h1) = band
    angle = j * 2.4
    r = 0.009 * top * min(j, 4) / 4
    return round((s0 + s1) / 2 + r * math.cos(angle), 3), round(
        (h0 + h1) / 2 + r * math.sin(angle), 3
    )


def _clamp(v: float, lo: float, hi: float) -> float:
    return round(min(hi, max(lo, v)), 2)


def _moves(rng: random.Random, roles: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """About 1.2 moves per role, mostly to near neighbours, kinds following the direction."""
    seen: set[tuple[str, str]] = set()
    moves: list[dict[str, Any]] = []
    for _ in range(round(len(roles) * 1.2)):
        src = rng.choice(roles)
        others = sorted(
            (r for r in roles if r is not src),
            key=lambda r: math.hypot(r["soft"] - src["soft"], r["hard"] - src["hard"]),
        )
        dst = rng.choice(others[:4]) if rng.random() < 0.7 else rng.choice(others)
        if (src["id"], dst["id"]) in seen:
            continue
        seen.add((src["id"], dst["id"]))
        move: dict[str, Any] = {"from": src["id"], "to": dst["id"], "kind": _kind(src, dst)}
        if rng.random() < 0.5:
            move["label"] = rng.choice(LABELS)
        moves.append(move)
    return moves


def _kind(src: dict[str, Any], dst: dict[str, Any]) -> str:
    if src.get("level") == dst.get("level"):
        return (
            "lateral"
            if abs(dst["hard"] - src["hard"]) < abs(dst["soft"] - src["soft"])
            else ("promotion" if dst["hard"] > src["hard"] else "downward")
        )
    return "promotion" if dst["hard"] >= src["hard"] else "downward"
