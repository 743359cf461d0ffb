"""Data classification of medical mutual aid (core/classification.py explains the levels)."""

from gonghui.core.classification import INTERNAL, PERSONAL, SENSITIVE

CLASSIFICATION = {
    "mutual_aid.PersonAccount": {"*": PERSONAL},
    # health (hospital, diagnosis) and bank accounts are sensitive personal information (PIPL art. 28): the
    # account number is encrypted; diagnoses are shown only to claim reviewers in scope
    "mutual_aid.Claim": {"*": PERSONAL, "hospital": SENSITIVE, "diagnosis": SENSITIVE,
                         "diagnosis_category": SENSITIVE, "bank_name": PERSONAL, "bank_account": SENSITIVE,
                         "bank_account_tail": PERSONAL},
    "mutual_aid.ClaimInvoice": {"*": SENSITIVE, "hospital_key": SENSITIVE},
    "mutual_aid.BankAccountChange": {"*": PERSONAL, "bank_name": PERSONAL, "bank_account": SENSITIVE,
                                     "bank_account_tail": PERSONAL},
    "mutual_aid.ContributionStatement": {"*": INTERNAL},
    "mutual_aid.Payment": {"*": INTERNAL},
    "mutual_aid.ClaimDocument": {"*": SENSITIVE},  # the file itself is a core.Attachment
    "mutual_aid.Enrolment": {"*": PERSONAL},
    "mutual_aid.PayoutBatch": {"*": INTERNAL, "bank_reference": INTERNAL},
    "mutual_aid.Payout": {"*": PERSONAL, "bank_reference": INTERNAL},
    "mutual_aid.Period": {"*": INTERNAL},
    "mutual_aid.PlanVersion": {"*": INTERNAL},
    "mutual_aid.Settlement": {"*": INTERNAL},
    "mutual_aid.SecondPayoutCandidate": {"*": PERSONAL},
    "mutual_aid.SecondPayout": {"*": PERSONAL, "bank_name": PERSONAL, "bank_account": SENSITIVE,
                                "bank_account_tail": PERSONAL},
}
