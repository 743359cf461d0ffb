"""The WeChat official-account export: the article as HTML with every style inline (their editor drops <style>
and classes), built from the sanitised body by nh3 again with a fixed style per tag. Pasting it into the
official-account editor keeps headings, paragraphs, quotes and pictures as they look here."""

import html
import re

from django.utils.translation import gettext as _

from .sanitize import clean_html

STYLES = {
    "p": "margin:0 0 1em;line-height:1.75;font-size:16px;color:#333;text-align:justify;",
    "h2": "margin:1.2em 0 .6em;font-size:19px;font-weight:bold;color:#b3261e;",
    "h3": "margin:1em 0 .5em;font-size:17px;font-weight:bold;color:#333;",
    "h4": "margin:1em 0 .5em;font-size:16px;font-weight:bold;color:#333;",
    "blockquote": "margin:1em 0;padding:.5em 1em;border-left:3px solid #b3261e;background:#f7f7f7;color:#555;",
    "img": "max-width:100%;height:auto;display:block;margin:.5em auto;",
    "li": "line-height:1.75;font-size:16px;color:#333;",
    "figcaption": "font-size:13px;color:#888;text-align:center;",
    "table": "border-collapse:collapse;width:100%;",
    "td": "border:1px solid #ddd;padding:4px;",
    "th": "border:1px solid #ddd;padding:4px;background:#f4f4f4;",
}
_OPEN_TAG = re.compile(r"<(" + "|".join(STYLES) + r")(\s[^>]*)?>")


def _style(match: re.Match) -> str:
    tag, attrs = match.group(1), match.group(2) or ""
    return f'<{tag} style="{STYLES[tag]}"{attrs}>'


def export_html(article) -> str:
    body = _OPEN_TAG.sub(_style, clean_html(article.body))
    credit = ""
    if article.origin_credit:
        credit = (f'<p style="{STYLES["figcaption"]}">{html.escape(_("Source"))}: '
                  f'{html.escape(article.origin_credit)}</p>')
    byline = html.escape(article.author_name or article.org.name)
    summary = (f'<blockquote style="{STYLES["blockquote"]}">{html.escape(article.summary)}</blockquote>'
               if article.summary else "")
    return (f'<section style="font-family:-apple-system,\'PingFang SC\',\'Microsoft YaHei\',sans-serif;">'
            f'<h1 style="font-size:22px;font-weight:bold;color:#222;margin:0 0 .5em;">{html.escape(article.title)}'
            f'</h1><p style="font-size:13px;color:#888;margin:0 0 1em;">{byline}</p>{summary}{body}{credit}'
            f"</section>")
