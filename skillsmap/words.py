"""Every sentence a drawn map shows or says: kind names, legend entries, tooltips, the summary.

Plain English, built from the map's own text; nothing here measures or places anything.
"""

from __future__ import annotations

from collections import Counter

from skillsmap.model import Move, Role, SkillsMap

KIND_NAMES = {"promotion": "Promotion", "lateral": "Lateral move", "downward": "Downward move"}
START_HINT = "↗ start here"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def kind_legend(kind: str, shared_label: str | None) -> str:
    """A move kind's legend entry, with the label every move of that kind shares."""
    return KIND_NAMES[kind] + (f" · {shared_label}" if shared_label is not None else "")


def role_tooltip(m: SkillsMap, role: Role) -> str:
    """A card's tooltip: title, track and level, description, aliases (one per line)."""
    parts = [role.title]
    level = next((lv.text for lv in m.levels if lv.id == role.level), None)
    track = m.tracks[role.track].label
    parts.append(f"{track}" + (f" · {level}" if level else ""))
    if role.description:
        parts.append(role.description)
    if role.aliases:
        parts.append("Also: " + "; ".join(f"{k}: {v}" for k, v in role.aliases.items()))
    return "\n".join(parts)


def move_tooltip(m: SkillsMap, mv: Move) -> str:
    """An arrow's tooltip: ``From → To (kind, label)``."""
    src, dst = m.role(mv.from_).title, m.role(mv.to).title
    return f"{src} → {dst} ({KIND_NAMES[mv.kind].lower()}" + (f", {mv.label})" if mv.label else ")")


def pushed_by_role(role_id: str) -> str:
    """What a displaced card made room for, when it was another card."""
    return f"role '{role_id}'"


def pushed_by_level(level_id: str) -> str:
    """What a displaced card made room for, when it was a level box."""
    return f"level box '{level_id}'"


def label_in_legend(m: SkillsMap, mv: Move) -> str:
    """The legend's line for a move label that found no room beside its arrow."""
    return f"{m.role(mv.from_).title} → {m.role(mv.to).title}: {mv.label}"


def label_in_legend_warning(from_: str, to: str) -> str:
    """The warning for a move label shown in the legend instead of on its arrow."""
    return (
        f"move '{from_}' -> '{to}': no room for its label beside the arrow; "
        "the legend shows it instead"
    )


def moved_far(role_id: str, distance: float, direction: str, avoided: str | None) -> str:
    """Why a card is drawn far from its coordinates: which role, how far, which way, for what."""
    side = {"right": "right of", "left": "left of", "up": "above", "down": "below"}
    where = f"{distance:.1f} units {side.get(direction, 'from')}"
    why = f" to make room for {avoided}" if avoided else ""
    return f"role '{role_id}' was drawn {where} its coordinates{why}"


def box_grown(level_id: str, wider: float, taller: float) -> str:
    """An explicit level box drawn larger than the spec's so that its roles fit in it."""
    parts = [f"{v:.1f} units {what}" for v, what in ((wider, "wider"), (taller, "taller")) if v]
    grown = " and ".join(parts) or "slightly larger"
    return f"level '{level_id}': its box was drawn {grown} than the spec's to hold its roles"


def describe(m: SkillsMap) -> str:
    """A one-paragraph text summary of the map, for screen readers (the SVG ``<desc>``)."""
    kinds = Counter(mv.kind for mv in m.moves)
    used_tracks = [t.label for tid, t in m.tracks.items() if any(r.track == tid for r in m.roles)]
    parts = [
        f"A skills map of {_plural(len(m.roles), 'role')} "
        f"in {_plural(len(used_tracks), 'track')} ({', '.join(used_tracks)})"
    ]
    if m.levels:
        parts[0] += f", grouped in {len(m.levels)} levels ({', '.join(lv.text for lv in m.levels)})"
    parts[0] += "."
    if m.moves:
        counts = ", ".join(_plural(n, KIND_NAMES[k].lower()) for k, n in sorted(kinds.items()))
        parts.append(f"{len(m.moves)} moves join them: {counts}.")
    parts.append(
        f"{m.axes.soft.label} grow from left to right and {m.axes.hard.label.lower()} "
        "from bottom to top."
    )
    targets = {mv.to for mv in m.moves}
    starts = [
        r.title for r in m.roles if r.id not in targets and any(mv.from_ == r.id for mv in m.moves)
    ]
    if starts:
        parts.append(f"Paths start from {', '.join(starts)}.")
    return " ".join(parts)


# The Markdown text alternative (-f md): its headings and the sentences around the map's text.
# Every text argument below is already escaped for Markdown by the caller.
MD_ROLES = "Roles"
MD_LEVEL_ORDER = "Levels from the bottom of the map to the top."
MD_NO_LEVEL = "Outside the levels"
MD_COLUMNS = ("Role", "Track", "Aliases", "Description")
MD_MOVES = "Moves"
MD_NOTE = "Note"


def md_axes(soft: str, hard: str) -> str:
    """How the map is read, from its two axis labels."""
    return (
        f"The horizontal axis is {soft}, growing to the right; "
        f"the vertical axis is {hard}, growing upwards."
    )


def md_move(src: str, dst: str, kind: str, label: str | None) -> str:
    """One arrow in words: ``From → To (kind, label)``, as in its tooltip."""
    return f"{src} → {dst} ({KIND_NAMES[kind].lower()}" + (f", {label})" if label else ")")


def md_aliases(aliases: dict[str, str]) -> str:
    """A role's company titles, ``company: title`` joined by semicolons."""
    return "; ".join(f"{k}: {v}" for k, v in aliases.items())


def level_order_conflict(
    role_id: str, level_id: str, other_id: str, other_level: str, units: float
) -> str:
    """A role drawn below another one the spec puts lower, because their levels are stacked."""
    return (
        f"role '{role_id}' (level '{level_id}') is drawn below role '{other_id}' "
        f"(level '{other_level}') although the spec puts it {units:.1f} units higher: "
        f"the two levels' roles overlap in height, and level '{other_level}', higher on "
        f"average, is drawn above level '{level_id}' (level boxes never overlap)"
    )


def outside_role_in_box(role_id: str, level_id: str) -> str:
    """A role without a level drawn inside a level's box, among that level's roles."""
    return (
        f"role '{role_id}' has no level, but the spec puts it within level '{level_id}' "
        "(among that level's roles, or in its box): it is drawn inside that level's box; "
        "give it a level, or move it"
    )
