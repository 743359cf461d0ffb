from .aid import AidRecord, Fund
from .household import HardshipFile, HouseholdMember, MinimumLivingStandard

__all__ = ["AidRecord", "Fund", "HardshipFile", "HouseholdMember", "MinimumLivingStandard"]
