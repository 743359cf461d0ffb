"""Models of the rights app (one module per concept, re-exported here)."""

from .calendar import Holiday
from .case import (
    ALLOWED_OUTCOMES,
    MONEY_OUTCOMES,
    ROLE_CASE_TYPES,
    Activity,
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

__all__ = ["ALLOWED_OUTCOMES", "MONEY_OUTCOMES", "ROLE_CASE_TYPES", "Activity", "CaseType", "CaseWorker", "Channel",
           "DisputeType", "Holiday", "LegalCase", "Outcome", "RefusalReason", "SlaPause", "Urgency"]
