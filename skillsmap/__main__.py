"""``python -m skillsmap`` runs the command-line interface."""

from skillsmap.cli import main

main()
