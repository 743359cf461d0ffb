"""The worker's pages at /m/assistance/: apply for hardship aid, and see where the own file stands (its steps,
the coded reason when refused, the aid given). Nothing here takes a person from the URL."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from gonghui.core.web.pages import call_service
from gonghui.members import selectors as member_selectors

from .. import rules, selectors, services
from ..models import HardshipFile, HouseholdMember
from ..workflows import FILE_FLOW


def worker_required(view):
    """A signed-in worker with a verified person; anyone else is sent to the worker sign-in."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        person = member_selectors.worker_person(request.user)
        if person is None:
            return redirect_to_login(request.get_full_path(), reverse("m:login"))
        return view(request, person, *args, **kwargs)

    return wrapper


@worker_required
def status(request, person):
    files = list(selectors.my_files(person)[:10])
    for f in files:
        f.history_rows = list(FILE_FLOW.history(f))
        f.aid_rows = list(f.aid.filter(state__in=("approved", "paid")).order_by("-given_on")[:20])
    return render(request, "assistance/mobile/status.html", {"files": files, "flow": FILE_FLOW})


@worker_required
def apply(request, person):
    if request.method == "POST":
        p = request.POST
        members = []
        for i in range(1, 5):
            name, number = p.get(f"m{i}_name", "").strip(), p.get(f"m{i}_id", "").strip()
            if name and number:
                members.append({"name": name, "id_number": number, "relation": p.get(f"m{i}_relation", "other"),
                                "income": p.get(f"m{i}_income", "")})
        members.insert(0, {"name": person.name, "relation": "self", "id_number": "", "income": p.get("income", "")})
        members[0].pop("id_number")
        outcome = call_service(
            request, services.file_open, success=_("Your application was sent to your union."), actor=request.user,
            org=person.current_org, person=person, county_code=p.get("county_code", "").strip(),
            members=members, causes=p.getlist("causes"), housing=p.get("housing", "own"),
            medical_costs=p.get("medical_costs", ""), schooling_costs=p.get("schooling_costs", ""),
            self_applied=True)
        if outcome.ok:
            return redirect(reverse("m_assistance:status"))
    return render(request, "assistance/mobile/apply.html", {
        "causes": rules.CAUSES.items(), "housing": HardshipFile.Housing.choices,
        "relations": HouseholdMember.Relation.choices[1:],
        "slots": range(1, 5), "county": (person.id_number or "")[:6]})
