"""Background jobs over the API: status, progress and result; cancel. Only the job's creator sees it."""

import datetime

from ninja import Router, Schema

from gonghui.core import jobs

router = Router(tags=["jobs"])


class JobOut(Schema):
    id: int
    kind: str
    status: str
    progress_done: int
    progress_total: int | None
    message: str
    result: dict
    error_code: str
    error_message: str
    cancel_requested: bool
    created_at: datetime.datetime
    started_at: datetime.datetime | None
    finished_at: datetime.datetime | None


@router.get("/jobs/{job_id}", response=JobOut, summary="One background job")
def job_detail(request, job_id: int):
    return jobs.job_get(request.auth, job_id)


@router.post("/jobs/{job_id}/cancel", response=JobOut, summary="Cancel a background job")
def job_cancel(request, job_id: int):
    return jobs.job_cancel(actor=request.auth, job=jobs.job_get(request.auth, job_id))
