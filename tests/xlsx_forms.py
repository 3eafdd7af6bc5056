"""自评表 spreadsheets built in the tests with openpyxl, in the layouts offices receive.

* :func:`province_a` — modelled on the published 部门整体支出绩效自评表 (财政部 2020 form, as
  the provinces reissue it): a title and "（2024年度）" row, "单位：万元" in the title area,
  "年度预算执行情况（万元）" merged down column A beside 年度资金总额 / 其中：当年财政拨款 /
  上年结转资金 / 其他资金, the 年度总体目标 rows between the blocks, "绩效指标" merged down
  column A beside 一级 / 二级 / 三级指标 (一级 and 二级 merged over their rows), targets written
  "≥95%", "≤120万元", results "100%", "460人", a 定性 indicator, 总分 and 评价等级 rows.
* :func:`province_b` — another province's form: an instructions sheet first, the budget
  rows as 资金总额 / 其中：财政拨款 / 其他资金 with the columns in another order and the
  amounts in 元, a 指标性质 and a 计量单位 column, results as percentages formatted
  cells, a hidden row, the headers starting in column B.

Both say the same figures (those of ``FIGURES``), so a test can compare what was read.
:func:`with_cached` gives formula cells the value Excel would have stored with them
(openpyxl writes formulas without one).
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter


def _merge(ws, ref: str, value=None) -> None:
    first = ref.split(":")[0]
    if value is not None:
        ws[first] = value
    ws.merge_cells(ref)


def province_a(path: Path, *, edit=None, sheet: str = "Sheet1") -> Path:
    """The 财政部-style form (see the module docstring); ``edit(ws)`` changes it before saving."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    _merge(ws, "A1:I1", "部门整体支出绩效自评表")
    _merge(ws, "A2:I2", "（2024年度）")
    _merge(ws, "A3:B3", "部门（单位）名称")
    _merge(ws, "C3:F3", "清水塘街道")
    _merge(ws, "H3:I3", "单位：万元")
    _merge(ws, "A4:A8", "年度预算执行情况（万元）")
    for col, label in zip("CDEFGH", ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")):
        ws[f"{col}4"] = label
    rows = [("年度资金总额：", 4800, 5220, 5005.93, 10, 0.959, 9.59),
            ("其中：当年财政拨款", 4800, 5100, 4900.5, None, None, None),
            ("上年结转资金", 0, 120, 105.43, None, None, None),
            ("其他资金", 0, 0, 0, None, None, None)]
    for r, row in enumerate(rows, start=5):
        for col, value in zip("BCDEFGH", row):
            if value is not None:
                ws[f"{col}{r}"] = value
    ws["G5"].number_format = "0.0%"
    # a blank spacer row 9, then 年度总体目标
    _merge(ws, "A10:A11", "年度总体目标")
    _merge(ws, "B10:E10", "预期目标")
    _merge(ws, "F10:I10", "实际完成情况")
    _merge(ws, "B11:E11", "保障街道机关和四个社区正常运转。")
    _merge(ws, "F11:I11", "全年各项工作任务按期完成。")
    header = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施")
    for col, label in zip("BCDEFGHI", header):
        ws[f"{col}12"] = label
    indicators = [
        ("产出指标", "数量指标", "辖区网格巡查覆盖率", "≥100%", "100%", 15, 15, None),
        (None, None, "新增就业人数", "≥500人", "460人", 15, 13.8, "受疫情影响企业用工需求下降；下一年度加强与园区企业对接，增开专场招聘会。"),
        (None, "质量指标", "重大安全生产事故", "≤0起", "0起", 10, 10, None),
        (None, "成本指标", "公用经费支出", "≤120万元", "125万元", 10, 9.6, "防疫物资采购增加公用经费；下一年度严格执行预算，压减一般性支出。"),
        ("效益指标", "社会效益指标", "群众安全感", "≥95%", "96.2%", 20, 20, None),
        (None, "可持续影响指标", "网格化管理长效机制", "明显提升", "有所提升", 10, 7.5, "部分社区机制尚未运行；下一年度逐月督导。"),
        ("满意度指标", "服务对象满意度指标", "辖区居民满意度", "≥90%", "93%", 10, 10, None),
    ]
    for r, row in enumerate(indicators, start=13):
        for col, value in zip("BCDEFGHI", row):
            if value is not None:
                ws[f"{col}{r}"] = value
    ws.merge_cells("B13:B16")   # 产出指标 over four rows
    ws.merge_cells("C13:C14")   # 数量指标 over two
    ws.merge_cells("B17:B18")   # 效益指标 over two
    _merge(ws, "A12:A20", "绩效指标")
    # row 20: a blank spacer inside the merged 绩效指标 column
    _merge(ws, "B21:F21", "总分")
    ws["G21"], ws["H21"] = 100, 95.49
    _merge(ws, "B22:F22", "评价等级")
    _merge(ws, "G22:I22", "优")
    ws["B24"], ws["E24"], ws["H24"] = "填表人：李华", "联系电话：0731-8888888", "填报日期：2025年1月15日"
    for i, width in enumerate((8, 12, 14, 18, 12, 12, 8, 8, 30), start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    if edit:
        edit(ws)
    wb.save(path)
    return path


#: What both province forms say, as docgen reads it (万元; "%" a unit)
FIGURES_A = {
    "rows": [("当年财政拨款", "4800", "5100", "4900.5"), ("上年结转资金", "0", "120", "105.43"),
             ("其他资金", "0", "0", "0")],
    "indicators": [
        ("产出指标", "数量指标", "辖区网格巡查覆盖率", "≥", "100", "%", "100"),
        ("产出指标", "数量指标", "新增就业人数", "≥", "500", "人", "460"),
        ("产出指标", "质量指标", "重大安全生产事故", "≤", "0", "起", "0"),
        ("产出指标", "成本指标", "公用经费支出", "≤", "120", "万元", "125"),
        ("效益指标", "社会效益指标", "群众安全感", "≥", "95", "%", "96.2"),
        ("效益指标", "可持续影响指标", "网格化管理长效机制", "定性", "明显提升", None, "有所提升"),
        ("满意度指标", "服务对象满意度指标", "辖区居民满意度", "≥", "90", "%", "93"),
    ],
}


def province_b(path: Path, *, edit=None) -> Path:
    """Another province's form (see the module docstring), on the second sheet, amounts in 元."""
    wb = openpyxl.Workbook()
    notes = wb.active
    notes.title = "填表说明"
    notes["A1"] = "填表说明：金额单位为元；指标值与实际完成值请填写数字。"
    ws = wb.create_sheet("2024自评")
    _merge(ws, "B1:K1", "2024年度望月湖街道办事处部门整体支出绩效自评表")
    ws["B2"] = "填报单位：望月湖街道办事处"
    ws["J2"] = "金额单位：元"
    for col, label in zip("BCDEFGH", ("资金来源", "全年预算数（A）", "年初预算数", "全年执行数（B）", "执行率（B/A）",
                                      "分值", "得分")):
        ws[f"{col}3"] = label
    rows = [("资金总额", 50_000_000, 50_000_000, 50_768_300, "101.54%", 10, 10),
            ("其中：财政拨款", 49_000_000, 49_000_000, 49_808_300, None, None, None),
            ("其他资金", 1_000_000, 1_000_000, 960_000, None, None, None)]
    for r, row in enumerate(rows, start=4):
        for col, value in zip("BCDEFGH", row):
            if value is not None:
                ws[f"{col}{r}"] = value
    header = ("一级指标", "二级指标", "三级指标", "指标性质", "指标值", "计量单位", "实际完成值", "分值", "得分", "偏差原因")
    for col, label in zip("BCDEFGHIJK", header):
        ws[f"{col}8"] = label
    indicators = [
        ("产出指标", "数量指标", "改造老旧小区", "≥", 3, "个", 4, 20, 20, None),
        ("产出指标", "时效指标", "项目按期完工率", "≥", 100, "%", 1.0, 15, 15, None),
        ("产出指标", "数量指标", "（已取消）老旧管网改造", "≥", 2, "公里", 0, 0, 0, None),   # row 11: hidden
        ("产出指标", "质量指标", "竣工验收合格率", "=", 100, "%", 1.0, 15, 15, None),
        ("效益指标", "经济效益指标", "带动商铺入驻", "≥", 20, "家", 25, 20, 20, None),
        ("效益指标", "社会效益指标", "居民获得感", "定性", "明显提升", None, "有所提升", 10, 7.5,
         "部分小区改造工期延后，居民感受尚不明显；下一年度按月公示进度、收集意见。"),
        ("满意度指标", "服务对象满意度指标", "居民满意度", "≥", 90, "%", 0.88, 10, 9.78,
         "个别小区停车位不足；下一年度增设临时停车泊位。"),
    ]
    for r, row in enumerate(indicators, start=9):
        for col, value in zip("BCDEFGHIJK", row):
            if value is not None:
                ws[f"{col}{r}"] = value
        if isinstance(row[6], float):
            ws[f"H{r}"].number_format = "0%"
    ws.row_dimensions[11].hidden = True
    ws["B17"] = "总分"
    ws["I17"], ws["J17"] = 100, 97.28
    ws["K17"] = "评价等级：优"
    if edit:
        edit(ws)
    wb.save(path)
    return path


def with_cached(path: Path, values: dict[str, str]) -> Path:
    """Give formula cells (by reference, e.g. "E5") the cached value Excel would have saved."""
    src = zipfile.ZipFile(path)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.startswith("xl/worksheets/sheet"):
                text = data.decode("utf-8")
                for ref, value in values.items():
                    text, n = re.subn(rf'(<c r="{ref}"[^>]*><f>[^<]*</f>)<v\s*/?>(</v>)?', rf"\g<1><v>{value}</v>", text)
                    assert n == 1, ref
                data = text.encode("utf-8")
            dst.writestr(info, data)
    src.close()
    path.write_bytes(out.getvalue())
    return path
