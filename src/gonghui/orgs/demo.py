"""Demo data for the organisation tree: Yunnan's federations, grassroots unions in every county, and the staff
accounts a tester signs in with (registered with core.demo in OrgsConfig.ready)."""

import math
import random
from functools import cache

import pyotp
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from gonghui.core import demo, roles
from gonghui.core.auth import policy

from .models import Organisation, RoleAssignment
from .services import PATH_SEGMENT, create_grassroots, load_federation_tree

# The central districts of Kunming, where the demo puts most of the activity.
CENTRAL_KUNMING = ("530102", "530103", "530111", "530112")
WUHUA = "530102"
STAFF_USERNAMES = ("province_admin", "kunming_officer", "wuhua_officer", "grassroots_officer", "auditor",
                   "security_admin", "security_reviewer", "system_admin")

BRANDS = ("鑫源", "宏达", "恒通", "金马", "滇池", "春城", "彩云", "兴业", "华泰", "瑞丰", "云岭", "天和",
          "永盛", "博远", "嘉禾", "长城", "新世纪", "高原", "茶马", "七彩")
# (industry, how an employer of that industry is named)
INDUSTRIES = (
    ("manufacturing", "机械制造有限公司"), ("construction", "建筑工程有限公司"), ("retail", "商贸有限公司"),
    ("hospitality", "酒店管理有限公司"), ("logistics", "物流有限公司"), ("agriculture", "农业开发有限公司"),
    ("tourism", "旅游文化有限公司"), ("healthcare", "医药有限公司"), ("mining", "矿业有限公司"),
    ("tea", "茶业有限公司"), ("it", "信息技术有限公司"), ("energy", "电力工程有限公司"),
)
JOINT_UNION_NAMES = ("新就业形态劳动者联合工会", "快递物流行业联合工会", "网约车司机联合工会",
                     "外卖骑手联合工会")


def short_name(division_name: str) -> str:
    """五华区 -> 五华, 禄劝彝族苗族自治县 -> 禄劝: the way people say it."""
    if "自治" in division_name:  # every autonomous county of Yunnan has a two-character place name
        return division_name[:2]
    name = division_name
    for suffix in ("区", "县", "市"):
        if name.endswith(suffix) and len(name) > 2:
            return name[: -len(suffix)]
    return name


def _build_unions(ctx: demo.DemoContext) -> None:
    if ctx.bulk:
        return _build_unions_bulk(ctx)
    rng = ctx.rng
    province = load_federation_tree()
    ctx.progress(f"organisation tree: {Organisation.objects.count()} federations")
    counties = list(Organisation.objects.filter(level=Organisation.Level.COUNTY,
                                                kind=Organisation.Kind.FEDERATION).select_related("division"))
    employers: list[tuple[Organisation, str]] = []  # (union, industry)
    joints: list[Organisation] = []
    used: set[str] = set()
    for county in counties:
        central = county.division_id in CENTRAL_KUNMING
        place = short_name(county.division.name)
        for _ in range(5 if central else 1 + (rng.random() < 0.4)):
            while True:
                industry, suffix = rng.choice(INDUSTRIES)
                company = f"云南{place}{rng.choice(BRANDS)}{suffix}"
                if company not in used:
                    used.add(company)
                    break
            employers.append((create_grassroots(parent=county, name=company + "工会"), industry))
        if central or rng.random() < 0.5:
            for joint_name in JOINT_UNION_NAMES[: 2 if central else 1]:
                joints.append(create_grassroots(parent=county, name=f"{county.division.name}{joint_name}",
                                                kind=Organisation.Kind.JOINT))
    ctx.shared.update(province=province, employer_unions=employers, joint_unions=joints)
    ctx.progress(f"grassroots unions: {len(employers)} employer unions, {len(joints)} joint unions")


