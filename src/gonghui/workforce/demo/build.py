"""The workforce demo. Small scale (``make run``, tests): a few hundred rows — measures at the province and each
prefecture, courses with sessions and attendances in Wuhua, skill levels, master-apprentice pairs, the 32
leading / demonstration labour competitions, and a skills record for the demo worker. County and province scales
go through core.demo's bulk loader (COPY on PostgreSQL) and reach the report's scale at province: 109 measures,
about 3.5 million attendances over five years and 763,000 upgrades (numbers shrink with the persons loaded)."""

import datetime
import secrets
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Max

from gonghui.core import demo
from gonghui.core.models import PROVINCE_CODE
from gonghui.core.pinyin import pinyin_keys
from gonghui.members import selectors as member_selectors
from gonghui.orgs import selectors as org_selectors

from .. import ranking
from ..models import (
    Attendance,
    CompetitionHonour,
    CompetitionParticipation,
    ContestEdition,
    ContestEntry,
    ContestQuota,
    ContestTrade,
    Course,
    CourseSession,
    Enrolment,
    JudgeScore,
    LabourCompetition,
    MentorPair,
    ReformMeasure,
    SkillCertification,
)
from ..workflows import CONTEST_FLOW, ENROLMENT_FLOW, MEASURE_FLOW

TRADES = ("电工", "焊工", "钳工", "车工", "汽车维修工", "美容美发师", "中式烹调师", "育婴员", "养老护理员",
          "快递员",
          "茶艺师", "电子商务师", "网约配送员", "砌筑工", "混凝土工", "钢筋工", "架子工", "起重装卸机械操作工",
          "农艺工", "水电安装工")
MEASURE_TITLES = ("关于提高技术工人待遇的实施意见", "产业工人队伍建设改革五年行动方案", "职工技能提升行动计划",
                  "关于深化技能人才评价制度改革的通知", "高技能人才队伍建设实施方案",
                  "劳模和工匠人才创新工作室管理办法",
                  "职工创新补助资金管理办法", "产业工人技能等级晋升补贴办法", "新就业形态劳动者技能培训实施方案",
                  "关于加强产业工人思想政治引领的意见", "技术工人职业发展通道建设指导意见", "师带徒工作实施细则")
BODIES = ("省总工会", "省人力资源和社会保障厅", "省发展和改革委员会", "省教育厅", "省财政厅", "省工业和信息化厅")
PROJECTS = ("滇中引水工程", "渝昆高铁云南段", "白鹤滩水电站配套工程", "昆明地铁建设", "大理至瑞丽铁路",
            "香丽高速公路", "澜沧江水电开发", "中老铁路沿线建设")
INDUSTRIES = ("烟草", "有色金属", "电力", "建筑", "交通运输", "旅游服务", "生物医药", "数字经济")
HONOURS = ("工人先锋号", "五一劳动奖状", "五一劳动奖章", "劳动竞赛先进个人", "技术能手")
YEARS = (2021, 2022, 2023, 2024, 2025)
# The report's figures at province scale (3,000,000 persons): a scale with fewer persons builds fewer.
PROVINCE_ATTENDANCES = 3_508_000
PROVINCE_UPGRADES = 763_000
PROVINCE_MEASURES = 109


def _admin():
    return get_user_model().objects.get(username="province_admin")


def _places(admin):
    orgs = org_selectors.organisations_visible(admin)
    province = orgs.get(level="province")
    prefectures = list(orgs.filter(level="prefecture", kind="federation").order_by("path"))
    wuhua = orgs.filter(division_id="530102", kind="federation").first()
    return province, prefectures, wuhua


