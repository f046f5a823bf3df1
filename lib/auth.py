"""Command-line entry point kept under its published name: `python -m lib.auth hash`.

Deployment notes call this name; password hashing itself is `lib.ui.auth`.
"""

from lib.ui.auth import main

if __name__ == "__main__":
    raise SystemExit(main())
