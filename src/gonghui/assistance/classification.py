"""Data classification of hardship workers (core/classification.py explains the levels)."""

from gonghui.core.classification import INTERNAL, PERSONAL, SENSITIVE

CLASSIFICATION = {
    # a household in hardship is itself sensitive (PIPL art. 28: financial situation); costs are encrypted
    "assistance.HardshipFile": {"*": SENSITIVE, "name": PERSONAL, "name_pinyin": PERSONAL,
                                "name_initials": PERSONAL, "medical_costs": SENSITIVE,
                                "schooling_costs": SENSITIVE},
    "assistance.HouseholdMember": {"*": SENSITIVE, "name": PERSONAL, "id_number": SENSITIVE,
                                   "id_number_hash": PERSONAL, "id_tail": PERSONAL, "income": SENSITIVE,
                                   "health": SENSITIVE, "disability": SENSITIVE},
    "assistance.MinimumLivingStandard": {"*": INTERNAL},
    "assistance.Fund": {"*": INTERNAL, "name": INTERNAL},
    "assistance.AidRecord": {"*": SENSITIVE},
    "assistance.YearlyReview": {"*": SENSITIVE, "snapshot": SENSITIVE},
    "assistance.WarningDismissal": {"*": SENSITIVE},
}
