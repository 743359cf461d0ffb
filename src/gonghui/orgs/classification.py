"""Data classification of the organisation tree (core/classification.py explains the levels)."""

from gonghui.core.classification import INTERNAL, PUBLIC

CLASSIFICATION = {
    "orgs.Division": {"*": PUBLIC, "name": PUBLIC},
    # an organisation's name, address and office telephone are published (the member card, the station map)
    "orgs.Organisation": {"*": INTERNAL, "name": PUBLIC, "name_pinyin": PUBLIC, "name_initials": PUBLIC,
                          "address": PUBLIC, "contact_phone": PUBLIC},
    "orgs.RoleAssignment": {"*": INTERNAL},
    "orgs.RoleRequest": {"*": INTERNAL},
}
