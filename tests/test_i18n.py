"""The one catalogue of user-facing text (lib/domain/i18n.py): complete in both languages, no fallback,
one way to join a list, and every message of the file checks and the importer in it."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from lib.domain import i18n, papi
from lib.domain.paths import ROOT
from lib.ingest import validate
from lib.store import importer
from tests.apptest_helpers import language_widget, start_app

SOURCES = sorted([*ROOT.glob("lib/**/*.py"), *ROOT.glob("pages/*.py"), ROOT / "app.py"])


def _code() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in SOURCES if p.name != "i18n.py")


def test_every_key_has_both_languages_with_the_same_placeholders() -> None:
    assert i18n.problems() == []


@pytest.mark.parametrize(
    ("labels", "defect"),
    [
        ({"k": ("", "Only English")}, "k: present in ['en'] only"),
        ({"k": ("Chỉ tiếng Việt",)}, "k: present in ['vi'] only"),
        ({"k": ("Chỉ tiếng Việt", "   ")}, "k: present in ['vi'] only"),
        ({"k": ("{province} năm {year}", "{province}")},
         "k: placeholders differ: vi ['province', 'year']; en ['province']"),
        ({"k": ("Hạng {rank}", "Rank {place}")}, "k: placeholders differ: vi ['rank']; en ['place']"),
    ],
)
def test_the_check_reports_a_text_in_one_language_only_and_differing_placeholders(
    labels: dict[str, tuple[str, ...]], defect: str
) -> None:
    assert i18n.problems(labels) == [defect]


def test_the_check_accepts_the_same_placeholder_with_different_formats() -> None:
    assert i18n.problems({"k": ("{delta:+d} bậc", "{delta} places"), "h": ("%{y:.2f} điểm", "%{y:.1f}")}) == []


def test_there_is_no_fallback_for_a_missing_key_or_language() -> None:
    with pytest.raises(KeyError):
        i18n.t("no_such_key", "vi")
    with pytest.raises(ValueError, match="unknown language"):
        i18n.t("province", "fr")
    assert i18n.t("province", "vi") == "Tỉnh/thành phố"
    assert i18n.t("province", "en") == "Province"


def test_values_fill_the_text_of_either_language() -> None:
    assert i18n.t("wl_rank_value", "vi", rank=62, ranked=63) == "62/63"
    assert i18n.t("wl_rank_value", "en", rank=62, ranked=63) == "62 of 63"


@pytest.mark.parametrize(
    ("names", "lang", "limit", "joined"),
    [
        ([], "vi", None, ""),
        (["Đắk Lắk"], "vi", None, "Đắk Lắk"),
        (["Đắk Lắk", "Phú Yên"], "vi", None, "Đắk Lắk và Phú Yên"),
        (["Kon Tum", "Gia Lai", "Đắk Lắk"], "vi", None, "Kon Tum, Gia Lai và Đắk Lắk"),
        (["Kon Tum", "Gia Lai", "Đắk Lắk"], "en", None, "Kon Tum, Gia Lai and Đắk Lắk"),
        (["A", "B", "C", "D", "E"], "vi", 3, "A, B và C (+2)"),
        (["A", "B", "C", "D", "E"], "en", 3, "A, B and C (+2)"),
        (["A", "B"], "en", 3, "A and B"),
    ],
)
def test_one_join_for_lists(names: list[str], lang: str, limit: int | None, joined: str) -> None:
    assert i18n.join(names, lang, limit=limit) == joined


def test_no_other_list_joining_remains() -> None:
    code = _code()
    assert '" và "' not in code and "' và '" not in code
    assert "join_names" not in code


def test_every_problem_code_has_a_text_and_a_fix_in_the_catalogue() -> None:
    for code in validate.SEVERITY:
        assert f"vd_{code}" in i18n.LABELS, code
        assert f"vd_{code}_fix" in i18n.LABELS, code


def test_every_problem_code_raised_in_ingest_has_a_severity() -> None:
    source = "\n".join(p.read_text(encoding="utf-8") for p in ROOT.glob("lib/ingest/*.py"))
    raised = set(re.findall(r'(?:Issue|out\.add)\(\s*"([a-z_]+)"', source))
    assert "unknown_province" in raised and "too_large" in raised  # the pattern finds them
    assert raised <= set(validate.SEVERITY), raised - set(validate.SEVERITY)


def test_a_problem_reads_the_same_in_both_languages_apart_from_the_words() -> None:
    p = validate.Problem(validate.ERROR, "unknown_province", "2024", 14, "B (tentinh_vie)", "Dak Lac",
                         (("suggestion", "Đắk Lắk"),))
    assert p.located("vi") == ("Trang tính '2024', dòng 14, cột 'B (tentinh_vie)': Không nhận ra tỉnh 'Dak Lac'. "
                               "Có phải 'Đắk Lắk'?")
    assert p.located("en") == ("Sheet '2024', row 14, column 'B (tentinh_vie)': Province 'Dak Lac' is not "
                               "recognised. Did you mean 'Đắk Lắk'?")
    assert p.fix("en") == "Correct the province name and upload again."
    scale = validate.Problem(validate.ERROR, "out_of_scale", "CSV", 3, "score", "12",
                             (("low", "1"), ("high", "10"), ("dimension", 2), ("sub", None)))
    assert scale.message("vi") == "Điểm 12 nằm ngoài thang điểm 1–10 của nội dung 2."
    assert scale.message("en") == "Score 12 is outside the 1–10 scale of dimension 2."


def test_every_importer_refusal_reads_in_both_languages() -> None:
    refusals = [
        importer.Refused("invalid", "invalid_preview"),
        importer.Refused("invalid", "invalid_commit"),
        importer.Refused("no_user", "no_uploader"),
        importer.Refused("no_user"),
        importer.Refused("stale"),
        importer.Refused("needs_confirmation", years="2020"),
        importer.Refused("not_found", id=7),
        importer.Refused("already_rolled_back", id=7),
        importer.Refused("later_uploads", uploads="#8"),
        importer.Refused("locked", path="/tmp/papi.duckdb"),
    ]
    for refusal in refusals:
        assert refusal.message("vi") != refusal.message("en")
        assert str(refusal) == refusal.message("en")
    assert refusals[6].message("vi") == "Không có lần tải lên số 7."
    assert refusals[6].message("en") == "There is no upload 7."


def test_every_methodology_break_is_explained() -> None:
    years = {year for breaks in papi.BREAKS.values() for year in breaks} | set(papi.TOTAL_BREAKS)
    for year in years:
        assert i18n.t(f"break_reason_{year}", "vi").startswith(f"{year}: ")
        assert i18n.t(f"break_reason_{year}", "en").startswith(f"{year}: ")


def test_every_key_is_used() -> None:
    """A key nobody reads is dead text; keys built at run time are matched by their f-string prefix."""
    code = _code()
    prefixes = set(re.findall(r'f["\']([a-z][a-z0-9]*_[a-z0-9_]*)\{', code))
    unused = [key for key in i18n.LABELS
              if not re.search(rf'["\']{re.escape(key)}["\']', code) and not key.startswith(tuple(prefixes))
              and key not in {"list_and", "list_more"}]  # read by i18n.join itself
    assert unused == []


def _text_branches(path: str, tree: ast.AST) -> list[str]:
    """`"..." if lang == "en" else "..."`: a text chosen by language (not a column name such as "name_en")."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.IfExp) and "lang" in ast.unparse(node.test):
            branches = [node.body, node.orelse]
            if any(isinstance(b, ast.Constant | ast.JoinedStr) and re.search(r"[A-Za-zÀ-ỹ]{3}", ast.unparse(b))
                   and not re.fullmatch(r"'[a-z0-9_]*'", ast.unparse(b)) for b in branches):
                found.append(f"{path}:{node.lineno}: {ast.unparse(node)[:80]}")
    return found


