"""``field__charcontains="张伟"``: contains, served on PostgreSQL by a GIN index over the column's characters.

Chinese names are two or three characters, and the most common searches are two: pg_trgm cannot serve a
pattern shorter than three characters (it scans every row). A GIN index on ``string_to_array(column, NULL)``
(one entry per character; an app creates it in a migration, see members 0004) finds the rows holding every
character of the query, and LIKE then keeps those holding them in order. On other databases (and for queries
without characters) the lookup is plain ``contains``.
"""

from django.db.models import CharField, Lookup
from django.db.models.lookups import Contains


def characters(value: str) -> list[str]:
    return sorted(set(value))


@CharField.register_lookup
class CharContains(Lookup):
    lookup_name = "charcontains"

    def as_sql(self, compiler, connection):
        return compiler.compile(Contains(self.lhs, self.rhs))

    def as_postgresql(self, compiler, connection):
        like_sql, like_params = self.as_sql(compiler, connection)
        if not isinstance(self.rhs, str) or not self.rhs:
            return like_sql, like_params
        lhs_sql, lhs_params = compiler.compile(self.lhs)
        return (f"(string_to_array({lhs_sql}, NULL) @> %s::text[] AND {like_sql})",
                [*lhs_params, characters(self.rhs), *like_params])
