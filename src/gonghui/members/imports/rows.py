"""One row of a member import, checked cell by cell: clean values or row errors (row, column, reason)."""

import datetime
from dataclasses import dataclass
from functools import lru_cache

from django.utils.translation import gettext as _

from gonghui.core.errors import ValidationFailed
from gonghui.core.imports import CellError, HeaderMap, RowErrors, cells
from gonghui.core.pinyin import pinyin_keys
from gonghui.core.validators import ResidentId, normalise_mobile, parse_resident_id, validate_credit_code

from .. import services
from ..models import Person


@dataclass(slots=True)
class MemberRow:
    number: int
    name: str
    resident: ResidentId
    phone: str
    unit_code: str
    unit_name: str
    joined_on: datetime.date | None
    category: str
    occupation: str
    union: str  # as written in the file ("" = the union chosen on the form)
    # Filled by prepare() where the row is read (possibly another process): the work every row needs.
    id_hash: str = ""
    phone_hash: str = ""
    name_pinyin: str = ""
    name_initials: str = ""
    sealed: dict | None = None  # attname -> ciphertext of the encrypted columns, when the rows will be written


@lru_cache(maxsize=262_144)  # ~30 MB at most; a province file has many distinct names
def cached_pinyin(name: str) -> tuple[str, str]:
    """Names repeat a lot (张伟, 王芳...): pinyin once per distinct name."""
    return pinyin_keys(name)


def prepare(row: MemberRow, *, write: bool) -> MemberRow:
    """The per-row work that needs no database: lookup hashes, pinyin and (for a commit) the ciphertexts a new
    person's row will carry. Done where the row is read, so a second process can take it off the writer."""
    row.id_hash = services.id_number_hash(row.resident.number)
    row.phone_hash = services.phone_hash(row.phone) if row.phone else ""
    row.name_pinyin, row.name_initials = cached_pinyin(row.name)
    if write:
        row.sealed = {"id_number": Person._meta.get_field("id_number").get_prep_value(row.resident.number),
                      "phone": Person._meta.get_field("phone").get_prep_value(row.phone) if row.phone else ""}
    return row


class RowParser:
    def __init__(self, header: HeaderMap, errors: RowErrors, *, categories: dict, occupations: dict):
        self.header = header
        self.errors = errors
        self.categories = categories
        self.occupations = occupations

    def _fail(self, row_number: int, key: str, exc: Exception) -> None:
        reason = exc.reason if isinstance(exc, CellError) else exc.message
        self.errors.add(row_number, self.header.header.get(key, key), reason)

    def _cell(self, row_number: int, values: tuple, key: str, convert, **kwargs):
        try:
            return convert(self.header.get(values, key), **kwargs), True
        except (CellError, ValidationFailed) as exc:
            self._fail(row_number, key, exc)
        return None, False

    def parse(self, number: int, values: tuple) -> MemberRow | None:
        """The clean row, or None after adding its errors. Every cell is checked (a row reports all its
        errors); a cell that passes costs no exception."""
        ok = True
        name, good = self._cell(number, values, "name", cells.name, max_length=50)
        ok &= good
        if good and not name:
            self.errors.add(number, self.header.header["name"], _("The name is missing."))
            ok = False
        resident = None
        try:
            resident = parse_resident_id(cells.identity_number(self.header.get(values, "id_number")))
        except (CellError, ValidationFailed) as exc:
            self._fail(number, "id_number", exc)
            ok = False
        phone = ""
        try:
            raw_phone = cells.phone_text(self.header.get(values, "phone"))
            phone = normalise_mobile(raw_phone) if raw_phone else ""
        except (CellError, ValidationFailed) as exc:
            self._fail(number, "phone", exc)
            ok = False
        unit_code = ""
        try:
            raw_code = cells.compact(self.header.get(values, "unit_code"), max_length=40)
            unit_code = validate_credit_code(raw_code) if raw_code else ""
        except (CellError, ValidationFailed) as exc:
            self._fail(number, "unit_code", exc)
            ok = False
        unit_name, good = self._cell(number, values, "unit_name", cells.name, max_length=150)
        ok &= good
        joined_on, good = self._cell(number, values, "joined_on", cells.date)
        ok &= good
        category = self._choice(number, values, "category", self.categories, default="employee")
        occupation = self._choice(number, values, "occupation", self.occupations, default="")
        ok &= category is not None and occupation is not None
        union, good = self._cell(number, values, "union", cells.text, max_length=150)
        ok &= good
        if not ok:
            return None
        if joined_on and joined_on < resident.birth_date:
            self.errors.add(number, self.header.header.get("joined_on", "joined_on"),
                            _("The joining date is before the birth date in the ID number."))
            return None
        return MemberRow(number, name, resident, phone, unit_code, unit_name or "", joined_on,
                         category, occupation, union or "")

    def _choice(self, number: int, values: tuple, key: str, mapping: dict, *, default: str):
        raw, good = self._cell(number, values, key, cells.text, max_length=40)
        if not good:
            return None
        if not raw:
            return default
        value = mapping.get(raw.lower())
        if value is None:
            self.errors.add(number, self.header.header.get(key, key),
                            _("“%(value)s” is not one of the accepted values (see the template's instructions).")
                            % {"value": raw})
        return value
