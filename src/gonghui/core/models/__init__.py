from .attachment import Attachment
from .audit import AuditEvent
from .job import Job
from .message import Message, SmsOptOut
from .scoped import NO_PATH, PROVINCE_CODE, OrgScopedModel, ScopedByLookup, province_code_field
from .security import ApiToken, LoginThrottle, UsedPassword
from .user import User
from .workflow import WorkflowLog

__all__ = ["NO_PATH", "PROVINCE_CODE", "ApiToken", "Attachment", "AuditEvent", "Job", "LoginThrottle", "Message",
           "OrgScopedModel", "ScopedByLookup", "SmsOptOut", "UsedPassword", "User", "WorkflowLog",
           "province_code_field"]
