"""Masked display of personal data: what every page and API response shows unless a role may see more."""


def mask_id_number(value: str | None) -> str:
    if not value:
        return ""
    if len(value) <= 8:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


def mask_phone(value: str | None) -> str:
    if not value:
        return ""
    if len(value) < 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


def mask_bank_account(value: str | None) -> str:
    if not value:
        return ""
    return "*" * max(len(value) - 4, 0) + value[-4:]


def mask_name(value: str | None) -> str:
    """张伟 -> 张*, 欧阳娜娜 -> 欧阳**: for pages that anyone holding a card may open."""
    if not value:
        return ""
    if len(value) == 1:
        return value
    keep = 2 if len(value) >= 4 else 1
    return value[:keep] + "*" * (len(value) - keep)
