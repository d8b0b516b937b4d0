"""``python -m onrecord`` runs the command line, for environments where the script is not on PATH."""

from onrecord.cli import app

app(prog_name="onrecord")
