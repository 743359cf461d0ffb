"""The newsroom's demo: channels for the province, its prefectures and counties; articles in every state (most
published and live on their channels, with read counts), some pushed down, a few scheduled (one past its time, to
show the flag), a word list; covers drawn by Pillow (no downloaded media). Small scale: about 100 articles and a
dozen covers; county and province scales: a few thousand across the tree, written with bulk_create in batches."""

import datetime
import random

from django.contrib.auth import get_user_model
from django.utils import timezone

from gonghui.core import demo
from gonghui.core.pinyin import pinyin_keys
from gonghui.orgs import selectors as org_selectors

from .. import images, sanitize
from ..models import Article, ArticleVersion, Channel, Delivery, ProhibitedWord
from ..workflows import ARTICLE_FLOW

BATCH = 1_000
ARTICLES = {"small": 100, "county": 1_500, "province": 4_000}
COVERS = {"small": 8, "county": 20, "province": 120}
TOPICS = (
    ("news", "开展“送清凉”慰问活动",
     "高温天气持续，{org}深入建筑工地、环卫站点和快递网点，为一线职工送去防暑降温物品。"),
    ("news", "举办职工技能大赛", "{org}组织开展职业技能竞赛，来自各行业的选手同台竞技，比学赶超。"),
    ("notice", "关于做好职工医疗互助参保工作的通知",
     "各基层工会：为切实做好职工医疗互助参保工作，现将有关事项通知如下。"),
    ("policy", "新就业形态劳动者入会政策解读", "快递员、外卖骑手、网约车司机等新就业形态劳动者可以就近加入工会组织。"),
    ("model_worker", "劳模工匠风采：扎根一线二十年", "他扎根生产一线二十年，带领班组攻克技术难题，获评省级劳动模范。"),
    ("news", "户外劳动者服务站点提档升级", "{org}新建、改建一批户外劳动者服务站点，配备饮水、充电、休息等设施。"),
    ("notice", "困难职工帮扶工作提示", "请各级工会及时更新困难职工档案，做好节日慰问和常态化帮扶。"),
    ("model_worker", "大国工匠进校园", "大国工匠走进职业院校，与青年学生分享成长经历和精湛技艺。"),
)
PARAGRAPHS = ("会议强调，要坚持以职工为中心，切实维护职工合法权益。", "活动现场气氛热烈，职工群众纷纷表示受到鼓舞。",
              "下一步，{org}将继续推进普惠服务，让职工感受到工会温暖。", "据统计，全年累计服务职工群众数万人次。")
WORDS = (("赌博", "prohibited"), ("迷信", "prohibited"), ("群体性事件", "sensitive"), ("罢工", "sensitive"))
COLOURS = ((179, 38, 30), (30, 90, 160), (40, 130, 80), (200, 120, 20), (110, 60, 150), (20, 130, 140))


