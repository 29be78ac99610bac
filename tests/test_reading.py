"""Reading pages: encodings, refusals, HTML detection and main-text extraction, folder walking."""

from __future__ import annotations

import codecs
import subprocess
import sys
from pathlib import Path

import pytest

from components.extract import html_text
from components.extract.html_text import html_main_text, strip_html
from components.extract.reading import (
    MAX_PAGE_BYTES,
    UnreadableInput,
    decode_page,
    iter_page_paths,
    read_page,
)

ROOT = Path(__file__).parent.parent
PAGES = ROOT / "tests" / "fixtures" / "pages"
SAMPLE = Path(__file__).parent.parent / "data" / "articles" / "000_0795dd7ba1cf26a9.txt"


def test_utf8_sample_page() -> None:
    page = read_page(SAMPLE)
    assert page.encoding == "utf-8"
    assert not page.is_html
    assert page.text.startswith("صرح نائب وزير الخارجية الروسي")
    assert page.name == str(SAMPLE)
    assert len(page.content_hash) == 64


def test_utf8_with_bom_has_no_bom_in_text() -> None:
    page = read_page(PAGES / "arabic_utf8_bom.txt")
    assert page.text.startswith("تشهد مدينة جدة")
    assert "\ufeff" not in page.text


def test_cp1256_file_is_detected() -> None:
    data = (PAGES / "arabic_cp1256.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    page = read_page(PAGES / "arabic_cp1256.txt")
    assert page.encoding == "cp1256"
    assert page.text == data.decode("cp1256")
    assert "وزيري خارجية أرمينيا وأذربيجان" in page.text


@pytest.mark.parametrize(
    "sentence",
    [
        "وقال الوزير إن المحادثات ستستأنف الأسبوع المقبل في موسكو.",
        "أرمينيا",
        "اتفاق السلام بين باكو ويريفان: الجولة الثالثة في 2024",
    ],
)
def test_short_cp1256_texts_decode_as_arabic(sentence: str) -> None:
    page = decode_page(codecs.encode(sentence, "cp1256"), "short.txt")
    assert page.text == sentence
    assert page.encoding == "cp1256"


def test_iso_8859_6_file() -> None:
    page = read_page(PAGES / "arabic_iso8859_6.txt")
    assert page.encoding == "iso8859-6"
    assert page.text.startswith("وقال الوزير إن المحادثات ستستأنف في يريفان")


def test_utf16_with_bom() -> None:
    page = read_page(PAGES / "arabic_utf16.txt")
    assert page.encoding == "utf-16"
    assert page.text.startswith("باكو (رويترز) - قال مسؤول أذربيجاني")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(encoding: str) -> None:
    text = "قال مسؤول أذربيجاني إن لجنتي ترسيم الحدود اجتمعتا يوم الجمعة 19 أبريل.\n"
    page = decode_page(text.encode(encoding), "nobom.txt")
    assert page.text == text
    assert page.encoding == encoding


def test_crlf_line_ends_are_normalised() -> None:
    page = decode_page("سطر أول.\r\nسطر ثان.\r\n".encode(), "crlf.txt")
    assert page.text == "سطر أول.\nسطر ثان.\n"


def test_text_without_arabic_is_readable() -> None:
    page = read_page(PAGES / "english.txt")
    assert page.text.startswith("The weather")


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty.txt", "empty file"),
        ("whitespace.txt", "empty file (only whitespace)"),
        ("image.png", "binary file (looks like PNG image)"),
        ("image_named.txt", "binary file (looks like PNG image)"),
        ("document.pdf", "binary file (looks like PDF document)"),
        ("archive.zip", "binary file (looks like ZIP archive or Office document)"),
        ("nul_bytes.txt", "binary file (contains NUL bytes)"),
    ],
)
def test_unreadable_files_are_refused_with_reason(name: str, reason: str) -> None:
    path = PAGES / name
    with pytest.raises(UnreadableInput) as caught:
        read_page(path)
    assert caught.value.reason == reason
    assert str(caught.value) == f"{path}: {reason}"


def test_control_characters_are_binary() -> None:
    with pytest.raises(UnreadableInput, match="control characters"):
        decode_page(bytes(range(1, 32)) * 10, "controls.txt")


