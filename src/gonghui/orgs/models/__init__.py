from .division import Division
from .organisation import Organisation
from .role import RoleAssignment

__all__ = ["Division", "Organisation", "RoleAssignment"]
