"""Data classification of the newsroom (core/classification.py explains the levels)."""

from gonghui.core.classification import INTERNAL, PUBLIC

CLASSIFICATION = {
    # drafts and reviews are the newsroom's own; the byline is printed on the published article
    "media.Article": {"*": INTERNAL, "author_name": PUBLIC},
    "media.ArticleVersion": {"*": INTERNAL},
    "media.ArticleComment": {"*": INTERNAL},
    # channels are public outlets; a delivery's read count is an aggregate, its export the published text
    "media.Channel": {"*": PUBLIC, "name": PUBLIC},
    "media.Delivery": {"*": INTERNAL},
    "media.ProhibitedWord": {"*": INTERNAL},
}
