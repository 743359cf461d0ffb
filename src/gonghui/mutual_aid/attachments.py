"""The kind of private file mutual aid keeps (core.attachments): a claim's documents (invoices, discharge
records, the bank card…), health and money papers. Staff read them with mutual_aid.view over the claim's union
and add or remove them with claim_file; the worker adds their own (core.attachments: ``for_user``)."""

from django.utils.translation import gettext_lazy as _

from gonghui.core.attachments import AttachmentKind
from gonghui.core.uploads import DOCUMENTS

from . import permissions as P
from .models.document import CLAIM_DOCUMENT_KIND

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024

CLAIM_DOCUMENT = AttachmentKind(CLAIM_DOCUMENT_KIND, _("Claim document"), permission=P.VIEW,
                                upload_permission=P.CLAIM_FILE, allowed=DOCUMENTS, max_bytes=MAX_DOCUMENT_BYTES)
