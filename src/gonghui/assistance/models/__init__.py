from .aid import AidRecord, Fund
from .household import HardshipFile, HouseholdMember, MinimumLivingStandard
from .review import YearlyReview
from .warning import WarningDismissal

__all__ = ["AidRecord", "Fund", "HardshipFile", "HouseholdMember", "MinimumLivingStandard", "WarningDismissal",
           "YearlyReview"]
