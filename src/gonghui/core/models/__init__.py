from .attachment import Attachment
from .audit import AuditAnchor, AuditEvent
from .job import Job
from .message import Message, SmsOptOut
from .scoped import NO_PATH, PROVINCE_CODE, OrgScopedModel, ScopedByLookup, province_code_field
from .seal import Seal
from .security import ApiToken, LoginThrottle, UsedPassword, UserSession
from .user import User
from .workflow import WorkflowLog

__all__ = ["NO_PATH", "PROVINCE_CODE", "ApiToken", "Attachment", "AuditAnchor", "AuditEvent", "Job",
           "LoginThrottle", "Message", "OrgScopedModel", "ScopedByLookup", "Seal", "SmsOptOut", "UsedPassword",
           "User", "UserSession", "WorkflowLog", "province_code_field"]
