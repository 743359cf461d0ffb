"""Permissions of the newsroom and who holds them (imported from MediaConfig.ready).

Writing, the three review steps, publishing and the word list are separate permissions, so a newsroom can give
its editors, reviewers and publishers different hands; the services add that the author never reviews or
publishes their own article (a second pair of eyes)."""

from django.utils.translation import gettext_lazy as _

from gonghui.core.roles import Role, extend_role, register_permission, register_role

MEDIA_VIEW = register_permission("media.view", _("See the newsroom's articles"))
MEDIA_EDIT = register_permission("media.edit", _("Write and change articles"), view=MEDIA_VIEW)
MEDIA_REVIEW = register_permission("media.review", _("Review articles (first and second review)"), view=MEDIA_VIEW)
MEDIA_APPROVE = register_permission("media.approve", _("Give the final review of articles"), view=MEDIA_VIEW)
MEDIA_PUBLISH = register_permission("media.publish", _("Publish, schedule and withdraw articles on channels"),
                                    view=MEDIA_VIEW)
MEDIA_WORDS = register_permission("media.words", _("Keep the list of prohibited and sensitive words"),
                                  view=MEDIA_VIEW)

NEWS_EDITOR = register_role(Role(
    "news_editor", _("News editor"), 16, frozenset({MEDIA_VIEW, MEDIA_EDIT}),
    description=_("Writes articles for the organisation's channels."),
))


def extend_foundation_roles() -> None:
    extend_role("org_admin", {MEDIA_VIEW, MEDIA_EDIT, MEDIA_REVIEW, MEDIA_APPROVE, MEDIA_PUBLISH, MEDIA_WORDS})
    extend_role("member_officer", {MEDIA_VIEW, MEDIA_EDIT, MEDIA_REVIEW})
    extend_role("reviewer", {MEDIA_VIEW, MEDIA_REVIEW})
    extend_role("viewer", {MEDIA_VIEW})
