"""The columns of the two import files (venues; demand points) and their downloadable templates."""

import re

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gonghui.core.exports import import_template
from gonghui.core.imports import Column
from gonghui.core.imports.cells import CellError, compact

from .. import coords
from ..models import Amenity, Venue

VENUES, DEMAND = "venues", "demand"
KINDS = (VENUES, DEMAND)

_LAT = Column("lat", gettext_lazy("Latitude"), ("纬度", "lat", "latitude", "y"), required=True)
_LNG = Column("lng", gettext_lazy("Longitude"), ("经度", "lng", "lon", "longitude", "x"), required=True)
_SYSTEM = Column("system", gettext_lazy("Coordinate system"), ("坐标系", "坐标系统", "system", "crs"),
                 note=gettext_lazy("WGS-84 (GPS), GCJ-02 (Amap, Tencent) or BD-09 (Baidu); empty means WGS-84."))
_COUNTY = Column("county_code", gettext_lazy("County code"),
                 ("县区代码", "区县代码", "行政区划代码", "区划代码", "county code", "county"),
                 note=gettext_lazy("The six-digit division code of the county, e.g. 530102."))

VENUE_COLUMNS = [
    Column("name", gettext_lazy("Name"), ("名称", "站点名称", "驿站名称", "阵地名称", "name"), required=True),
    Column("kind", gettext_lazy("Kind"), ("类型", "阵地类型", "站点类型", "kind"),
           note=gettext_lazy("Empty means an outdoor-worker station.")),
    Column("union", gettext_lazy("Union"), ("所属工会", "工会", "主办工会", "工会名称", "union"),
           note=gettext_lazy("The owning union's exact name; or leave it empty and give the county code.")),
    _COUNTY,
    Column("address", gettext_lazy("Address"), ("地址", "详细地址", "address")),
    _LAT, _LNG, _SYSTEM,
    Column("amenities", gettext_lazy("Amenities"), ("设施", "服务设施", "配套设施", "amenities"),
           note=gettext_lazy("Names separated by 、 or a comma, e.g. 饮用水、手机充电、微波炉.")),
    Column("hours", gettext_lazy("Opening hours"), ("开放时间", "营业时间", "服务时间", "hours"),
           note=gettext_lazy("Every day alike: 08:00-12:00, 14:00-18:00; or 24小时. Empty: no hours yet.")),
    Column("contact_phone", gettext_lazy("Contact telephone"), ("联系电话", "电话", "phone")),
]

DEMAND_COLUMNS = [
    Column("label", gettext_lazy("Name"), ("名称", "热点名称", "地点", "name", "label")),
    _LAT, _LNG,
    Column("weight", gettext_lazy("Weight"), ("权重", "订单量", "人数", "weight"),
           note=gettext_lazy("A whole number of at least 1 (orders, workers); empty means 1.")),
    _SYSTEM, _COUNTY,
]

SYSTEM_NAMES = {"wgs84": coords.WGS84, "gps": coords.WGS84, "gcj02": coords.GCJ02, "高德": coords.GCJ02,
                "腾讯": coords.GCJ02, "火星": coords.GCJ02, "火星坐标": coords.GCJ02, "bd09": coords.BD09,
                "百度": coords.BD09, "百度坐标": coords.BD09}


def columns_for(what: str) -> list[Column]:
    return VENUE_COLUMNS if what == VENUES else DEMAND_COLUMNS


def system_of(value) -> str:
    key = re.sub(r"[\s\-_./]", "", compact(value, max_length=30)).lower()
    if not key:
        return coords.WGS84
    if key not in SYSTEM_NAMES:
        raise CellError(_("Write WGS-84, GCJ-02 or BD-09."))
    return SYSTEM_NAMES[key]


def label_map(choices) -> dict[str, str]:
    """Value, English label and Chinese label -> value (files are written in either language)."""
    mapping = {}
    for value, label in choices:
        if not value:
            continue
        mapping[value.lower()] = value
        for language in ("en", "zh-hans"):
            with translation.override(language):
                spoken = str(label).strip().lower()
            mapping[spoken] = value
            mapping.setdefault(re.sub(r"[(（][^)）]*[)）]", "", spoken).strip(), value)  # "微波炉（热饭）" -> "微波炉"
    return mapping


def kind_map() -> dict[str, str]:
    return {**label_map(Venue.Kind.choices), "驿站": Venue.Kind.STATION, "站点": Venue.Kind.STATION}


def amenity_map() -> dict[str, str]:
    return {**label_map(Amenity.choices), "热水": "water", "饮水": "water", "充电": "charging", "厕所": "toilet",
            "休息": "seats", "座椅": "seats", "药箱": "first_aid", "空调": "air_conditioning", "wi-fi": "wifi"}


def template_workbook(what: str) -> bytes:
    columns = columns_for(what)
    lines = [(_("Instructions"), ""),
             ("", _("One row per place under the header row; columns marked * are required.")),
             ("", _("The import is all or nothing: if any row has an error, nothing is written."))]
    if what == VENUES:
        lines += [("", _("New venues wait for the county's approval, as when registered on the page.")),
                  (_("Kind"), "、".join(str(label) for _v, label in Venue.Kind.choices)),
                  (_("Amenities"), "、".join(str(label) for _v, label in Amenity.choices))]
    lines += [(str(c.label), str(c.note)) for c in columns if c.note]
    return import_template(_("Venues") if what == VENUES else _("Demand points"),
                           [(("*" if c.required else "") + str(c.label),
                             c.key in ("county_code", "contact_phone", "hours")) for c in columns],
                           lines, text_width=22)
