"""`python -m parlbrief`: the same as the `parlbrief` command."""

from __future__ import annotations

from parlbrief.cli.main import main

if __name__ == "__main__":
    main()