def _cover_image(rng: random.Random, index: int):
    """A 1080×608 picture drawn here: a gradient, a few shapes and a number."""
    from PIL import Image, ImageDraw

    base = COLOURS[index % len(COLOURS)]
    image = Image.new("RGB", (1080, 608), base)
    draw = ImageDraw.Draw(image)
    for y in range(0, 608, 8):
        shade = tuple(min(255, c + y // 6) for c in base)
        draw.rectangle((0, y, 1080, y + 8), fill=shade)
    for _shape in range(6):
        x, y, r = rng.randrange(1080), rng.randrange(608), rng.randrange(30, 160)
        draw.ellipse((x - r, y - r, x + r, y + r), outline=(255, 255, 255), width=4)
    draw.text((40, 540), f"GONGHUI NEWS {index + 1:03d}", fill=(255, 255, 255))
    return image


def _orgs(province, bulk: bool) -> list:
    federations = list(org_selectors.subtree(province).filter(kind="federation").order_by("depth", "path"))
    if bulk:
        return federations
    prefectures = [o for o in federations if o.level == "prefecture"][:4]
    counties = [o for o in federations if o.level == "county"][:6]
    return [province, *prefectures, *counties]


def _body(rng: random.Random, lead: str, org_name: str) -> str:
    paragraphs = [lead.format(org=org_name), *rng.sample(PARAGRAPHS, 3)]
    return "".join(f"<p>{p.format(org=org_name)}</p>" for p in paragraphs)


def build_articles(ctx: demo.DemoContext) -> None:
    rng = random.Random(ctx.seed * 17 + 3)
    author = get_user_model().objects.get(username="province_admin")
    province = ctx.shared["province"]
    orgs = _orgs(province, ctx.bulk)
    scale = ctx.scale if ctx.scale in ARTICLES else "small"
    now = timezone.now()

    channels: dict[int, dict[str, Channel]] = {}
    Channel.objects.bulk_create([Channel(org=o, kind=k, name=f"{o.name} {label}") for o in orgs
                                 for k, label in Channel.Kind.choices], ignore_conflicts=True, batch_size=BATCH)
    for channel in Channel.objects.filter(org__in=orgs):
        channels.setdefault(channel.org_id, {})[channel.kind] = channel
    ProhibitedWord.objects.bulk_create([ProhibitedWord(org=province, word=w, severity=s) for w, s in WORDS],
                                       ignore_conflicts=True)

    covers = []
    for index in range(COVERS[scale]):
        covers.append(images.save_widths(0, _cover_image(rng, index)))

    total = ARTICLES[scale]
    bar = ctx.progress_bar("media articles", total) if ctx.bulk else None
    for start in range(0, total, BATCH):
        batch = []
        for number in range(start, min(total, start + BATCH)):
            org = orgs[number % len(orgs)] if number % 5 else province
            category, title, lead = TOPICS[number % len(TOPICS)]
            roll = rng.random()
            state = (Article.State.PUBLISHED if roll < 0.8 else Article.State.DRAFT if roll < 0.86
                     else Article.State.FIRST_REVIEW if roll < 0.9 else Article.State.FINAL_REVIEW if roll < 0.93
                     else Article.State.SCHEDULED if roll < 0.97 else Article.State.WITHDRAWN)
            if number == 7:  # one scheduled post past its time: the newsroom's flag has something to show
                state = Article.State.SCHEDULED
            published = now - datetime.timedelta(days=rng.randrange(0, 365), minutes=rng.randrange(1440))
            body = sanitize.clean_html(_body(rng, lead, org.name))
            full, initials = pinyin_keys(f"{org.name}{title}")
            batch.append(Article(
                org=org, title=f"{org.name}{title}", title_pinyin=full[:800], title_initials=initials[:200],
                summary=lead.format(org=org.name)[:120], body=body,
                body_text=sanitize.text_of(body), category=category, tags="工会,职工", author=author,
                author_name="工会宣传部", cover=covers[number % len(covers)] if number % 3 == 0 else {},
                state=state, published_at=published if state in (Article.State.PUBLISHED, Article.State.WITHDRAWN)
                else None,
                scheduled_at=(now + datetime.timedelta(days=rng.randrange(1, 20)) if number != 7
                              else now - datetime.timedelta(hours=2)) if state == Article.State.SCHEDULED else None))
        Article.objects.bulk_create(batch, batch_size=BATCH)
        ArticleVersion.objects.bulk_create(
            [ArticleVersion(article=a, number=1, title=a.title, summary=a.summary, body=a.body, editor=author)
             for a in batch], batch_size=BATCH)
        ARTICLE_FLOW.start_many(batch, actor=author)
        deliveries = []
        for article in batch:
            own = channels[article.org_id]
            kinds = [Channel.Kind.SITE, Channel.Kind.MOBILE, Channel.Kind.FEED, Channel.Kind.JSON]
            if article.pk % 4 == 0:
                kinds.append(Channel.Kind.WECHAT)
            targets = [own[k] for k in kinds]
            if article.org_id == province.pk and article.pk % 10 == 0:  # pushed down to the prefectures
                targets += [channels[o.pk][k] for o in orgs if o.level == "prefecture"
                            for k in (Channel.Kind.SITE, Channel.Kind.MOBILE)]
            if article.state in (Article.State.PUBLISHED, Article.State.WITHDRAWN):
                live = article.state == Article.State.PUBLISHED
                deliveries += [Delivery(
                    article=article, channel=c, version=1, delivered_at=article.published_at,
                    state=Delivery.State.DELIVERED if live else Delivery.State.WITHDRAWN,
                    pushed_by_org=province if c.org_id != article.org_id else None,
                    reads=rng.randrange(0, 500) if c.kind in (Channel.Kind.SITE, Channel.Kind.MOBILE) else 0)
                    for c in targets]
        Delivery.objects.bulk_create(deliveries, batch_size=BATCH)
        through = Article.channels.through
        through.objects.bulk_create([through(article_id=a.pk, channel_id=channels[a.org_id][k].pk) for a in batch
                                     for k in (Channel.Kind.SITE, Channel.Kind.MOBILE, Channel.Kind.FEED,
                                               Channel.Kind.JSON)], batch_size=BATCH)
        if bar is not None:
            bar.advance(len(batch))
    if bar is not None:
        bar.close()
    ctx.progress(f"media: {total} articles in {len(orgs)} newsrooms, {len(covers)} covers")
