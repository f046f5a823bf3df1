"""`python -m lib.brief`: write the leaders' brief of one province, or of every province of a year.

    python -m lib.brief --province "Dak Lak" --year 2024 [--plan DLK-2020 | --plan-year 2020] [--lang vi|en]
        --out brief.pdf
    python -m lib.brief --year 2024 --all-provinces --out DIR [--lang vi|en] [--limit N]

The batch writes one PDF per province of the year's list (63 provinces up to
2024, 34 units from 2025), with or without a plan, and one combined PDF.
Progress goes to stderr; a province that fails does not stop the others and is
named at the end (exit status 1).  Exit status 2: a choice the data cannot answer.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from lib.domain import eras, i18n, paths, provinces
from lib.present import brief
from lib.present.brief_data import BriefError, gather
from lib.store import database, queries

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lib.brief", description="PAPI brief for leaders (PDF)")
    parser.add_argument("--province", help="province name (with or without diacritics) or GSO code")
    parser.add_argument("--all-provinces", action="store_true", help="one brief per province of the year")
    parser.add_argument("--year", type=int, required=True, help="PAPI year")
    parser.add_argument("--plan-year", type=int, default=None, help="the plan's year (default: the latest plan)")
    parser.add_argument("--plan", default=None, help="the plan's id (the dashboard's `plan` URL parameter; "
                        "default: the newest plan of --plan-year, else the newest plan)")
    parser.add_argument("--lang", choices=list(i18n.LANGUAGES), default=i18n.DEFAULT_LANGUAGE)
    parser.add_argument("--out", type=Path, required=True, help="PDF file (one brief) or folder (--all-provinces)")
    parser.add_argument("--limit", type=int, default=None, help="with --all-provinces: only the first N provinces")
    args = parser.parse_args(argv)
    lang = args.lang
    if bool(args.province) == bool(args.all_provinces):
        _say(i18n.t("br_cli_need", lang))
        return EXIT_USAGE
    con = database.connect(paths.store_path())
    try:
        years = queries.score_years(con)
        if args.year not in years:
            _say(i18n.t("br_cli_no_year", lang, year=args.year, years=", ".join(map(str, years))))
            return EXIT_USAGE
        if args.all_provinces:
            return _batch(con, args, years)
        era = eras.era_of_year(args.year)
        code = provinces.match_province(args.province, era)
        if code is None:
            suggestions = ", ".join(provinces.suggest_province(args.province, era)) or "—"
            _say(i18n.t("br_cli_unknown_province", lang, name=args.province, year=args.year,
                        suggestions=suggestions))
            return EXIT_USAGE
        try:
            data = gather(con, code, args.year, args.plan_year, plan_id=args.plan, years=years)
        except BriefError as error:
            _say(i18n.t(error.key, lang, **error.values))
            return EXIT_USAGE
        out = args.out
        if out.is_dir():
            out = out / brief.file_name(data, lang)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(brief.render([data], lang))
        _say(i18n.t("br_cli_wrote", lang, path=out))
        return EXIT_OK
    finally:
        con.close()


def _batch(con: object, args: argparse.Namespace, years: list[int]) -> int:
    """One PDF per province of the year's era, then the combined PDF; failures reported at the end."""
    lang, year = args.lang, args.year
    era = eras.era_of_year(year)
    # Every province of the year's list (the registry), also one without scores that year: its brief says so.
    registry = provinces.load_registry()
    units = registry[registry["era"] == era].sort_values(["name_vi", "code"]).reset_index(drop=True)
    if args.limit is not None:
        units = units.head(args.limit)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    done: list[brief.BriefData] = []
    failed: list[str] = []
    n = len(units)
    for i, (code, name) in enumerate(zip(units["code"], units["name_vi"], strict=True), start=1):
        started = time.perf_counter()
        try:
            data = gather(con, str(code), year, args.plan_year if args.plan_year else None, years=years)
            path = out / brief.file_name(data, lang)
            path.write_bytes(brief.render([data], lang))
            done.append(data)
            status = f"{path.name} ({time.perf_counter() - started:.2f} s)"
        except Exception as error:  # noqa: BLE001 - one province's failure must not stop the others
            failed.append(str(name))
            status = i18n.t("br_cli_failed", lang, error=f"{type(error).__name__}: {error}")
        _say(i18n.t("br_cli_progress", lang, i=i, n=n, province=name, status=status))
    combined = out / brief.combined_file_name(year, lang)
    if done:
        combined.write_bytes(brief.render(done, lang))
    _say(i18n.t("br_cli_summary", lang, ok=len(done), n=n, out=out, combined=combined.name if done else "—"))
    if failed:
        _say(i18n.t("br_cli_failures", lang, k=len(failed), names=", ".join(failed)))
        return EXIT_FAILED
    return EXIT_OK
