"""A restyled ``report.docx``: the CSS that makes the PDF follow it, and what the PDF cannot follow.

Users restyle the .docx template in Word; the .docx output keeps those styles by
itself, the PDF is laid out by ``report.css``.  Given the template, :func:`restyle_css`
writes CSS, applied after report.css, for the styles whose font, size, bold,
alignment or first-line indent differ from docgen's own (both read by
:mod:`docgen.docx.styles`).  The page and the 28.95 pt line grid stay; what the PDF
cannot follow (line spacing, margins, fonts this machine lacks …) is listed by
:func:`pdf_style_differences`, for the command line to print.  No WeasyPrint here.
"""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

from ..docx.styles import Geometry, StyleProps, TemplateStyles, default_styles, read_template
from ..cjk_runs import AUTOSPACE
from ..layout import BODY_SZ, CSS_LETTER_SPACING_PT, TEXT_ROLES, TextRole
from .fonts import css_font_family, font_family_list, font_installed, font_kind, known_font_names


# ---------------------------------------------------------------- the CSS of a restyled template

_ALIGN = {"both": "justify", "distribute": "justify", "justify": "justify", "left": "left", "start": "left",
          "center": "center", "right": "right", "end": "right"}


def _pt(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") + "pt"


def _role_css(role: TextRole, props: StyleProps, declared: frozenset[str]) -> tuple[dict[str, str], dict[str, str]]:
    """CSS declarations of one style (and of its Latin runs) as report.css would write them."""
    css: dict[str, str] = {}
    latin: dict[str, str] = {}
    if props.east_asia:
        css["font-family"] = css_font_family(font_family_list(props.east_asia, role.east_asia, declared))
    size = (props.size or BODY_SZ) / 2
    if props.size:
        css["font-size"] = _pt(size)
    # A heavy kind (小标宋) is set in its stand-in's Bold, as report.css sets the title.
    kind = font_kind(props.east_asia) if props.east_asia else role.east_asia
    heavy = kind is not None and kind.bold
    css["font-weight"] = "bold" if props.bold or heavy else "normal"
    if props.jc:
        css["text-align"] = _ALIGN.get(props.jc, "justify")
    if role.margin_box is None:
        unit, amount = props.first_line
        # a character unit is the font size, as in Word (report.css: 2 x 16 pt)
        css["text-indent"] = _pt(amount / 100 * size if unit == "chars" else amount / 20)
        if props.latin:
            latin["font-family"] = css_font_family(font_family_list(props.latin, role.latin, declared))
        latin["font-weight"] = "bold" if props.bold else "normal"  # the style's own w:b (小标宋 aside)
    return css, latin


def _shown_roles(new: TemplateStyles, old: TemplateStyles) -> list[TextRole]:
    """The roles the PDF shows (a selector in report.html) that both templates have."""
    return [role for role in TEXT_ROLES
            if role.selector is not None and role.key in new.roles and role.key in old.roles]


def _changed(new: dict[str, str], old: dict[str, str]) -> str:
    return " ".join(f"{k}: {v};" for k, v in new.items() if old.get(k) != v)


def restyle_css(docx_template: Path, declared: frozenset[str] = frozenset()) -> str:
    """CSS that makes the PDF follow the styles a user changed in the .docx template.

    For each style the PDF shows (:data:`docgen.layout.TEXT_ROLES` with a selector in
    report.html), the declarations that differ from
    docgen's own styles (:func:`docgen.docx.styles.default_styles`): font (the
    template's font first, then the stand-ins of its kind), size, weight, alignment,
    first-line indent.  Applied after report.css, so the page, the margins and the
    28.95 pt line grid stay.  An unchanged template gives "" (the same PDF, byte for
    byte).  ``declared``: the @font-face families of the office's fonts.
    """
    new, old = read_template(docx_template), default_styles()
    rules = []
    for role in _shown_roles(new, old):
        css, latin = _role_css(role, new.roles[role.key], declared)
        base_css, base_latin = _role_css(role, old.roles[role.key], declared)
        body, latin_body = _changed(css, base_css), _changed(latin, base_latin)
        if role.margin_box:
            side, box = role.margin_box
            if body:
                rules.append(f"@page {side} {{ @{box} {{ {body} }} }}")
            continue
        if body:
            rules.append(f"{role.selector} {{ {body} }}")
        if latin_body:
            rules.append(f"{role.selector} .latin {{ {latin_body} }}")
        if "font-size" in body:
            rules.append(_autospace_css(role, (new.roles[role.key].size or BODY_SZ) / 2))
    return "".join(rule + "\n" for rule in rules)


def _autospace_css(role: TextRole, size: float) -> str:
    """report.css's Asian/Latin gap (1/5 of the font size, plus the given-back letter
    spacing of 0.25 pt except in the untightened title) for a restyled size: a Times space is 0.25 em."""
    gap = AUTOSPACE * size + (CSS_LETTER_SPACING_PT if role.tight else 0)
    selector = role.selector
    return f"{selector} .as {{ font-size: {_pt(4 * gap)}; }} {selector} .pk {{ margin-right: {_pt(gap)}; }}"


# ---------------------------------------------------------------- what the PDF cannot follow


def _twips(twips: int) -> str:
    return f"{twips / 20:g} 磅 pt"


def _length(value: tuple[str, int]) -> str:
    unit, n = value
    if unit == "chars":
        return f"{n / 100:g} 字符 chars"
    if unit == "lines":
        return f"{n / 100:g} 行 lines"
    return _twips(n)


def _line(value: tuple[int, str] | None) -> str:
    if value is None:
        return "未设置 unset"
    line, rule = value
    if rule == "auto":
        return f"{line / 240:g} 倍行距 × single"
    return f"{'最小值 at least' if rule == 'atLeast' else '固定值 exactly'} {_twips(line)}"


#: Formatting of a style that the PDF does not follow: (field, 中文, English, how to show a value).
_NOT_FOLLOWED = (
    ("line", "行距", "line spacing", _line),
    ("before", "段前间距", "space before", _length),
    ("after", "段后间距", "space after", _length),
    ("left", "左缩进", "left indent", _length),
    ("right", "右缩进", "right indent", _length),
    ("char_spacing", "字符间距", "character spacing", _twips),
    ("italic", "倾斜", "italic", lambda v: "是 yes" if v else "否 no"),
    ("underline", "下划线", "underline", str),
    ("color", "字体颜色", "font colour", str),
)


def _style_differences(role: TextRole, new: StyleProps, old: StyleProps) -> list[str]:
    label = role.label
    out = []
    checks = list(_NOT_FOLLOWED)
    if role.margin_box:  # the page number is one margin box: one font list
        checks.append(("latin", "西文字体", "Latin font", str))
    for name, zh, en, show in checks:
        a, b = getattr(old, name), getattr(new, name)
        if a != b:
            out.append(f"样式“{label}”的{zh}改为 {show(b)}（docgen 默认 {show(a)}），PDF 不采用此项，"
                       f"仍按公文版式排版。style {label}: {en} changed in the template is not applied "
                       "to the PDF, which keeps the official layout")
    return out


def _font_differences(role: TextRole, new: StyleProps) -> list[str]:
    """Fonts of no kind docgen knows that this machine lacks: the PDF shows a stand-in."""
    known = known_font_names()
    out = []
    for font in dict.fromkeys(f for f in (new.east_asia, new.latin) if f):
        if font not in known and font_kind(font) is None and font_installed(font) is False:
            out.append(f"样式“{role.label}”的字体“{font}”在本机未安装，PDF 用替代字体。"
                       f"font {font} of style {role.label} is not installed: the PDF uses a stand-in "
                       "(docgen fonts shows which)")
    return out


_GEOMETRY_LABELS = {
    "page": ("纸张大小", "paper size"),
    "margins": ("页边距", "page margins"),
    "footer": ("页脚距边界", "footer distance"),
    "grid": ("文档网格", "line grid"),
}


def pdf_style_differences(docx_template: Path) -> list[str]:
    """What the template changed that the PDF cannot follow, as warnings (中文 + English).

    Fonts, sizes, bold, alignment and first-line indent of the styles are followed
    (:func:`restyle_css`); the page, the 28.95 pt line grid and the
    other formatting listed here stay as in ``report.css``.  An unchanged template
    gives an empty list.
    """
    new, old = read_template(docx_template), default_styles()
    out = []
    for f in fields(Geometry):
        a, b = getattr(old.geometry, f.name), getattr(new.geometry, f.name)
        if a != b:
            zh, en = _GEOMETRY_LABELS[f.name]
            out.append(f"模板的{zh}与公文版式不同，PDF 不采用，仍为 A4、上 37 下 35 左 28 右 26 毫米、每页 22 行。"
                       f"{en} changed in the template is not applied to the PDF, which keeps the official page")
    for role in _shown_roles(new, old):
        out += _style_differences(role, new.roles[role.key], old.roles[role.key])
        out += _font_differences(role, new.roles[role.key])
    return out
