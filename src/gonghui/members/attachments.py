"""The kinds of private file members keeps (core.attachments): papers of a person, such as the signed membership
application (入会申请书) or a retirement certificate. Read with members.view, added with members.change."""

from django.utils.translation import gettext_lazy as _

from gonghui.core import roles
from gonghui.core.attachments import AttachmentKind

PERSON_DOCUMENT = AttachmentKind("members.person_document", _("Member's document"), permission=roles.MEMBERS_VIEW,
                                 upload_permission=roles.MEMBERS_CHANGE)

