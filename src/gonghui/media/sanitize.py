"""Rich text from the browser's editor, made safe on save with nh3 (the Rust ammonia sanitiser): an allow-list of
tags and attributes, links limited to http(s) and mailto, every link ``rel="noopener noreferrer nofollow"``.
Scripts, event handlers, styles, iframes, forms and ``javascript:`` URLs never reach the database."""

import html
import re

import nh3

TAGS = {"p", "br", "div", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s", "del", "blockquote", "pre", "code",
        "ul", "ol", "li", "a", "img", "figure", "figcaption", "table", "thead", "tbody", "tr", "th", "td", "hr",
        "span", "sub", "sup"}
ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "width", "height"}, "td": {"colspan", "rowspan"},
              "th": {"colspan", "rowspan"}}
URL_SCHEMES = {"http", "https", "mailto"}

_BLOCK_END = re.compile(r"</(p|div|h[2-4]|li|blockquote|pre|tr|figure)>|<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"[ \t\r\f\v]+")


def clean_html(value: str) -> str:
    return nh3.clean(value or "", tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES,
                     link_rel="noopener noreferrer nofollow", strip_comments=True)


def text_of(safe_html: str) -> str:
    """The text of sanitised HTML, one line per block: what the word check and search read."""
    text = _BLOCK_END.sub("\n", safe_html or "")
    text = html.unescape(_TAG.sub("", text))
    lines = (_SPACE.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)
