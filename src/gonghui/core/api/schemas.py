"""Schemas shared by every API module: the problem document and small references to other objects."""

from ninja import Schema
from pydantic import Field


class ValidationErrorItem(Schema):
    loc: list[str | int] = Field(description="Where: the source (body, query, path), then field names.")
    msg: str
    type: str


class Problem(Schema):
    """An RFC 7807 problem document (``application/problem+json``)."""

    type: str = Field(description="A URI naming the error type: urn:gonghui:error:<code>.")
    title: str = Field(description="A short, human-readable summary in the caller's language.")
    status: int
    code: str = Field(description="The stable error code; see docs/api.md.")
    detail: str | None = Field(None, description="What went wrong this time, if it says more than the title.")
    field: str | None = Field(None, description="The input field the error is about, if any.")
    errors: list[ValidationErrorItem] | None = Field(None, description="validation_failed: each bad input.")


class Ref(Schema):
    """A named reference to another object."""

    id: int
    name: str


class DecisionIn(Schema):
    """An optional comment on a decision (accept, approve, cancel): one shape for every module's decisions."""

    comment: str = Field("", max_length=1000)


class Choice(Schema):
    code: str
    label: str
