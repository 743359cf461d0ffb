"""Read, check and (when committing) write one member import file: the body of the preview and commit jobs."""

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from gonghui.core.errors import ValidationFailed
from gonghui.core.imports import RowErrors
from gonghui.core.imports.uploads import local_copy, store_report

from .columns import category_map, occupation_map
from .engine import Counts, UnionResolver, UnitResolver, classify_and_write
from .pipeline import checked_batches


class ImportHasErrors(ValidationFailed):
    """Raised at the end of a commit with errors: the transaction rolls back, nothing is written."""

    code = "import_has_errors"

    def __init__(self, result: dict):
        super().__init__(_("The file has errors; nothing was written. Download the error report."),
                         extra={"result": result})


def process_file(ctx, *, actor, stored_name: str, filename: str, default_org, write: bool) -> dict:
    """Check every row; with ``write``, also write the good ones batch by batch (the caller's transaction
    makes it all or nothing). Returns the counts and the error report's name."""
    errors = RowErrors()
    counts = Counts()
    transfers: list = []
    seen_ids: dict[int, int] = {}
    seen_phones: dict[int, int] = {}
    unions = UnionResolver(actor, default_org)
    units = UnitResolver(write=write)
    found: dict = {}
    with local_copy(stored_name) as path:
        batches = checked_batches(path, filename, categories=category_map(), occupations=occupation_map(),
                                  write=write, on_header=lambda header: found.update(header=header))
        for checked in batches:
            names = found["header"].header
            errors.extend(checked.errors)
            counts.rows = checked.rows_seen
            batch: list = []
            for parsed in checked.rows:
                if _admit(parsed, errors, names, seen_ids, seen_phones) is None:
                    continue
                org = unions.resolve(parsed.union)
                if org is None:
                    errors.add(parsed.number, names.get("union", ""),
                               _("No union is named here, or the union is outside your part of the tree.")
                               if parsed.union else _("Choose the union to import into, or fill the union column."))
                    continue
                ok, unit_id = units.resolve(parsed, org, errors, names)
                if ok:
                    batch.append((parsed, org, unit_id))
            if batch:
                classify_and_write(batch, errors=errors, header=names, counts=counts, transfers=transfers,
                                   write=write)
            ctx.progress(counts.rows, None, _("%(rows)s rows checked") % {"rows": counts.rows})
            if errors.truncated:  # enough to report: stop reading (the count is then "at least")
                break
    if counts.rows == 0:
        raise ValidationFailed(_("The sheet has a header row but no member rows."), code="import_no_rows")
    counts.units_created = units.created
    result = {**counts.as_dict(), **errors.summary(),
              "header_row": found["header"].row_number, "report": ""}
    if errors or transfers:
        result["report"] = store_report(ctx.job.pk, errors, prefix="job", extra_sheets=_transfer_sheet(transfers))
    return result


def _admit(parsed, errors: RowErrors, names: dict, seen_ids: dict, seen_phones: dict):
    """Duplicates inside the file: the second row naming the same person (or phone) is an error."""
    # Keys as ints (the ID without its check digit, which follows from the rest; the phone's digits): half the
    # memory of strings, and these two maps are what grows with the file.
    first = seen_ids.setdefault(int(parsed.resident.number[:17]), parsed.number)
    if first != parsed.number:
        errors.add(parsed.number, names.get("id_number", ""),
                   _("The same ID number is already on row %(row)s of this file.") % {"row": first})
        return None
    if parsed.phone:
        first = seen_phones.setdefault(int(parsed.phone), parsed.number)
        if first != parsed.number:
            errors.add(parsed.number, names.get("phone", ""),
                       _("The same mobile number is already on row %(row)s of this file.") % {"row": first})
            return None
    return parsed


def _transfer_sheet(transfers: list) -> dict:
    """The report's extra sheet of the rows proposed as transfers (none when there are none)."""
    if not transfers:
        return {}
    header = [_("Row"), pgettext("person", "Name"), _("ID number"), _("Current union")]
    return {_("To transfer"): (header, transfers)}
