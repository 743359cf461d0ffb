"""Models of the app (one module per concept, re-exported here)."""

from .activity import (
    DailyVisitCount,
    Occupation,
    ProblemReport,
    Rating,
    StationVisitor,
    Visit,
    VisitCooldown,
)
from .coverage import DemandPoint
from .venue import (
    AMENITY_BIT,
    AMENITY_CODES,
    Amenity,
    FundingProject,
    Venue,
    VenueClosure,
    VenueHonour,
    VenuePhoto,
    amenity_codes,
    amenity_mask,
)

__all__ = ["AMENITY_BIT", "AMENITY_CODES", "Amenity", "DailyVisitCount", "DemandPoint", "FundingProject", "Occupation",
           "ProblemReport", "Rating", "StationVisitor", "Venue", "VenueClosure", "VenueHonour", "VenuePhoto",
           "Visit", "VisitCooldown", "amenity_codes", "amenity_mask"]
