from .audit import AuditEvent
from .job import Job
from .security import ApiToken, LoginThrottle
from .user import User
from .workflow import WorkflowLog

__all__ = ["ApiToken", "AuditEvent", "Job", "LoginThrottle", "User", "WorkflowLog"]
