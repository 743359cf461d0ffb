"""Models of the rights app (one module per concept, re-exported here)."""

from .calendar import Holiday
from .case import (
    ALLOWED_OUTCOMES,
    MONEY_OUTCOMES,
    ROLE_CASE_TYPES,
    Activity,
    CaseMember,
    CaseType,
    CaseWorker,
    Channel,
    DisputeType,
    LegalCase,
    Outcome,
    RefusalReason,
    SlaPause,
    Urgency,
)
from .followup import CourtMediation, Instalment

__all__ = ["ALLOWED_OUTCOMES", "MONEY_OUTCOMES", "ROLE_CASE_TYPES", "Activity", "CaseMember", "CaseType",
           "CaseWorker", "Channel", "CourtMediation", "DisputeType", "Holiday", "Instalment", "LegalCase", "Outcome",
           "RefusalReason", "SlaPause", "Urgency"]
