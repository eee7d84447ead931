"""The `parlbrief` command: parse flags, call the library, print. Only this package exits.

core.py holds the app and what every command shares; check.py, build.py and figures.py
hold one group of commands each; main.py registers them all and runs the app. The
pipeline is imported inside each command, so that a command loads only what it uses.
"""
