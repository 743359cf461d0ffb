from .division import Division
from .organisation import Organisation
from .role import RoleAssignment, RoleRequest

__all__ = ["Division", "Organisation", "RoleAssignment", "RoleRequest"]
