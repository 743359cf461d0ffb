"""Baseline of benchmark a (run in the scratch database by bench.demo_generation): the loader's rows for
``--persons`` persons generated beforehand without encryption (clear text in the encrypted and hash columns),
then written by the same COPY / executemany into the real tables, timed, and rolled back. Prints JSON."""

import argparse
import json
import math
import os
import sys
import time

from . import ROOT


def main() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gonghui.settings")
    import django

    django.setup()
    from django.db import transaction

    from gonghui.core import demo
    from gonghui.members.demo import bulk
    from gonghui.members.models import Unit
    from gonghui.orgs.models import Organisation

    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, required=True)
    args = parser.parse_args()
    employer, new_form = [], {}
    for unit_id, org_id, county, industry, kind in Unit.objects.values_list(
            "id", "org_id", "org__parent__division_id", "industry", "org__kind").order_by("id"):
        if kind == Organisation.Kind.JOINT:
            new_form.setdefault(industry, []).append((unit_id, org_id, county))
        else:
            employer.append((unit_id, org_id, county))
    ctx = demo.DemoContext(scale="county", seed=2027, persons=args.persons)  # another seed: no clash
    ctx.shared.update(employer_units=employer, new_form_units=new_form)
    writer = demo.BulkWriter()
    plan = bulk.plan_for(ctx, writer)
    batches = [bulk.generate_batch(b, plan, encrypt=False) for b in range(math.ceil(plan.persons / plan.batch_size))]
    columns = {model: bulk._db_columns(model, with_id=model is not bulk.WorkflowLog) for model in plan.columns}
    rows = 0
    with transaction.atomic():
        started = time.perf_counter()
        for batch in batches:
            for model, data in batch:
                rows += writer.write(model._meta.db_table, columns[model], data)
        seconds = time.perf_counter() - started
        transaction.set_rollback(True)
    print(json.dumps({"rows": rows, "seconds": seconds}))


if __name__ == "__main__":
    main()
