"""Data classification of legal aid and mediation (core/classification.py explains the levels)."""

from gonghui.core.classification import INTERNAL, PERSONAL, PUBLIC, SENSITIVE

CLASSIFICATION = {
    "rights.Holiday": {"*": PUBLIC, "name": PUBLIC},
    # lawyers and mediators are named to the workers they serve
    "rights.CaseWorker": {"*": INTERNAL, "name": PERSONAL},
    # a labour dispute tells of a person's job, pay and injuries: the case is personal, its story sensitive;
    # the employer is a unit (its name and credit code are public registry data)
    "rights.LegalCase": {"*": PERSONAL, "summary": SENSITIVE, "employer_name": INTERNAL, "court_name": PUBLIC},
    "rights.SlaPause": {"*": INTERNAL},
    "rights.Activity": {"*": SENSITIVE},
    "rights.CaseMember": {"*": PERSONAL},
    "rights.CourtMediation": {"*": SENSITIVE},
    "rights.Instalment": {"*": PERSONAL},
}
