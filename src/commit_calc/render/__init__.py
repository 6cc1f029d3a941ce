"""Rendering of games and results as text for people, and JSON and CSV for programs.

Renderers return strings; they never print. The command line writes them to standard output.
"""
