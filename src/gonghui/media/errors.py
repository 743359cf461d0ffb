"""Error codes of the newsroom (RFC 7807 in the API, messages on the pages)."""

from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed


class ProhibitedWordsFound(ValidationFailed):
    code = "media_prohibited_words"
    default_message = _("The article contains prohibited words; remove them before it goes further.")


class SecondPersonRequired(PermissionDenied):
    code = "media_second_person_required"
    default_message = _("A second person must take this step: the author, or whoever took an earlier review "
                        "step, may not.")


class LevelRequired(PermissionDenied):
    code = "media_level_required"
    default_message = _("This review step belongs to a higher level of the organisation tree.")


class ChannelNotAllowed(PermissionDenied):
    code = "media_channel_not_allowed"
    default_message = _("You may not publish to one of the chosen channels.")


class NoChannels(ValidationFailed):
    code = "media_no_channels"
    default_message = _("Choose at least one channel.")


class ScheduleInPast(ValidationFailed):
    code = "media_schedule_in_past"
    default_message = _("The publishing time must be in the future.")


class NotEditable(Conflict):
    code = "media_not_editable"
    default_message = _("Only drafts can be changed; return the article to draft first.")


class ArticleNotPublic(NotFound):
    code = "media_article_not_found"
    default_message = _("There is no such article.")


class CoverInvalid(ValidationFailed):
    code = "media_cover_invalid"
    default_message = _("The cover is not a JPEG or PNG picture (or it is damaged).")
