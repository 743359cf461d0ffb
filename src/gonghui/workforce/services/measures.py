"""Reform measures (产改配套措施): record one (with its document), move its implementation status."""

import datetime

from django.db import transaction

from gonghui.core import attachments, audit, workflow

from ..models import ReformMeasure
from ..roles import WORKFORCE_CHANGE
from ..workflows import MEASURE_FLOW
from .common import clean_text, require, title_keys

DOCUMENT_KIND = "workforce.measure_document"


def measure_create(*, actor, org, title: str, issuing_bodies: str, issued_on: datetime.date, area: str,
                   document_number: str = "", summary: str = "", document=None) -> ReformMeasure:
    require(actor, WORKFORCE_CHANGE, org)
    title = clean_text(title, field="title", max_length=200)
    with transaction.atomic():
        measure = ReformMeasure.objects.create(
            org=org, title=title, **title_keys(title),
            issuing_bodies=clean_text(issuing_bodies, field="issuing_bodies", max_length=300),
            document_number=clean_text(document_number, field="document_number", max_length=100, required=False),
            issued_on=issued_on, area=area, summary=(summary or "").strip()[:5000])
        MEASURE_FLOW.start(measure, actor=actor)
        audit.record("workforce.measure_create", actor=actor, obj=measure,
                     detail={"issued_on": issued_on.isoformat(), "area": area})
        if document is not None:
            attachments.attachment_add(actor=actor, owner=measure, kind=DOCUMENT_KIND, upload=document)
    return measure


def measure_transition(*, actor, measure: ReformMeasure, transition: str, comment: str = "") -> ReformMeasure:
    workflow.apply(measure, transition, actor=actor, flow=MEASURE_FLOW, comment=(comment or "").strip()[:500])
    return measure
