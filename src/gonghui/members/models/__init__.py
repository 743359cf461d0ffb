from .membership import Membership, Transfer
from .person import Person
from .unit import Unit

__all__ = ["Membership", "Person", "Transfer", "Unit"]
