"""``python -m commit_calc`` runs the command line."""

from commit_calc.cli.main import cli

cli()
