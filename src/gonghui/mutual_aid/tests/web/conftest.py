"""Fixtures of the page tests: a claim in each useful state, inside Wuhua and outside (Panlong)."""

import pytest

from gonghui.members.models import Person
from gonghui.mutual_aid import services
from gonghui.mutual_aid.tests import factories


@pytest.fixture
def panlong_person(world, period):
    person = Person.objects.get(name="王芳")
    factories.enrol(person, period)
    return person


@pytest.fixture
def claims(world, covered, staff, panlong_person):
    """submitted (张伟, filed by the worker), under review (李娜, filed by the grassroots officer), and one
    submitted in Panlong (out of the Wuhua staff's scope)."""
    submitted = factories.file_claim(world.user("worker"), covered["张伟"])
    reviewing = factories.file_claim(staff["filer"], covered["李娜"])
    services.claim_start_review(actor=staff["reviewer"], claim=reviewing)
    outside = factories.file_claim(world.user("province_admin"), panlong_person)
    return {"submitted": submitted, "reviewing": reviewing, "outside": outside}
