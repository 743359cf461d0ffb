from .aid import aid_approve, aid_pay, aid_propose, aid_step, fund_create, fund_top_up
from .files import (
    assessment,
    file_exit,
    file_make_permanent,
    file_open,
    file_step,
    member_add,
    objection_add,
    reveal,
    standard_for,
)
from .reviews import review_decide, review_launch, spot_check_record
from .standards import standard_set, standards_import

__all__ = [
    "aid_approve",
    "aid_pay",
    "aid_propose",
    "aid_step",
    "assessment",
    "file_exit",
    "file_make_permanent",
    "file_open",
    "file_step",
    "fund_create",
    "fund_top_up",
    "member_add",
    "objection_add",
    "reveal",
    "review_decide",
    "review_launch",
    "spot_check_record",
    "standard_for",
    "standard_set",
    "standards_import",
]
