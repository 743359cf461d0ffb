from .audit import AuditEvent
from .job import Job
from .message import Message, SmsOptOut
from .security import ApiToken, LoginThrottle
from .user import User
from .workflow import WorkflowLog

__all__ = ["ApiToken", "AuditEvent", "Job", "LoginThrottle", "Message", "SmsOptOut", "User", "WorkflowLog"]
