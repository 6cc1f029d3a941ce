"""The ``commit-calc`` command line: a thin shell that parses options, calls one library
function and renders its result (see :mod:`commit_calc.cli.main`)."""
