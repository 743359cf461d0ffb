from .membership import Membership, Transfer
from .person import IdentityConflict, Person
from .unit import Unit

__all__ = ["IdentityConflict", "Membership", "Person", "Transfer", "Unit"]
