"""Command-line entry point: `python -m lib.brief …` (the brief itself is `lib.present.brief`)."""

from lib.present.brief_cli import main

if __name__ == "__main__":
    raise SystemExit(main())
