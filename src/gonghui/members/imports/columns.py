"""The columns of a member import file and the downloadable template (Chinese headers + instructions)."""


from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from gonghui.core.exports import import_template
from gonghui.core.imports import Column

from ..models import Person

COLUMNS = [
    Column("serial", gettext_lazy("No."), ("序号", "编号", "no", "number")),
    Column("name", pgettext_lazy("person", "Name"), ("姓名", "name", "会员姓名", "职工姓名"), required=True),
    Column("id_number", gettext_lazy("ID number"),
           ("身份证号", "身份证号码", "公民身份号码", "身份证", "证件号码", "id number", "id_number"), required=True,
           note=gettext_lazy("18 characters; format the column as Text so Excel keeps every digit.")),
    Column("phone", gettext_lazy("Mobile number"),
           ("手机号", "手机号码", "联系电话", "电话", "手机", "phone", "mobile"),
           note=gettext_lazy("11 digits; +86, spaces and dashes are accepted.")),
    Column("unit_name", gettext_lazy("Unit"), ("单位", "工作单位", "单位名称", "unit", "employer")),
    Column("unit_code", gettext_lazy("Unified social credit code"),
           ("统一社会信用代码", "信用代码", "单位代码", "credit code", "credit_code"),
           note=gettext_lazy("Matches a unit of the union; a new unit is created when its name is given too.")),
    Column("joined_on", gettext_lazy("Joined on"), ("入会日期", "入会时间", "joined on", "joined_on"),
           note=gettext_lazy("A date such as 2019-03-01; empty means today.")),
    Column("category", gettext_lazy("Worker category"), ("类别", "职工类别", "人员类别", "category")),
    Column("occupation", gettext_lazy("Occupation"), ("职业", "occupation")),
    Column("union", gettext_lazy("Union"), ("工会", "所属工会", "基层工会", "工会名称", "union"),
           note=gettext_lazy("Only when one file holds several unions: the union's exact name or number.")),
]

CATEGORY_ALIASES = {
    "职工": "employee", "在职职工": "employee", "企业职工": "employee", "employee": "employee",
    "农民工": "migrant", "进城务工人员": "migrant", "migrant": "migrant",
    "新就业形态劳动者": "new_form", "新就业形态": "new_form", "new_form": "new_form",
}
OCCUPATION_ALIASES = {
    "快递员": "courier", "快递": "courier", "外卖骑手": "rider", "骑手": "rider", "外卖员": "rider",
    "网约车司机": "ride_hailing", "网约车": "ride_hailing", "货车司机": "truck_driver", "家政服务员": "domestic",
    "家政": "domestic", "其他": "other",
}


def choice_map(choices, aliases: dict[str, str]) -> dict[str, str]:
    """Accepted spellings -> stored value: the code, its label (as the UI language shows it) and aliases."""
    mapping = {key.lower(): value for key, value in aliases.items()}
    for value, label in choices:
        if value:
            mapping[value.lower()] = value
            mapping[str(label).lower()] = value
    return mapping


def category_map() -> dict[str, str]:
    return choice_map(Person.Category.choices, CATEGORY_ALIASES)


def occupation_map() -> dict[str, str]:
    return choice_map(Person.Occupation.choices, OCCUPATION_ALIASES)


def template_workbook() -> bytes:
    """The template: a sheet with the headers (ID and phone columns formatted as text) and a sheet of
    instructions."""
    lines = [
        (_("Instructions"), ""),
        ("", _("Fill one member per row under the header row; columns marked * are required.")),
        ("", _("A title row, blank rows, a serial-number column and a totals row are ignored.")),
        ("", _("Formulas are not evaluated: paste values only.")),
        ("", _("A person who is already a member of another union is listed as a transfer and not moved.")),
        ("", _("The import is all or nothing: if any row has an error, nothing is written.")),
        (_("Worker category"), "、".join(str(label) for _value, label in Person.Category.choices)),
        (_("Occupation"), "、".join(str(label) for value, label in Person.Occupation.choices if value)),
    ]
    lines += [(str(c.label), str(c.note)) for c in COLUMNS if c.note]
    return import_template(_("Members"), [(("*" if c.required else "") + str(c.label),
                                           c.key in ("id_number", "phone", "unit_code")) for c in COLUMNS], lines)
