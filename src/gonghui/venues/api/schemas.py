"""In/Out schemas of the venue endpoints. Coordinates go out in the system asked for (WGS-84 by default)."""

import datetime
from decimal import Decimal
from typing import Annotated, Literal

from ninja import Field, Schema

from gonghui.core.api.schemas import Ref
from gonghui.core.validators import Name

from ..models import AMENITY_CODES

Kind = Literal["station", "service_centre", "cultural_palace", "recuperation_base", "mediation_office", "other"]
Status = Literal["open", "temporarily_closed", "closed"]
Approval = Literal["pending", "approved", "rejected"]
System = Literal["wgs84", "gcj02", "bd09"]
AmenityCode = Literal[tuple(AMENITY_CODES)]  # type: ignore[valid-type]
Operation = Literal["union_built", "co_built"]
Partner = Literal["", "bank", "petrol_station", "community_centre", "post_office", "supermarket", "enterprise",
                  "government", "other"]
ProblemCategory = Literal["no_water", "closed", "charger", "dirty", "equipment", "wrong_info", "other"]
ProblemState = Literal["submitted", "acknowledged", "resolved", "dismissed"]
OccupationCode = Literal["sanitation", "courier", "rider", "driver", "traffic_police", "construction", "municipal",
                         "other"]
Time = Annotated[str, Field(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")]
Interval = Annotated[list[Time], Field(min_length=2, max_length=2)]
Day = Annotated[list[Interval], Field(max_length=12)]
# Seven days, Monday first, or none at all (closed, or not known).
Week = Annotated[list[Day], Field(min_length=7, max_length=7)] | Annotated[list[Day], Field(max_length=0)]


class NearbyOut(Schema):
    id: int
    code: str
    name: str
    kind: Kind
    kind_label: str
    address: str
    lat: float = Field(description="In the coordinate system asked for.")
    lng: float
    distance_m: float = Field(description="Great-circle distance from the point asked about, in metres.")
    open_now: bool
    status: Status
    star_level: int
    amenities: list[str]


class MarkerOut(Schema):
    id: int
    code: str
    name: str
    kind: Kind
    lat: float
    lng: float
    open_now: bool


class PointGeometry(Schema):
    type: Literal["Point"]
    coordinates: list[float] = Field(description="[longitude, latitude], WGS-84 (RFC 7946).")


class FeatureProperties(Schema):
    id: int
    code: str
    name: str
    kind: Kind
    kind_label: str
    address: str
    amenities: list[str]
    status: Status
    open_now: bool
    star_level: int


class FeatureOut(Schema):
    type: Literal["Feature"]
    geometry: PointGeometry
    properties: FeatureProperties


class FeatureCollectionOut(Schema):
    type: Literal["FeatureCollection"]
    features: list[FeatureOut]


class HonourOut(Schema):
    title: str
    year: int
    awarded_by: str


class StationOut(Schema):
    id: int
    code: str
    name: str
    kind: Kind
    address: str
    lat: float
    lng: float
    system: System
    status: Status
    open_now: bool
    open_24h: bool
    weekly_hours: list[list[Interval]] = Field(description="Monday first; [start, end] HH:MM; an end not after "
                                                           "its start runs past midnight.")
    amenities: list[str]
    contact_phone: str
    star_level: int
    honours: list[HonourOut]
    navigation: dict[str, str] = Field(description="Links that open the map apps (Amap GCJ-02, Baidu BD-09).")


class CheckInIn(Schema):
    phone: str = Field("", max_length=30, description="For a first visit without signing in.")
    occupation: OccupationCode | Literal[""] = ""


class CheckInOut(Schema):
    counted: bool = Field(description="False when this person was already counted here in the last two hours.")
    visit_id: int | None
    venue: str
    at: datetime.datetime | None


class ProblemIn(Schema):
    category: ProblemCategory
    description: str = Field("", max_length=1000)


class ProblemReceiptOut(Schema):
    tracking_token: str = Field(description="Keep it: GET /station-problems/{token} shows the report's state.")
    state: ProblemState


class ProblemStatusOut(Schema):
    venue: str
    category: ProblemCategory
    state: ProblemState
    state_label: str
    response: str
    created_at: datetime.datetime
    updated_at: datetime.datetime


class VenueOut(Schema):
    id: int
    code: str
    name: str
    kind: Kind
    address: str
    org: Ref
    county_code: str
    lat: float
    lng: float
    operation: Operation
    partner_type: Partner
    partner_name: str
    amenities: list[str]
    open_24h: bool
    weekly_hours: list[list[Interval]]
    contact_name: str
    contact_phone: str
    status: Status
    star_level: int
    approval: Approval
    created_at: datetime.datetime


class VenueIn(Schema):
    org_id: int = Field(description="The owning organisation; the code is numbered by its county.")
    name: Name = Field(min_length=1, max_length=120)
    kind: Kind = "station"
    lat: float = Field(ge=-90, le=90, allow_inf_nan=False)
    lng: float = Field(ge=-180, le=180, allow_inf_nan=False)
    system: System = Field("wgs84", description="The coordinate system lat/lng are given in.")
    address: str = Field("", max_length=200)
    amenities: list[AmenityCode] = []  # type: ignore[valid-type]
    open_24h: bool = False
    weekly_hours: Week | None = None
    contact_name: str = Field("", max_length=50)
    contact_phone: str = Field("", max_length=30)
    operation: Operation = "union_built"
    partner_type: Partner = ""
    partner_name: str = Field("", max_length=120)


class VenuePatch(Schema):
    name: Name | None = Field(None, min_length=1, max_length=120)
    kind: Kind | None = None
    lat: float | None = Field(None, ge=-90, le=90, allow_inf_nan=False)
    lng: float | None = Field(None, ge=-180, le=180, allow_inf_nan=False)
    system: System = "wgs84"
    address: str | None = Field(None, max_length=200)
    amenities: list[AmenityCode] | None = None  # type: ignore[valid-type]
    open_24h: bool | None = None
    weekly_hours: Week | None = None
    contact_name: str | None = Field(None, max_length=50)
    contact_phone: str | None = Field(None, max_length=30)
    status: Status | None = None
    star_level: int | None = Field(None, ge=0, le=5)


class VenueReturnIn(Schema):
    comment: str = Field(min_length=1, max_length=1000, pattern=r"\S", description="What needs to change.")


class DailyCountIn(Schema):
    day: datetime.date
    count: int = Field(ge=0, le=100_000)


class DailyCountOut(Schema):
    day: datetime.date
    count: int


class ProblemOut(Schema):
    id: int
    venue: Ref
    category: ProblemCategory
    description: str
    state: ProblemState
    response: str
    created_at: datetime.datetime


class ProblemTransitionIn(Schema):
    transition: Literal["acknowledge", "resolve", "dismiss"]
    response: str = Field("", max_length=1000)


class CoverageOut(Schema):
    area: str
    radius_m: int
    demand_points: int
    covered_points: int
    share_covered: float = Field(description="Covered demand weight / all demand weight, 0…1.")
    uncovered: list[list[float]] = Field(description="[lat, lng] WGS-84 of up to 500 uncovered points.")
    suggestions: list["SuggestionOut"]


class SuggestionOut(Schema):
    rank: int
    lat: float
    lng: float
    newly_covered_points: int
    newly_covered_weight: int
    share_after: float


class FundingOut(Schema):
    year: int
    amount: Decimal
