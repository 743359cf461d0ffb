"""The yearly review: a job with progress over a county's filed households, safe to re-run (a person's decision
stays), and the level above's reproducible 30 % spot check."""

import math
from decimal import Decimal

import pytest

from gonghui.assistance.errors import LevelTooLow
from gonghui.assistance.models import YearlyReview
from gonghui.assistance.services import reviews
from gonghui.core import jobs
from gonghui.core.models import Job

from .factories import make_file, make_standard
from .helpers import TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def county_files(world):
    make_standard("530102", TODAY.year, Decimal("700.00"))
    poor = [make_file(world.wuhua_union, f"复核困难{i}", state="filed", income="3000.00") for i in range(4)]
    better = [make_file(world.wuhua_union, f"复核好转{i}", state="filed", income="99000.00") for i in range(3)]
    return poor, better


def test_review_job_runs_with_progress_and_a_rerun_keeps_manual_decisions(world, county_files):
    _poor, better = county_files
    officer = world.user("grassroots_officer")
    job = reviews.review_launch(actor=officer, county_code="530102", year=TODAY.year)
    jobs.run(job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED and job.progress_total == 7
    assert job.result["keep"] == 4 and job.result["exit"] == 3
    assert YearlyReview.objects.filter(result="exit").count() == 3
    decided = YearlyReview.objects.get(file=better[0])
    reviews.review_decide(actor=officer, review=decided, result="keep", comment="收入为一次性补偿")
    again = reviews.review_launch(actor=officer, county_code="530102", year=TODAY.year)
    jobs.run(again.pk)
    again.refresh_from_db()
    assert again.result["kept_manual"] == 1 and again.result["reviewed"] == 6
    decided.refresh_from_db()
    assert decided.result == "keep" and decided.manual and decided.comment == "收入为一次性补偿"
    assert YearlyReview.objects.count() == 7  # one a household a year, however often it runs


def test_spot_check_sample_is_reproducible_and_for_the_level_above(world, county_files):
    job = reviews.review_launch(actor=world.user("county_officer"), county_code="530102", year=TODAY.year)
    jobs.run(job.pk)
    visible = YearlyReview.objects.all()
    sample = reviews.spot_check_sample("530102", TODAY.year, visible)
    assert len(sample) == math.ceil(7 * 0.3) and sample == reviews.spot_check_sample("530102", TODAY.year, visible)
    review = YearlyReview.objects.get(pk=sample[0])
    with pytest.raises(LevelTooLow):  # the county itself does not check its own review
        reviews.spot_check_record(actor=world.user("county_officer"), review=review, result="电话核实无误")
    reviews.spot_check_record(actor=world.user("province_admin"), review=review, result="电话核实无误")
    review.refresh_from_db()
    assert review.spot_checked and review.spot_checked_by == world.user("province_admin")


def test_review_page_launches_and_shows_progress(client, world, county_files):
    from django.urls import reverse
    from tests.fixtures import sign_in

    sign_in(client, world.user("county_officer"))
    url = reverse("assistance:reviews")
    response = client.post(url, {"action": "launch", "county": "530102", "year": TODAY.year})
    assert response.status_code == 302 and "job=" in response["Location"]
    job = Job.objects.get(kind="assistance.yearly_review")
    jobs.run(job.pk)
    body = client.get(url, {"county": "530102", "year": TODAY.year, "job": job.pk}).content.decode()
    assert 'data-testid="job"' in body and "复核好转0" in body
