"""Data classification of members (core/classification.py explains the levels)."""

from gonghui.core.classification import INTERNAL, PERSONAL, SENSITIVE

CLASSIFICATION = {
    "members.Membership": {"*": PERSONAL, "card_number": PERSONAL},
    "members.Transfer": {"*": PERSONAL},
    # the resident ID and mobile number are encrypted; their keyed hashes and last four digits identify a person
    "members.Person": {"*": PERSONAL, "name": PERSONAL, "name_pinyin": PERSONAL, "name_initials": PERSONAL,
                       "id_number": SENSITIVE, "id_number_hash": PERSONAL, "id_tail": PERSONAL,
                       "phone": SENSITIVE, "phone_hash": PERSONAL, "phone_tail": PERSONAL, "sex": PERSONAL,
                       "birth_date": PERSONAL},
    "members.IdentityConflict": {"*": PERSONAL, "claimed_name": PERSONAL, "claimed_phone": SENSITIVE,
                                 "claimed_phone_tail": PERSONAL},
    # an employer is a unit, not a person: its name and address are public registry data
    "members.Unit": {"*": INTERNAL, "name": INTERNAL, "name_pinyin": INTERNAL, "name_initials": INTERNAL,
                     "address": INTERNAL},
}
