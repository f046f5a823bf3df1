"""Command-line entry point kept under its published name: `python -m lib.importer …`.

Scripts and cron jobs call this name; the importer itself is `lib.store.importer`.
"""

from lib.store.importer import main

if __name__ == "__main__":
    raise SystemExit(main())
