"""Error codes of the venues module (RFC 7807 in the API, messages on the pages)."""

from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed


class CoordinatesInvalid(ValidationFailed):
    code = "venue_coordinates_invalid"
    default_message = _("The coordinates are not valid (latitude −90…90, longitude −180…180).")


class CountyUnknown(ValidationFailed):
    code = "venue_county_unknown"
    default_message = _("The owning organisation has no administrative division to number the venue by.")


class VenueNotPublic(NotFound):
    code = "venue_not_found"
    default_message = _("There is no such station.")


class CheckInNeedsIdentity(ValidationFailed):
    code = "checkin_identity_missing"
    default_message = _("Sign in, or give your mobile number and occupation.")


class VisitNotYours(PermissionDenied):
    code = "visit_not_yours"
    default_message = _("Only the person who made this visit can rate it.")


class AlreadyRated(Conflict):
    code = "visit_already_rated"
    default_message = _("This visit has already been rated.")


class DemandPointsMissing(ValidationFailed):
    code = "coverage_no_demand_points"
    default_message = _("There are no demand points for this area yet.")
