"""The yearly review: launched for a county as a background job with progress, safe to run again (a household
reviewed by a person keeps that decision; one reviewed by the rules is reviewed again), a person's decision, and
the level above's spot check of at least 30 % — a sample drawn reproducibly from the county, year and file ids."""

import json
import math
import random

from django.db import transaction
from django.db.models import Exists, OuterRef

from gonghui.core import audit, jobs, scope, workflow
from gonghui.core.errors import ValidationFailed

from .. import rules
from ..errors import LevelTooLow, ReasonRequired
from ..models import HardshipFile, YearlyReview
from ..roles import APPROVE, CHANGE
from .files import COUNTY_DEPTH, household_of, standard_for

JOB_KIND = "assistance.yearly_review"
SPOT_CHECK_SHARE = 0.3


def review_launch(*, actor, county_code: str, year: int):
    """Start the review of the county's filed households (those the actor may change) as a job."""
    scope.require(actor, CHANGE)
    if not (county_code or "").isdigit() or len(county_code) != 6:
        raise ValidationFailed(code="hardship_county_invalid", field="county_code")
    total = _files(actor, county_code).count()
    return jobs.job_submit(actor=actor, kind=JOB_KIND, params={"county": county_code, "year": int(year)},
                           total=total)


def _files(actor, county_code: str):
    return scope.scoped(HardshipFile.objects.filter(state="filed", county_code=county_code), actor, CHANGE)


def _result(a: rules.Assessment) -> str:
    if a.category != rules.NONE:
        return YearlyReview.Result.KEEP
    return YearlyReview.Result.EXIT if not a.exclusions else YearlyReview.Result.CHECK


CHUNK = 500


def _review_one(file, year: int, standard) -> str:
    a = rules.assess(household_of(file), standard)
    result = _result(a)
    snapshot = json.dumps({"members": [{"relation": m.relation, "income": m.income} for m in file.members.all()],
                           "per_capita": str(a.per_capita_monthly), "standard": str(a.standard_monthly),
                           "lines": a.lines}, ensure_ascii=False)
    # a person may have decided meanwhile: only a row the rules wrote (or none) is replaced
    updated = YearlyReview.objects.filter(file=file, year=year, manual=False).update(
        snapshot=snapshot, rule_version=rules.RULE_VERSION, result=result)
    if not updated and not YearlyReview.objects.filter(file=file, year=year).exists():
        YearlyReview.objects.create(org_id=file.org_id, file=file, year=year, result=result,
                                    rule_version=rules.RULE_VERSION, snapshot=snapshot)
    return result


def review_run(*, actor, county_code: str, year: int, progress=lambda done, total: None) -> dict:
    """The job's work: one review per filed household for the year; manual decisions are left alone."""
    manual = YearlyReview.objects.filter(file=OuterRef("pk"), year=year, manual=True)
    files = list(_files(actor, county_code).annotate(decided=Exists(manual)).prefetch_related("members")
                 .order_by("pk"))
    standard = standard_for(county_code, year) if files else None  # one county, one standard: read once
    counts = {"reviewed": 0, "kept_manual": 0, "keep": 0, "exit": 0, "check": 0}
    for start in range(0, len(files), CHUNK):
        with transaction.atomic():  # one transaction per chunk of households, not one each
            for done, file in enumerate(files[start:start + CHUNK], start=start + 1):
                if file.decided:
                    counts["kept_manual"] += 1
                else:
                    result = _review_one(file, year, standard)
                    counts["reviewed"] += 1
                    counts[result] += 1
                progress(done, len(files))
    audit.record("assistance.review.run", actor=actor, object_type="assistance.yearlyreview",
                 detail={"county": county_code, "year": year, **counts})
    return counts


@jobs.job_kind(JOB_KIND)
def _job(ctx) -> dict:
    return review_run(actor=ctx.actor, county_code=ctx.params["county"], year=ctx.params["year"],
                      progress=lambda done, total: ctx.progress(done, total))


def review_decide(*, actor, review: YearlyReview, result: str, comment: str = "") -> YearlyReview:
    """A person's decision: kept through every re-run of the job."""
    scope.require(actor, CHANGE, review)
    if result not in YearlyReview.Result.values:
        raise ReasonRequired(field="result")
    with transaction.atomic():
        YearlyReview.objects.filter(pk=review.pk).update(result=result, manual=True, reviewer=actor,
                                                         comment=(comment or "")[:500])
        review.refresh_from_db()
        audit.record("assistance.review.decide", actor=actor, obj=review, detail={"result": result})
    return review


def spot_check_sample(county_code: str, year: int, reviews) -> list[int]:
    """At least 30 % of the county's reviews of the year, the same ids every time for the same reviews."""
    ids = sorted(reviews.filter(year=year, file__county_code=county_code).values_list("pk", flat=True))
    if not ids:
        return []
    size = math.ceil(len(ids) * SPOT_CHECK_SHARE)
    return sorted(random.Random(f"{county_code}:{year}").sample(ids, size))


def spot_check_record(*, actor, review: YearlyReview, result: str) -> YearlyReview:
    """The level above (prefecture or province: above the county) records its check."""
    scope.require(actor, APPROVE, review)
    path = workflow.acting_path(actor, review.scope_path, APPROVE)
    if path is None or path.count("/") >= COUNTY_DEPTH:
        raise LevelTooLow()
    result = (result or "").strip()
    if len(result) < 2:
        raise ReasonRequired(field="result")
    with transaction.atomic():
        YearlyReview.objects.filter(pk=review.pk).update(spot_checked=True, spot_check_result=result[:300],
                                                         spot_checked_by=actor)
        review.refresh_from_db()
        audit.record("assistance.review.spot_check", actor=actor, obj=review)
    return review
