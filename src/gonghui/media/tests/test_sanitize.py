"""Rich text is sanitised on save: a corpus of known XSS payloads leaves nothing that runs, on the staff page,
the public page, the feeds and the WeChat export."""

import pytest

from gonghui.media import sanitize, wechat
from gonghui.media.models import Article

# Known payloads (OWASP XSS filter evasion cheat sheet and the like), written here.
XSS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=\"javascript:alert('XSS');\">",
    "<img src=\"jav&#x09;ascript:alert(1)\">",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
    "<a href=\"&#106;avascript:alert(1)\">x</a>",
    "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<body onload=alert(1)>",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
    "<div style=\"background:url(javascript:alert(1))\">x</div>",
    "<p style=\"x:expression(alert(1))\">x</p>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<form action=\"javascript:alert(1)\"><button>x</button></form>",
    "<object data=\"javascript:alert(1)\"></object>",
    "<embed src=\"javascript:alert(1)\">",
    "<link rel=stylesheet href=\"javascript:alert(1)\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<base href=\"javascript:alert(1)//\">",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<<script>script>alert(1)<</script>/script>",
    "<!--<script>alert(1)</script>-->",
    "<a href=\"#\" onclick=\"alert(1)\">x</a>",
    "<video><source onerror=\"alert(1)\"></video>",
    "<marquee onstart=alert(1)>",
    "<table background=\"javascript:alert(1)\">",
    "<p title=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\">x</p>",
    "\"><script>alert(1)</script>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
]
DANGEROUS = ("<script", "onerror", "onload", "javascript:", "<iframe", "<svg", "style=", "ontoggle", "onfocus",
             "<object", "<embed", "<form", "<meta", "<base", "<link", "onclick", "onstart", "data:text",
             "expression(", "<input", "<style", "srcdoc")


def assert_safe(html: str, *, own_styles: bool = False) -> None:
    """No payload left; ``own_styles``: the WeChat export's inline styles are ours (and carry no url())."""
    lowered = html.lower()
    found = [d for d in DANGEROUS if d in lowered and not (own_styles and d == "style=")]
    assert "url(" not in lowered
    assert not found, (found, html)


@pytest.mark.parametrize("payload", XSS)
def test_payload_is_neutralised(payload):
    assert_safe(sanitize.clean_html(payload))


def test_ordinary_markup_survives_and_links_get_rel():
    html = sanitize.clean_html('<h2>标题</h2><p><strong>粗</strong><a href="https://example.org/a">链接</a></p>'
                               '<img src="https://example.org/a.png" alt="图">')
    assert "<h2>标题</h2>" in html and "<strong>粗</strong>" in html
    assert 'rel="noopener noreferrer nofollow"' in html and '<img src="https://example.org/a.png" alt="图">' in html
    assert sanitize.text_of(html) == "标题\n粗链接"


@pytest.mark.django_db
def test_saved_article_and_every_rendering_are_clean(world, django_capture_on_commit_callbacks, client):
    from .factories import published_article

    body = "".join(XSS)
    article = published_article(world, django_capture_on_commit_callbacks, body=body,
                                title="<script>alert(1)</script>标题")
    stored = Article.objects.get(pk=article.pk)
    assert_safe(stored.body)
    assert_safe(wechat.export_html(stored), own_styles=True)
    org = world.wuhua_union.pk
    feed = client.get(f"/news/{org}/feed.json").json()
    assert_safe(feed["items"][0]["content_html"])  # the title is text (JSON Feed): its readers escape it
    for url in (f"/news/{org}/{article.pk}/", f"/m/news/{org}/{article.pk}/", f"/news/{org}/rss/",
                f"/news/{org}/atom/", f"/news/{org}/"):
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        assert "<script>alert(1)" not in text and "onerror=alert" not in text, url
