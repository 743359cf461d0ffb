"""Data classification of service venues (core/classification.py explains the levels)."""

from gonghui.core.classification import INTERNAL, PERSONAL, PUBLIC, SENSITIVE

CLASSIFICATION = {
    # a station is published on the public map, its contact person and telephone included (given for that)
    "venues.Venue": {"*": INTERNAL, "name": PUBLIC, "name_pinyin": PUBLIC, "name_initials": PUBLIC,
                     "address": PUBLIC, "partner_name": PUBLIC, "lat": PUBLIC, "lng": PUBLIC,
                     "contact_name": PUBLIC, "contact_phone": PUBLIC},
    "venues.VenueClosure": {"*": INTERNAL},
    "venues.VenueHonour": {"*": PUBLIC},
    "venues.FundingProject": {"*": INTERNAL},
    "venues.VenuePhoto": {"*": PUBLIC},
    # a visitor's number is encrypted; visits by one number over time are a location track
    "venues.StationVisitor": {"*": PERSONAL, "phone": SENSITIVE, "phone_hash": PERSONAL, "phone_tail": PERSONAL},
    "venues.Visit": {"*": SENSITIVE},
    "venues.VisitCooldown": {"*": PERSONAL},
    "venues.DailyVisitCount": {"*": INTERNAL},
    "venues.ProblemReport": {"*": PERSONAL},
    "venues.Rating": {"*": PERSONAL},
    # demand points are aggregated places of work (no person), for planning new stations
    "venues.DemandPoint": {"*": INTERNAL, "lat": INTERNAL, "lng": INTERNAL},
}