def test_huge_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes("نص ".encode() * (MAX_PAGE_BYTES // 5 + 1000))
    size = path.stat().st_size
    with pytest.raises(UnreadableInput) as caught:
        read_page(path)
    expected = f"page is {size / 1024 / 1024:.1f} MB, the limit is 5 MB"
    assert caught.value.reason == expected


def test_huge_upload_is_refused() -> None:
    data = b"a" * (12 * 1024 * 1024 + 300 * 1024)
    with pytest.raises(UnreadableInput, match=r"upload\.txt: page is 12\.3 MB, the limit is 5 MB"):
        decode_page(data, "upload.txt")


def test_page_at_the_limit_is_read() -> None:
    page = decode_page(b"a" * MAX_PAGE_BYTES, "limit.txt")
    assert len(page.text) == MAX_PAGE_BYTES


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(UnreadableInput, match="file not found"):
        read_page(tmp_path / "nope.txt")
    with pytest.raises(UnreadableInput, match="is a folder, not a file"):
        read_page(tmp_path)


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("نص", encoding="utf-8")

    def refuse(self: Path, *args: object, **kwargs: object) -> object:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(UnreadableInput, match="locked.txt: permission denied"):
        read_page(path)


def test_content_hash_ignores_whitespace_layout() -> None:
    one = decode_page("نص  عربي\nثان".encode(), "a.txt")
    two = decode_page("نص عربي   ثان\n\n".encode(), "b.txt")
    three = decode_page("نص عربي ثالث".encode(), "c.txt")
    assert one.content_hash == two.content_hash != three.content_hash


def test_html_detected_by_extension_and_by_content() -> None:
    assert read_page(PAGES / "article.html").is_html
    sniffed = decode_page((PAGES / "article.html").read_bytes(), "upload")
    assert sniffed.is_html
    assert not decode_page("نص عادي فيه علامة < صغيرة".encode(), "upload").is_html


def test_html_declared_cp1256_charset() -> None:
    page = read_page(PAGES / "article_cp1256.html")
    assert page.encoding == "cp1256"
    assert "أرارات ميرزويان" in page.text


def test_html_main_text_skips_script_style_and_menus() -> None:
    extracted = html_main_text((PAGES / "article.html").read_text(encoding="utf-8"))
    assert "alert" not in extracted.text
    assert "سكربت" not in extracted.text
    assert "font-family" not in extracted.text
    assert "رياضة" not in extracted.text  # navigation menu
    assert "الذهب يهبط" not in extracted.text  # related links
    assert "جميع الحقوق محفوظة" not in extracted.text
    assert extracted.text.startswith("تشهد مدينة جدة")  # the headline is kept apart as the title
    assert len(extracted.text.split("\n")) == 4  # one line per paragraph
    assert extracted.title == "جولة جديدة من المحادثات بين روسيا وأوكرانيا في جدة"
    assert extracted.url == "https://example.org/news/2025/03/24/talks-jeddah"
    assert extracted.date == "2025-03-24"
    assert extracted.sitename == "البلاد"
    assert extracted.keywords == ("روسيا", "أوكرانيا", "جدة")


def test_small_snippet_falls_back_to_tag_stripping() -> None:
    extracted = html_main_text((PAGES / "snippet.html").read_text(encoding="utf-8"))
    assert extracted.text == "عاجل: وصول الوفد\nإلى جدة"


def test_strip_html_uses_the_parser_not_regexes() -> None:
    html = (
        "<p>أ &amp; ب</p><script>if (a < b) { alert('<p>x</p>') }</script>"
        "<style>p{}</style><nav>قائمة</nav><p>ج<br/>د</p><!-- تعليق -->"
    )
    extracted = strip_html(html)
    assert extracted.text == "أ & ب\nج\nد"


def test_when_trafilatura_fails_the_fallback_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    def failing(*args: object, **kwargs: object) -> object:
        raise ValueError("odd markup")

    monkeypatch.setattr(html_text.trafilatura, "bare_extraction", failing)
    extracted = html_main_text((PAGES / "article.html").read_text(encoding="utf-8"))
    assert "alert" not in extracted.text and "سكربت" not in extracted.text
    assert "وأكد المتحدث باسم الكرملين" in extracted.text
    assert extracted.title == "جولة جديدة من المحادثات بين روسيا وأوكرانيا في جدة | البلاد"


@pytest.mark.parametrize(
    ("module", "package"),
    [
        ("components.extract.html_text", "trafilatura"),
        ("components.extract.html_text", "lxml"),
        ("components.extract.dates.resolve", "hijridate"),
        ("components.extract.cli", "hijridate"),
    ],
)
def test_a_missing_dependency_fails_at_import_naming_it(module: str, package: str) -> None:
    """Without the package the module does not load (nothing is silently skipped); the error names it."""
    code = f"import sys; sys.modules[{package!r}] = None; import {module}"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False)
    assert run.returncode != 0
    assert "ModuleNotFoundError" in run.stderr and package in run.stderr.strip().splitlines()[-1]


def test_without_charset_normalizer_a_legacy_page_fails_naming_it() -> None:
    """Only pages that are not UTF-8 need it, so it is imported when one is read; without it that read
    fails with an error naming the package (nothing is silently skipped)."""
    code = (
        "import sys; sys.modules['charset_normalizer'] = None\n"
        "from components.extract.reading import decode_page\n"
        "print(decode_page('قال الوزير'.encode('utf-8'), 'a.txt').encoding)\n"
        "decode_page('قال الوزير'.encode('cp1256'), 'b.txt')"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False)
    assert run.stdout.strip() == "utf-8" and run.returncode != 0
    assert "charset_normalizer" in run.stderr.strip().splitlines()[-1]


def test_text_pages_do_not_load_the_html_extractor() -> None:
    code = (
        "import sys\n"
        "from components.extract.pipeline import extract_page\n"
        "from components.extract.reading import decode_page\n"
        "extract_page(decode_page('قال الوزير أمس إن المحادثات مثمرة.'.encode('utf-8'), 'a.txt'))\n"
        "print('trafilatura' in sys.modules, 'charset_normalizer' in sys.modules)"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert run.stdout.split() == ["False", "False"]


def test_iter_page_paths(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    for name in [
        "b/2.txt",
        "b/1.html",
        "a.htm",
        "noext",
        "a.txt.meta.json",
        "x.meta.json",
        "img.png",
        ".secret.txt",
        ".hidden/in.txt",
        "c.TXT",
    ]:
        (tmp_path / name).write_text("نص", encoding="utf-8")
    explicit = tmp_path / "img.png"
    found = list(iter_page_paths([tmp_path, explicit, tmp_path / "missing.txt"]))
    relative = [str(path.relative_to(tmp_path)) for path in found]
    assert relative == ["a.htm", "b/1.html", "b/2.txt", "c.TXT", "noext", "img.png", "missing.txt"]


def test_a_truncated_binary_header_is_not_taken_for_text() -> None:
    with pytest.raises(UnreadableInput, match="encoding"):
        decode_page(b"\x89PNG\r\n", "cut.txt")


def test_noscript_text_is_not_article_text() -> None:
    html = (
        "<html><head><script>var x='أمس';</script></head><body><p>التقى رئيس الوزراء الأرميني نيكول باشينيان "
        "الرئيس الأذربيجاني إلهام علييف في موسكو يوم 25 مايو 2023.</p>"
        "<noscript>وقع الطرفان اتفاقا في 2 يونيو 2023</noscript></body></html>"
    )
    text = html_main_text(html).text
    assert "التقى رئيس الوزراء" in text and "وقع الطرفان" not in text


LEDE_PAGE = """<html><head><title>عنوان</title></head><body><nav><a href="/">الرئيسية</a></nav>
<div class="article"><h1>متظاهرون يقتحمون مبنى البلدية</h1>
<div class="article__announce-text">أفادت وسائل إعلام محلية، اليوم السبت، بأن متظاهرين اقتحموا مبنى البلدية في وسط المدينة.</div>
<div class="article__body">{body}</div></div>
<div class="related-summary"><a href="/a">خبر آخر طويل بما يكفي ليبدو فقرة كاملة من نص المقال</a></div></body></html>"""
BODY = "".join(
    f"<p>{'وذكرت التقارير أن قوات الأمن استخدمت خراطيم المياه لتفريق المحتجين في الساحة. ' * 3}</p>" for _ in range(4)
)


def test_a_lede_outside_the_body_is_kept_before_it() -> None:
    text = html_main_text(LEDE_PAGE.format(body=BODY)).text
    assert text.startswith("أفادت وسائل إعلام محلية، اليوم السبت")
    assert text.count("أفادت وسائل إعلام") == 1 and "خبر آخر" not in text  # once, and a block of links is no lede
