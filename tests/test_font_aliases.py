"""Issue 13 §3, §7: the fontconfig aliases LibreOffice uses to show the .docx, and `docgen fonts` on them.

Each test runs fontconfig with a configuration of its own (``FONTCONFIG_FILE``): the
machine's ``/etc/fonts/conf.d`` without docgen's alias file, plus — as the test needs —
the project's alias file and a folder with a font that calls itself 方正小标宋简体.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT
from docgen.font_aliases import ALIAS_FILE_NAME, docx_font_substitutions

pytestmark = pytest.mark.pdf  # `docgen fonts` lays out its samples with WeasyPrint

SYSTEM_CONF_D = Path("/etc/fonts/conf.d")
ALIASES = ROOT / "scripts" / "fontconfig" / ALIAS_FILE_NAME


def _config(tmp_path: Path, *, aliases: bool, font_dirs: tuple[Path, ...] = ()) -> Path:
    """A fonts.conf: the system's rules (docgen's aside), then optionally docgen's, in file-name order."""
    assert SYSTEM_CONF_D.is_dir(), "no /etc/fonts/conf.d: run make setup"
    rules = sorted(p for p in SYSTEM_CONF_D.glob("*.conf") if p.name != ALIAS_FILE_NAME)
    if aliases:
        rules = sorted([*rules, ALIASES], key=lambda p: p.name)
    dirs = "".join(f"<dir>{d}</dir>" for d in ("/usr/share/fonts", "/usr/local/share/fonts", *font_dirs))
    includes = "".join(f"<include>{p.resolve()}</include>" for p in rules)
    conf = tmp_path / "fonts.conf"
    conf.write_text(f'<?xml version="1.0"?><fontconfig>{dirs}<cachedir>/var/cache/fontconfig</cachedir>'
                    f"<cachedir>{tmp_path / 'cache'}</cachedir>{includes}</fontconfig>", encoding="utf-8")
    return conf


def _fc_match(conf: Path, pattern: str) -> tuple[str, str, str]:
    out = subprocess.run(["fc-match", "-f", "%{family}|%{style[0]}|%{embolden}", pattern],
                         capture_output=True, text=True, check=True, timeout=60,
                         env={**os.environ, "FONTCONFIG_FILE": str(conf)}).stdout
    family, style, embolden = out.split("|")
    return family, style, embolden


def test_with_the_aliases_every_docx_font_gets_its_stand_in_and_the_title_the_bold_face(tmp_path, monkeypatch):
    monkeypatch.setenv("FONTCONFIG_FILE", str(_config(tmp_path, aliases=True)))
    subs = {s.name: s for s in docx_font_substitutions()}
    assert all(s.ok for s in subs.values()), subs
    assert subs["仿宋_GB2312"].family == "FandolFang"
    assert (subs["方正小标宋简体"].family, subs["方正小标宋简体"].style) == ("Noto Serif CJK SC", "Bold")
    assert subs["宋体"].family == "AR PL SungtiL GB"


def test_without_the_aliases_the_docx_falls_to_sans_and_docgen_fonts_says_how_to_fix_it(tmp_path, monkeypatch):
    conf = _config(tmp_path, aliases=False)
    monkeypatch.setenv("FONTCONFIG_FILE", str(conf))
    wrong = {s.name for s in docx_font_substitutions() if not s.ok}
    assert {"仿宋_GB2312", "方正小标宋简体", "楷体_GB2312", "宋体"} <= wrong

    proc = subprocess.run([sys.executable, "-m", "docgen", "fonts"], cwd=ROOT, capture_output=True,
                          text=True, timeout=300, env={**os.environ, "FONTCONFIG_FILE": str(conf)})
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    section = out[out.index("查看 .docx 时的字体"):]
    assert "仿宋_GB2312 → " in section and "不对 wrong kind of face" in section
    assert "docgen 的字体别名没有生效" in section
    assert f"sudo install -m 0644 scripts/fontconfig/{ALIAS_FILE_NAME} /etc/fonts/conf.d/" in section
    assert f"cp scripts/fontconfig/{ALIAS_FILE_NAME} ~/.config/fontconfig/conf.d/" in section


def test_docgen_fonts_is_quiet_about_the_docx_when_the_aliases_are_active():
    proc = subprocess.run([sys.executable, "-m", "docgen", "fonts"], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "查看 .docx 时的字体" in proc.stdout and "字体别名没有生效" not in proc.stdout


@pytest.fixture
def fake_xiaobiaosong(tmp_path) -> Path:
    """A font file that calls itself 方正小标宋简体 / FZXiaoBiaoSong-B05S (FandolSong renamed), regular only."""
    from fontTools.ttLib import TTFont

    found = subprocess.run(["fc-match", "-f", "%{file}", "FandolSong:style=Regular"], capture_output=True,
                           text=True, check=True, timeout=60).stdout
    source = Path(found)
    assert source.name == "FandolSong-Regular.otf", "FandolSong missing: run make setup"
    font = TTFont(str(source))
    for rec in list(font["name"].names):
        if rec.nameID in (1, 4, 16):
            font["name"].setName("方正小标宋简体" if rec.platformID == 3 else "FZXiaoBiaoSong-B05S",
                                 rec.nameID, rec.platformID, rec.platEncID, rec.langID)
        elif rec.nameID == 6:
            font["name"].setName("FZXiaoBiaoSong-B05S", 6, rec.platformID, rec.platEncID, rec.langID)
    folder = tmp_path / "office-fonts"
    folder.mkdir()
    font.save(str(folder / "xiaobiaosong.otf"))
    return folder


def test_an_installed_xiaobiaosong_is_used_as_it_is_never_emboldened(tmp_path, fake_xiaobiaosong):
    """The title rule asks for the Bold *style*: the family still wins, at its own weight."""
    conf = _config(tmp_path, aliases=True, font_dirs=(fake_xiaobiaosong,))
    family, style, embolden = _fc_match(conf, "方正小标宋简体:lang=zh-cn:weight=regular")
    assert "方正小标宋简体" in family.split(",") and style == "Regular"
    assert embolden != "True"
    # Asking for the bold *weight* instead would have made fontconfig embolden the real face:
    assert _fc_match(conf, "方正小标宋简体:lang=zh-cn:weight=bold")[2] == "True"
