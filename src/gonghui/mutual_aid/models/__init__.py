"""Models of the app (one module per concept, re-exported here)."""

from .account import PersonAccount
from .bank_change import BankAccountChange
from .claim import Claim, ClaimInvoice
from .contribution import ContributionStatement, Payment
from .document import ClaimDocument
from .enrolment import Enrolment
from .payout import Payout, PayoutBatch
from .period import Period, PlanVersion
from .settlement import SecondPayout, SecondPayoutCandidate, Settlement

__all__ = ["BankAccountChange", "Claim", "ClaimDocument", "ClaimInvoice", "ContributionStatement", "Enrolment",
           "Payment", "Payout", "PayoutBatch", "Period", "PersonAccount", "PlanVersion", "SecondPayout",
           "SecondPayoutCandidate", "Settlement"]
