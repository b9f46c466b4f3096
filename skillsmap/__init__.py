"""skillsmap: draw career skills maps from a YAML spec."""

__version__ = "0.1.0"
