"""Pinyin search keys, so that "zhangwei" and "zw" both find 张伟."""

from pypinyin import Style, lazy_pinyin


def pinyin_keys(name: str) -> tuple[str, str]:
    """Return (full pinyin without tones or spaces, initials), lower case. Polyphonic surnames take pypinyin's
    reading; non-Chinese characters pass through."""
    syllables = [s.lower() for s in lazy_pinyin(name or "", style=Style.NORMAL, errors="default") if s.strip()]
    full = "".join(syllables).replace(" ", "")
    initials = "".join(s[0] for s in syllables if s)
    return full, initials
