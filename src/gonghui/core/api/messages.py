"""The inbox over the API: one's own messages (paginated, unread filter), mark one or all read. Another user's
message does not exist (404)."""

import datetime

from ninja import Query, Router, Schema
from ninja.pagination import paginate

from gonghui.core import inbox
from gonghui.core.messaging import render

from .pagination import KeysetPagination

router = Router(tags=["messages"])


class MessageFilters(Schema):
    unread: bool = False


class MessageOut(Schema):
    id: int
    event: str
    title: str
    body: str
    object_type: str
    object_id: str
    link: str
    created_at: datetime.datetime
    read_at: datetime.datetime | None

    @staticmethod
    def resolve_title(obj) -> str:
        return render(obj)[0]

    @staticmethod
    def resolve_body(obj) -> str:
        return render(obj)[1]


class ReadAllOut(Schema):
    marked: int


@router.get("/messages", response=list[MessageOut], summary="My messages")
@paginate(KeysetPagination)
def message_list(request, filters: Query[MessageFilters]):
    """The signed-in user's inbox, newest first; ``unread=true`` for the unread only. Titles and bodies in the
    request's language."""
    return inbox.messages_for(request.auth, unread=filters.unread)


@router.post("/messages/read-all", response=ReadAllOut, summary="Mark all my messages read")
def message_read_all(request):
    return {"marked": inbox.messages_mark_all_read(user=request.auth)}


@router.post("/messages/{message_id}/read", response=MessageOut, summary="Mark one message read")
def message_read(request, message_id: int):
    return inbox.message_mark_read(user=request.auth, message_id=message_id)
