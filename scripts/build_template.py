"""Build ``templates/report.docx``: the docxtpl template of the official layout.

Run ``python scripts/build_template.py`` (or ``make template``) and commit the
result.  The template is an ordinary Word file: users may open it in Word or
WPS and restyle it (change a style's font, indent, spacing), and docgen keeps
using it as long as the ``{{ … }}`` / ``{%p … %}`` tags stay in place.

Layout numbers and styles live in :mod:`docgen.layout` (written as XML by
:mod:`docgen.docx.build`); this script only decides which text goes in which style.
Every list number comes from a loop (``loop.index``), so content never carries
typed numbers and a list cannot come out 1、2、2.
"""

from __future__ import annotations

import datetime as dt
import sys
from io import BytesIO
from pathlib import Path

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from docgen.docx import build as oxml  # noqa: E402
from docgen.layout import TEXT_ROLES  # noqa: E402
from docgen.write import atomic_write, deterministic_docx  # noqa: E402

# (style, text) in document order.  "{%p …%}" paragraphs are removed by docxtpl.
BODY: list[tuple[str, str]] = [
    ("Label", "{%p if label %}"),
    ("Label", "{{ label }}"),
    ("Label", "{%p endif %}"),
    ("Title", "{{ title_lines|join('\\n') }}"),
    ("FrontMatter", "{%p for field in front_matter %}"),
    ("FrontMatter", "{{ field }}"),
    ("FrontMatter", "{%p endfor %}"),
    ("Normal", "{%p for b in body %}"),
    ("Normal", "{%p if b.kind == 'heading1' %}"),
    ("Heading1", "{{ b.text }}"),
    ("Normal", "{%p elif b.kind == 'heading2' %}"),
    ("Heading2", "{{ b.text }}"),
    ("Normal", "{%p elif b.kind == 'heading3' and b.bold %}"),
    ("Heading3:bold", "{{ b.text }}"),
    ("Normal", "{%p elif b.kind == 'heading3' %}"),
    ("Heading3", "{{ b.text }}"),
    ("Normal", "{%p elif b.kind == 'heading4' %}"),
    ("Heading4", "{{ b.text }}"),
    ("Normal", "{%p elif b.kind == 'table' %}"),
    ("Normal", "{{p b.xml }}"),
    ("Normal", "{%p else %}"),
    ("Normal", "{{ b.text }}"),
    ("Normal", "{%p endif %}"),
    ("Normal", "{%p endfor %}"),
    ("Signature", "{%p for line in signature %}"),
    ("Signature", "{{ line }}"),
    ("Signature", "{%p endfor %}"),
]

FIXED_TIME = dt.datetime(2021, 1, 1, tzinfo=dt.timezone.utc)
XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def build() -> bytes:
    doc = Document()
    # Replace python-docx's default styles (theme fonts, Calibri) with ours.
    doc.part._styles_part._element = parse_xml(oxml.styles_xml())
    _drop_unneeded_parts(doc)

    body = doc.element.body
    for p in list(body.iterchildren()):
        if p.tag.endswith("}p"):
            body.remove(p)

    for style, text in BODY:
        style, _, bold = style.partition(":")
        run = doc.add_paragraph(style=_style_name(style)).add_run(text)
        if bold:  # a level-3 heading the author asked to be bold (仿宋 bold, GB/T 9704)
            run.bold = True

    section = doc.sections[0]
    doc.settings.odd_and_even_pages_header_footer = True
    section.footer.is_linked_to_previous = False
    section.even_page_footer.is_linked_to_previous = False
    _fill_footer(section.footer, "PageNumberOdd")
    _fill_footer(section.even_page_footer, "PageNumberEven")

    refs = {}
    for rel in doc.part.rels.values():
        if rel.reltype == RT.FOOTER:
            kind = "even" if rel.target_part is section.even_page_footer.part else "default"
            refs[kind] = rel.rId
    oxml.set_page_geometry(section._sectPr, footer_refs=dict(sorted(refs.items())))

    cp = doc.core_properties
    cp.title = "{{ title }}"
    cp.author = "{{ author }}"
    cp.subject = "{{ kind }}"
    cp.language = "zh-CN"
    cp.keywords = "{{ kind }}"
    cp.comments = "由 docgen 根据 content/{{ year }}.yaml 生成"
    cp.last_modified_by = "docgen"
    cp.revision = 1
    cp.created = FIXED_TIME.replace(tzinfo=None)
    cp.modified = FIXED_TIME.replace(tzinfo=None)

    buf = BytesIO()
    doc.save(buf)
    return deterministic_docx(buf.getvalue())


def _drop_unneeded_parts(doc) -> None:
    """Drop what python-docx's default template carries and the report must not:
    Calibri/Cambria styles-with-effects, a thumbnail of a blank page, customXml,
    an unused numbering part, another application's name and counts; list only our
    fonts in the font table; Word 2013+ compatibility mode."""
    unwanted = ("stylesWithEffects", "customXml", "numbering")
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype.rsplit("/", 1)[-1] in unwanted:
            doc.part.drop_rel(rid)
        elif rel.reltype == RT.FONT_TABLE:
            # python-docx loads the font table as a plain (blob) Part, not an XmlPart:
            # setting ``_element`` would be silently ignored and its Arial/Calibri list kept.
            rel.target_part._blob = XML_DECLARATION + oxml.font_table_xml()
    pkg_rels = doc.part.package.rels
    for rid, rel in list(pkg_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del pkg_rels[rid]
        elif rel.reltype == RT.EXTENDED_PROPERTIES:
            # "Microsoft Macintosh Word", Pages 1, Words 0 in python-docx's default: ours instead
            rel.target_part._blob = XML_DECLARATION + oxml.app_properties_xml()
    oxml.set_theme_font_lang_zh(doc.settings.element)
    oxml.set_compatibility_mode(doc.settings.element)


def _style_name(style_id: str) -> str:
    for role in TEXT_ROLES:
        if role.style_id == style_id:
            return role.name
    raise KeyError(style_id)


def _fill_footer(footer, style_id: str) -> None:
    para = footer.paragraphs[0]
    para.style = _style_name(style_id)
    for run in oxml.page_number_runs():
        para._p.append(run)


def main() -> None:
    out = ROOT / "templates" / "report.docx"
    atomic_write(out, build())
    print(out)


if __name__ == "__main__":
    main()
