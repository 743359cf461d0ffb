"""c. Member search through members.selectors.person_list (as the province officer, first page of 50) vs a
plain ORM ``name__icontains`` of the same text, ordered the same way."""

from . import Options, Result, percentiles, register, timed
from ._data import ensure_demo, user

PAGE = 50


def _queries() -> dict[str, str]:
    """Real values from the data: a frequent given-name character, a surname+name, initials, tails."""
    from gonghui.members.models import Person

    sample = Person.objects.order_by("id").values("name", "name_initials", "id_tail", "phone_tail")[100]
    return {"name": sample["name"][-1], "full_name": sample["name"], "initials": sample["name_initials"],
            "id_tail": sample["id_tail"], "phone_tail": sample["phone_tail"]}


@register("c", "member search")
def run(options: Options) -> list[Result]:
    from gonghui.members import selectors
    from gonghui.members.models import Person

    ensure_demo(options)
    officer = user("province_admin")
    results = []
    for kind, query in _queries().items():
        def through_selector(q=query):
            return list(selectors.person_list(officer, query=q)[:PAGE])

        def plain_icontains(q=query):
            return list(Person.objects.filter(name__icontains=q).order_by("name", "id")[:PAGE])

        p50, p95 = percentiles(timed(through_selector, options.repeat))
        b50, b95 = percentiles(timed(plain_icontains, options.repeat))
        results.append(Result(
            name=f"c.search.{kind}", title=f"c. search by {kind.replace('_', ' ')} (person_list, first {PAGE})",
            figure=p50, figure_label="ms p50", baseline=b50, baseline_label="ms p50 icontains",
            details={"query_kind": kind, "p95_ms": p95, "baseline_p95_ms": b95, "rows": len(through_selector())}))
    return results
