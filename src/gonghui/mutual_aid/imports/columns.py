"""The columns of a roster file and the downloadable template (Chinese headers + instructions)."""


from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from gonghui.core.exports import import_template
from gonghui.core.imports import Column

from ..models import Enrolment

COLUMNS = [
    Column("serial", gettext_lazy("No."), ("序号", "编号", "no", "number")),
    Column("name", pgettext_lazy("person", "Name"), ("姓名", "name", "会员姓名", "职工姓名"), required=True),
    Column("id_number", gettext_lazy("ID number"),
           ("身份证号", "身份证号码", "公民身份号码", "身份证", "证件号码", "id number", "id_number"), required=True,
           note=gettext_lazy("18 characters; format the column as Text so Excel keeps every digit.")),
    Column("unit_code", gettext_lazy("Unified social credit code"),
           ("统一社会信用代码", "信用代码", "单位代码", "credit code", "credit_code"),
           note=gettext_lazy("The unit (employer) of the member: its credit code, or its exact name in the next "
                             "column.")),
    Column("unit_name", gettext_lazy("Unit"), ("单位", "工作单位", "单位名称", "unit", "employer")),
    Column("shares", gettext_lazy("Shares"), ("份数", "参加份数", "互助份数", "shares"),
           note=gettext_lazy("Empty means one share; every member of a unit holds the same number.")),
    Column("basic_insurance", gettext_lazy("Basic medical insurance"),
           ("基本医疗保险", "是否参加基本医疗保险", "参加基本医疗保险", "医保", "是否参保", "basic insurance",
            "basic_insurance"), required=True,
           note=gettext_lazy("Yes or no (是 / 否).")),
    Column("category", gettext_lazy("Worker category"), ("类别", "职工类别", "人员类别", "category"),
           note=gettext_lazy("Optional; when given it must match the member record.")),
]

CATEGORY_ALIASES = {
    "职工": "employee", "在职职工": "employee", "企业职工": "employee", "employee": "employee",
    "农民工": "migrant", "进城务工人员": "migrant", "migrant": "migrant",
    "新就业形态劳动者": "new_form", "新就业形态": "new_form", "new_form": "new_form",
}
YES = frozenset({"是", "有", "已参加", "参加", "参保", "已参保", "yes", "y", "true", "1", "√", "✓"})
NO = frozenset({"否", "无", "没有", "未参加", "未参保", "no", "n", "false", "0", "×", "✗"})


def category_map() -> dict[str, str]:
    """Accepted spellings -> category code: the code, its label in the UI language, and aliases."""
    mapping = dict(CATEGORY_ALIASES)
    for value, label in Enrolment.Category.choices:
        mapping[value] = value
        mapping[str(label).lower()] = value
    return mapping


def template_workbook() -> bytes:
    """The template: a sheet with the headers (ID and code columns formatted as text) and instructions."""
    lines = [
        (_("Instructions"), ""),
        ("", _("One member per row under the header row; columns marked * are required.")),
        ("", _("Only members of units in your part of the tree can be enrolled.")),
        ("", _("The file is checked first: each row's eligibility, with the reasons of those who cannot join.")),
        ("", _("The enrolment is all or nothing: if any row has an error, nobody is enrolled.")),
        (_("Worker category"), "、".join(str(label) for _value, label in Enrolment.Category.choices)),
    ]
    lines += [(str(c.label), str(c.note)) for c in COLUMNS if c.note]
    return import_template(_("Roster"), [(("*" if c.required else "") + str(c.label),
                                          c.key in ("id_number", "unit_code")) for c in COLUMNS], lines)