def test_no_text_is_chosen_by_language_outside_the_catalogue() -> None:
    found: list[str] = []
    for path in SOURCES:
        if path.name == "i18n.py":
            continue
        found += _text_branches(str(path.relative_to(ROOT)), ast.parse(path.read_text(encoding="utf-8")))
    assert found == []


def test_the_language_check_finds_an_inline_translation() -> None:
    tree = ast.parse('label = "Tỉnh" if lang == "vi" else "Province"\n')
    assert _text_branches("x.py", tree) == ['x.py:1: \'Tỉnh\' if lang == \'vi\' else \'Province\'']


def test_the_sidebar_names_each_language_in_itself_and_switches_every_label(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = start_app(tmp_path / "papi.duckdb", monkeypatch)
    switch = language_widget(at)
    assert switch.label == "Ngôn ngữ / Language"
    assert [o.content for o in switch.proto.options] == ["Tiếng Việt", "English"]
    assert [s.label for s in at.sidebar.selectbox] == ["Tỉnh/thành phố", "Năm PAPI", "Kế hoạch"]
    switch.set_value("en").run()
    switch = language_widget(at)
    assert [o.content for o in switch.proto.options] == ["Tiếng Việt", "English"]
    assert [s.label for s in at.sidebar.selectbox] == ["Province", "PAPI year", "Plan"]
    assert [m.label for m in at.sidebar.multiselect] == ["Comparison group"]


def test_every_key_the_code_reads_is_in_the_catalogue() -> None:
    """A key read by `t("...")` that the catalogue lacks would raise only when that text is shown."""
    read = set(re.findall(r'\bt\(\s*["\']([a-z][a-z0-9_]+)["\']', _code()))
    assert "wl_province_score" in read  # the pattern finds the keys
    assert sorted(read - set(i18n.LABELS)) == []