# --- county and province scales: tens of thousands of unions, written by the bulk loader ------------------
PERSONS_PER_UNIT = 19  # 3,000,000 persons -> 157,894 units
SECOND_BRANDS = ("达", "盛", "源", "泰", "信", "和", "丰", "安", "顺", "祥", "瑞", "德", "隆", "通", "辉", "利",
                 "昌", "兴", "华", "康", "成", "嘉", "宏", "美", "远", "众", "诚", "邦", "正", "元")
COMMUNITY_KINDS = ("街道总工会", "工业园区联合工会", "商会联合工会", "社区联合工会", "乡镇联合工会")
UNITS_PER_COMMUNITY_UNION = 20


@cache
def _pinyin(name: str) -> tuple[str, str]:
    from gonghui.core.pinyin import pinyin_keys

    return pinyin_keys(name)


def _county_weight(scale: str, division_code: str) -> float:
    """Where the members live: the centre of Kunming is dense; county scale is Kunming prefecture only (the
    other counties keep a single union so the tree stays complete)."""
    central = 6.0 if division_code in CENTRAL_KUNMING else 1.0
    if scale == "county":
        return central if division_code.startswith("5301") else 0.0
    return central


def _build_unions_bulk(ctx: demo.DemoContext) -> None:
    """Per county, 70 % of its units are employers with their own union, 20 % small firms in community and park
    joint unions, 10 % new-form work sites in the joint unions of couriers, riders and drivers.

    ``ctx.shared["bulk_unions"]`` gets (org id, county division code, county name, kind, union name, units)."""
    rng = random.Random(ctx.seed * 7919 + 1)
    province = load_federation_tree()
    counties = list(Organisation.objects.filter(level=Organisation.Level.COUNTY,
                                                kind=Organisation.Kind.FEDERATION).select_related("division")
                    .order_by("path"))
    total_units = max(math.ceil(ctx.person_count / PERSONS_PER_UNIT), 3 * len(counties))
    weights = {c.pk: _county_weight(ctx.scale, c.division_id) for c in counties}
    weight_sum = sum(weights.values())
    writer = demo.BulkWriter()
    next_id = writer.next_id(Organisation._meta.db_table)
    now = timezone.now()
    rows, unions = [], []

    def add(county, kind, name, units):
        nonlocal next_id
        full, initials = _pinyin(name)
        rows.append(writer.adapt_row((
            next_id, name, full, initials, Organisation.Level.GRASSROOTS, kind, county.pk,
            county.path + PATH_SEGMENT.format(next_id), county.depth + 1, None, county.province_code, "", "",
            True, now)))
        unions.append((next_id, county.division_id, county.division.name, kind, name, units))
        next_id += 1

    for county in counties:
        place = short_name(county.division.name)
        units = max(round(total_units * weights[county.pk] / weight_sum), 1) if weight_sum else 1
        employers = max(units - units * 3 // 10, 1)
        for _ in range(employers):
            industry, suffix = rng.choice(INDUSTRIES)
            add(county, Organisation.Kind.GRASSROOTS,
                f"云南{place}{rng.choice(BRANDS)}{rng.choice(SECOND_BRANDS)}{suffix}工会", (industry,))
        small_firms = units * 2 // 10
        for index in range(math.ceil(small_firms / UNITS_PER_COMMUNITY_UNION)):
            add(county, Organisation.Kind.COMMUNITY,
                f"{county.division.name}第{index + 1}{rng.choice(COMMUNITY_KINDS)}",
                min(UNITS_PER_COMMUNITY_UNION, small_firms - index * UNITS_PER_COMMUNITY_UNION))
        new_form = units - employers - small_firms
        if new_form > 0:
            joint_names = JOINT_UNION_NAMES[: max(1, min(len(JOINT_UNION_NAMES), new_form // 3))]
            for index, joint_name in enumerate(joint_names):
                add(county, Organisation.Kind.JOINT, f"{county.division.name}{joint_name}",
                    new_form // len(joint_names) + (index < new_form % len(joint_names)))
    columns = [f.column for f in Organisation._meta.concrete_fields]
    bar = ctx.progress_bar("unions", len(rows))
    for start in range(0, len(rows), 5000):
        bar.advance(writer.write(Organisation._meta.db_table, columns, rows[start:start + 5000]))
    bar.close()
    writer.reset_sequences(Organisation._meta.db_table)
    ctx.shared.update(province=province, bulk_unions=unions)
    ctx.progress(f"grassroots unions: {len(unions):,}")


def _staff_specs(province: Organisation) -> list[tuple[str, str, Organisation, str]]:
    """(username, display name, organisation, role) of every demo staff account."""
    kunming = Organisation.objects.get(division_id="530100", kind=Organisation.Kind.FEDERATION)
    wuhua = Organisation.objects.get(division_id=WUHUA, kind=Organisation.Kind.FEDERATION)
    return [
        ("province_admin", "省总工会管理员", province, roles.ORG_ADMIN.code),
        ("kunming_officer", "昆明市总工会会员工作人员", kunming, roles.MEMBER_OFFICER.code),
        ("wuhua_officer", "五华区总工会管理员", wuhua, roles.ORG_ADMIN.code),
        ("grassroots_officer", "基层工会会员工作人员", demo_grassroots_union(), roles.MEMBER_OFFICER.code),
        ("auditor", "审计员", province, roles.AUDITOR.code),
        ("security_admin", "安全管理员", province, roles.SECURITY_ADMIN.code),
        # 三员分立: a second security administrator approves grants of roles that handle money; the system
        # administrator creates accounts (issue 19 §4)
        ("security_reviewer", "安全管理员（复核）", province, roles.SECURITY_ADMIN.code),
        ("system_admin", "系统管理员", province, roles.SYSTEM_ADMIN.code),
    ]


def demo_grassroots_union() -> Organisation:
    """The Wuhua employer union whose officer is a demo account (its first member is the demo worker)."""
    return Organisation.objects.filter(
        parent__division_id=WUHUA, level=Organisation.Level.GRASSROOTS, kind=Organisation.Kind.GRASSROOTS,
    ).order_by("path").first()


def _build_staff(ctx: demo.DemoContext) -> None:
    user_model = get_user_model()
    now = timezone.now()
    for username, display, org, role in _staff_specs(ctx.shared["province"]):
        user = user_model(username=username, display_name=display, kind=user_model.Kind.STAFF,
                          password_changed_at=now)  # chosen "now": no forced change at the first sign-in
        user.set_password(demo.DEMO_PASSWORD)
        user.save(force_insert=True)
        RoleAssignment.objects.create(user=user, org=org, role=role)
        # Whoever the sign-in policy asks for a second factor gets a fixed, already confirmed secret.
        if policy.second_factor_required(user) or roles.get_role(role).family in ("security", "system"):
            user.totp_secret, user.totp_confirmed_at = demo.demo_totp_secret(username), now
            user.save(update_fields=["totp_secret", "totp_confirmed_at"])
    ctx.progress("staff accounts created")


def _describe_staff(ctx: demo.DemoContext) -> None:
    """What the accounts hold now (read back, so a re-run prints the truth, not the plan)."""
    for username in STAFF_USERNAMES:
        assignment = (RoleAssignment.objects.select_related("user", "org").filter(user__username=username)
                      .first())
        if assignment is None:
            continue
        secret = assignment.user.totp_secret
        uri = pyotp.TOTP(secret).provisioning_uri(name=username, issuer_name=settings.GONGHUI_TOTP_ISSUER) \
            if secret else ""
        ctx.accounts.append(demo.DemoAccount(
            username=username, role=str(roles.get_role(assignment.role).label),
            organisation=assignment.org.name, login_url=demo.base_url() + "/staff/", totp_secret=secret,
            totp_uri=uri,
        ))


def register() -> None:
    demo.register_demo_part("orgs.unions", _build_unions, 10)
    demo.register_demo_part("orgs.staff", _build_staff, 20, describe=_describe_staff)
