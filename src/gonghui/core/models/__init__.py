from .audit import AuditEvent
from .security import ApiToken, LoginThrottle
from .user import User
from .workflow import WorkflowLog

__all__ = ["ApiToken", "AuditEvent", "LoginThrottle", "User", "WorkflowLog"]
