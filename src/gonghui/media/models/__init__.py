from .article import Article, ArticleComment, ArticleVersion, Category
from .channel import Channel, Delivery, ProhibitedWord

__all__ = ["Article", "ArticleComment", "ArticleVersion", "Category", "Channel", "Delivery", "ProhibitedWord"]