def _measures(ctx, admin, province, prefectures, total: int) -> list[ReformMeasure]:
    rng = ctx.rng
    rows = []
    owners = [province] * max(1, total // 3) + prefectures
    for index in range(total):
        org = owners[index % len(owners)]
        title = MEASURE_TITLES[index % len(MEASURE_TITLES)]
        if org.level != "province":
            title = f"{org.name.replace('总工会', '')}{title}"
        full, initials = pinyin_keys(title)
        year = YEARS[index % len(YEARS)]
        rows.append(ReformMeasure(
            org=org, title=title, title_pinyin=full[:600], title_initials=initials[:200],
            issuing_bodies="、".join(rng.sample(BODIES, rng.randint(1, 3))),
            document_number=f"云工发〔{year}〕{index + 1}号",
            issued_on=datetime.date(year, rng.randint(1, 12), rng.randint(1, 28)),
            area=rng.choice(ReformMeasure.Area.values), state=rng.choice(
                ["adopted", "implementing", "implementing", "implemented", "implemented"])))
    made = ReformMeasure.objects.bulk_create(rows)
    MEASURE_FLOW.start_many(made, actor=admin, comment="demo")
    return made


def _competitions(ctx, admin, province, prefectures) -> list[LabourCompetition]:
    rng = ctx.rng
    rows = []
    for index in range(7):
        rows.append((province, LabourCompetition.Level.NATIONAL_LEADING, "project", PROJECTS[index % len(PROJECTS)]))
    for index in range(25):
        basis = "project" if index % 2 else "industry"
        subject = PROJECTS[index % len(PROJECTS)] if basis == "project" else INDUSTRIES[index % len(INDUSTRIES)]
        rows.append((province, LabourCompetition.Level.PROVINCIAL_DEMONSTRATION, basis, subject))
    for prefecture in prefectures[:8]:
        rows.append((prefecture, LabourCompetition.Level.PREFECTURE, "industry", rng.choice(INDUSTRIES)))
    made = []
    for index, (org, level, basis, subject) in enumerate(rows):
        year = YEARS[index % len(YEARS)]
        title = f"{subject}“建功立业”劳动竞赛" if basis == "project" else f"{subject}行业职工劳动和技能竞赛"
        full, initials = pinyin_keys(title)
        made.append(LabourCompetition(org=org, title=title, title_pinyin=full[:600], title_initials=initials[:200],
                                      level=level, basis=basis, subject=subject, year=year,
                                      start_date=datetime.date(year, 3, 1), end_date=datetime.date(year, 11, 30)))
    made = LabourCompetition.objects.bulk_create(made)
    parts, honours = [], []
    scale = {"small": 1, "county": 20, "province": 200}[ctx.scale]
    for competition in made:
        for team in range(rng.randint(3, 6)):
            parts.append(CompetitionParticipation(
                competition=competition, unit_name=f"{competition.subject}第{team + 1}参建单位",
                team_name=f"第{team + 1}班组", participants=rng.randint(150, 1000) * scale))
        for _n in range(rng.randint(1, 3)):
            kind = rng.choice(CompetitionHonour.Recipient.values)
            honours.append(CompetitionHonour(competition=competition, title=rng.choice(HONOURS), recipient_kind=kind,
                                             recipient_name=f"{competition.subject}第{rng.randint(1, 6)}班组",
                                             year=competition.year))
    CompetitionParticipation.objects.bulk_create(parts)
    CompetitionHonour.objects.bulk_create(honours)
    return made


def _contests(ctx, province, trades_in_all: int, entrants: int) -> int:
    """Five yearly editions of the provincial skills contest, published: judges' scores, ranking (the module's
    rule), titles (技术状元 1st, 技术能手 2nd–10th). Returns the titles given."""
    rng = ctx.rng
    people = list(member_selectors.persons_visible(_admin()).filter(current_org__isnull=False)
                  .values_list("pk", flat=True).order_by("pk")[:5000])
    if not people:
        return 0
    judge = _admin()
    titles = 0
    for number, year in enumerate(YEARS, start=1):
        trades_per_edition = trades_in_all // len(YEARS) + (number <= trades_in_all % len(YEARS))
        edition = ContestEdition.objects.create(org=province, number=number, year=year,
                                                title=f"第{number}届云南省职工职业技能大赛")
        trades = ContestTrade.objects.bulk_create([
            ContestTrade(edition=edition, trade=f"{TRADES[k % len(TRADES)]}{'' if k < len(TRADES) else k}",
                         state="published", promotion_level=4) for k in range(trades_per_edition)])
        CONTEST_FLOW.start_many(trades, actor=judge, comment="demo")
        quotas = ContestQuota.objects.bulk_create([ContestQuota(trade=t, org=province, places=entrants)
                                                   for t in trades])
        entries, scores = [], []
        for trade, quota in zip(trades, quotas, strict=True):
            chosen = rng.sample(people, min(entrants, len(people)))
            sheets = []
            for i in range(len(chosen)):  # one judge (the demo administrator): one score per part
                sheets.append(ranking.Sheet(i, (Decimal(rng.randint(6000, 10000)) / 100,),
                                            (Decimal(rng.randint(6000, 10000)) / 100,)))
            results = {r.entry_id: r for r in ranking.rank(sheets, ranking.Rules())}
            for i, person_id in enumerate(chosen):
                r = results[i]
                entries.append(ContestEntry(trade=trade, person_id=person_id, quota=quota, theory_score=r.theory,
                                            practice_score=r.practice, final_score=r.final, rank=r.rank,
                                            title=r.title, certificate_token=secrets.token_urlsafe(18)[:24]
                                            if r.title else None))
                titles += bool(r.title)
                scores.append((len(entries) - 1, sheets[i]))
        made = ContestEntry.objects.bulk_create(entries, batch_size=2000)
        JudgeScore.objects.bulk_create([JudgeScore(entry=made[index], part=part, judge=judge, score=value)
                                        for index, sheet in scores for part, values in
                                        (("theory", sheet.theory), ("practice", sheet.practice))
                                        for value in values], batch_size=5000)
    return titles


def _course(ctx, org, index: int, year: int) -> Course:
    rng = ctx.rng
    trade = TRADES[index % len(TRADES)]
    title = f"{trade}技能提升培训班（{year}年第{index % 9 + 1}期）"
    full, initials = pinyin_keys(title)
    start = datetime.date(year, rng.randint(1, 11), rng.randint(1, 20))
    return Course(org=org, title=title, title_pinyin=full[:600], title_initials=initials[:200],
                  organiser=rng.choice(("职工技能培训中心", "市技师学院", "区职业培训学校", org.name)), trade=trade,
                  start_date=start, end_date=start + datetime.timedelta(days=rng.randint(2, 6)),
                  place=f"{org.name}职工培训教室", hours=Decimal(rng.choice((16, 24, 32, 40))),
                  funding=Decimal(rng.randint(20, 200) * 500), capacity=None, open_for_registration=True)


def _sessions(course: Course, count: int) -> list[CourseSession]:
    days = (course.end_date - course.start_date).days + 1
    return [CourseSession(course=course, day=course.start_date + datetime.timedelta(days=i % days),
                          place=course.place, hours=Decimal("4.0"), checkin_token=secrets.token_urlsafe(18)[:24])
            for i in range(count)]


def _small_training(ctx, admin, wuhua) -> None:
    rng = ctx.rng
    people = list(member_selectors.persons_visible(admin).filter(current_org__path__startswith=wuhua.path)
                  .values_list("pk", "current_org_id").order_by("pk")[:400])
    if not people:
        return
    courses = Course.objects.bulk_create([_course(ctx, wuhua, i, YEARS[i % len(YEARS)]) for i in range(12)])
    today = datetime.date.today()
    upcoming = _course(ctx, wuhua, 99, today.year)
    upcoming.start_date = today + datetime.timedelta(days=14)
    upcoming.end_date = upcoming.start_date + datetime.timedelta(days=3)
    upcoming.title = f"{upcoming.trade}技能提升培训班（报名中）"
    upcoming.title_pinyin, upcoming.title_initials = pinyin_keys(upcoming.title)
    upcoming.save()
    sessions = CourseSession.objects.bulk_create([s for c in courses for s in _sessions(c, 3)]
                                                 + _sessions(upcoming, 2))
    by_course = {}
    for session in sessions:
        by_course.setdefault(session.course_id, []).append(session)
    enrolments, attendances = [], []
    worker = get_user_model().objects.filter(username="worker").first()
    worker_person = getattr(worker, "person", None) if worker else None
    for course in courses:
        roster = rng.sample(people, min(len(people), rng.randint(10, 25)))
        if worker_person is not None and course is courses[0] and worker_person.pk not in {p for p, _o in roster}:
            roster.append((worker_person.pk, worker_person.current_org_id))
        for person_id, _org in roster:
            done = rng.random() < 0.8
            enrolments.append(Enrolment(course=course, person_id=person_id, source="roster",
                                        state="completed" if done else "enrolled"))
            for session in by_course[course.pk]:
                if done or rng.random() < 0.5:
                    attendances.append(Attendance(session=session, course=course, person_id=person_id,
                                                  day=session.day, source="roster"))
    made = Enrolment.objects.bulk_create(enrolments, ignore_conflicts=False)
    ENROLMENT_FLOW.start_many(made, actor=admin, comment="demo")
    Attendance.objects.bulk_create(attendances, ignore_conflicts=True)
    certs, pairs, numbers = [], [], set()
    for index, (person_id, org_id) in enumerate(rng.sample(people, min(len(people), 80))):
        trade = TRADES[index % len(TRADES)]
        for level in range(1, rng.randint(2, 4)):
            year = YEARS[min(level + rng.randint(0, 1), len(YEARS) - 1)]
            number = f"S{year}{PROVINCE_CODE}{len(certs) + 1:08d}"
            numbers.add(number)
            certs.append(SkillCertification(org_id=org_id, person_id=person_id, trade=trade, level=level,
                                            certifying_body="云南省职业技能鉴定中心",
                                            certified_on=datetime.date(year, rng.randint(1, 12), rng.randint(1, 28)),
                                            certificate_number=number))
    if worker_person is not None:
        certs.append(SkillCertification(org_id=worker_person.current_org_id, person_id=worker_person.pk, trade="电工",
                                        level=3, certifying_body="云南省职业技能鉴定中心",
                                        certified_on=datetime.date(2025, 6, 18), certificate_number="S2025WORKER0001"))
    # ignore_conflicts: a level the bulk part already gave this person counts once
    SkillCertification.objects.bulk_create(certs, ignore_conflicts=True)
    for index in range(0, min(len(people) - 1, 40), 2):
        (mentor, org_id), (apprentice, _o) = people[index], people[index + 1]
        pairs.append(MentorPair(org_id=_o, mentor_id=mentor, apprentice_id=apprentice,
                                trade=TRADES[index % len(TRADES)], started_on=datetime.date(2024, 3, 1),
                                outcome=rng.choice(MentorPair.Outcome.values)))
    MentorPair.objects.bulk_create(pairs)


def _bulk_training(ctx, admin) -> None:
    """Courses in every county's grassroots unions over five years; attendances and upgrades written by the bulk
    loader in batches. The figures scale with the persons loaded (the province's 3,000,000 give the report's)."""
    rng = ctx.rng
    writer = demo.BulkWriter()
    share = ctx.person_count / 3_000_000
    target_attendances = int(PROVINCE_ATTENDANCES * share)
    target_upgrades = int(PROVINCE_UPGRADES * share)
    people = list(member_selectors.persons_visible(admin).filter(current_org__isnull=False)
                  .values_list("pk", "current_org_id", "current_org__parent_id").order_by("pk"))
    if not people:
        return
    by_county: dict[int, list[tuple[int, int]]] = {}
    for pk, org_id, parent_id in people:
        by_county.setdefault(parent_id, []).append((pk, org_id))
    counties = {o.pk: o for o in org_selectors.organisations_visible(admin).filter(pk__in=list(by_county))}
    per_course = 35 * 4  # 35 people, 4 sessions
    course_count = max(1, target_attendances // per_course)
    weights = sorted(by_county, key=lambda k: -len(by_county[k]))
    total_people = len(people)
    plan = []
    for county_id in weights:
        share_here = len(by_county[county_id]) / total_people
        plan += [county_id] * max(1, round(course_count * share_here))
    bar = ctx.progress_bar("workforce", target_attendances + target_upgrades)
    next_attendance = writer.next_id(Attendance._meta.db_table)
    next_enrolment = writer.next_id(Enrolment._meta.db_table)
    written = 0
    for start in range(0, len(plan), 500):
        chunk = plan[start:start + 500]
        courses = Course.objects.bulk_create([_course(ctx, counties[c], start + i, YEARS[(start + i) % len(YEARS)])
                                              for i, c in enumerate(chunk) if c in counties], batch_size=500)
        sessions = CourseSession.objects.bulk_create([s for c in courses for s in _sessions(c, 4)], batch_size=2000)
        by_course = {}
        for session in sessions:
            by_course.setdefault(session.course_id, []).append(session)
        enrol_rows, attend_rows = [], []
        for course, county_id in zip(courses, chunk, strict=False):
            pool = by_county[county_id]
            roster = rng.sample(pool, min(len(pool), 35))
            for person_id, _org in roster:
                enrol_rows.append((next_enrolment, course.pk, person_id, "completed", "roster", ctx_now(),
                                   PROVINCE_CODE))
                next_enrolment += 1
                for session in by_course[course.pk]:
                    attend_rows.append((next_attendance, session.pk, course.pk, person_id, session.day, "roster",
                                        ctx_now(), PROVINCE_CODE))
                    next_attendance += 1
        writer.write(Enrolment._meta.db_table, ["id", "course_id", "person_id", "state", "source", "created_at",
                                                "province_code"], [writer.adapt_row(r) for r in enrol_rows])
        writer.write(Attendance._meta.db_table, ["id", "session_id", "course_id", "person_id", "day", "source",
                                                 "recorded_at", "province_code"],
                     [writer.adapt_row(r) for r in attend_rows])
        written += len(attend_rows)
        bar.advance(len(attend_rows))
    next_cert = writer.next_id(SkillCertification._meta.db_table)
    rows, seen = [], set()
    for index in range(target_upgrades):
        person_id, org_id, _county = people[(index * 7919) % total_people]
        level = 1 + (index // total_people) % 5  # a person's next upgrade is the next level: counted once
        year = YEARS[index % len(YEARS)]
        if (person_id, TRADES[index % 7], level) in seen:
            continue
        seen.add((person_id, TRADES[index % 7], level))
        rows.append((next_cert, org_id, PROVINCE_CODE, ctx_now(), ctx_now(), person_id, TRADES[index % 7], level,
                     "云南省职业技能鉴定中心", datetime.date(year, 1 + index % 12, 1 + index % 28),
                     f"B{year}{next_cert:09d}", "assessment"))
        next_cert += 1
        if len(rows) == 20000:
            _write_certs(writer, rows)
            bar.advance(len(rows))
            rows = []
    _write_certs(writer, rows)
    bar.advance(len(rows))
    writer.reset_sequences(Enrolment._meta.db_table, Attendance._meta.db_table, SkillCertification._meta.db_table)
    elapsed = bar.close()
    ctx.progress(f"workforce: {written:,} attendances and {target_upgrades:,} upgrades in {elapsed:,.0f} s")


def _write_certs(writer, rows) -> None:
    writer.write(SkillCertification._meta.db_table,
                 ["id", "org_id", "province_code", "created_at", "updated_at", "person_id", "trade", "level",
                  "certifying_body", "certified_on", "certificate_number", "source"],
                 [writer.adapt_row(r) for r in rows])


_NOW = []


def ctx_now():
    if not _NOW:
        from django.utils import timezone

        _NOW.append(timezone.now())
    return _NOW[0]


def build(ctx: demo.DemoContext) -> None:
    admin = _admin()
    province, prefectures, wuhua = _places(admin)
    if ctx.bulk:
        _measures(ctx, admin, province, prefectures,
                  PROVINCE_MEASURES if ctx.scale == "province" else len(prefectures) + 12)
        _competitions(ctx, admin, province, prefectures)
        # the report: 5 editions, 254 trades, 2,398 titles (about 10 per trade of 20 entrants)
        _contests(ctx, province, 254 if ctx.scale == "province" else 30, 20)
        _bulk_training(ctx, admin)
        if wuhua is not None:
            _small_training(ctx, admin, wuhua)
        demo.refresh_statistics()
    else:
        _measures(ctx, admin, province, prefectures, len(prefectures) + 12)
        _competitions(ctx, admin, province, prefectures)
        _contests(ctx, province, 10, 12)
        if wuhua is not None:
            _small_training(ctx, admin, wuhua)
    ctx.progress(f"workforce: {ReformMeasure.objects.count()} measures, {Attendance.objects.count():,} attendances, "
                 f"{SkillCertification.objects.count():,} upgrades, {LabourCompetition.objects.count()} competitions")


def describe(ctx: demo.DemoContext) -> None:
    last = Course.objects.aggregate(m=Max("pk"))["m"]
    if last:
        ctx.progress(f"workforce: open /staff/workforce/ (courses up to #{last}); the worker's skills record is at "
                     f"/m/workforce/")
