from django.urls import path

from . import views_staff as v

urlpatterns = [
    path("", v.article_list, name="article_list"),
    path("new/", v.article_create, name="article_create"),
    path("export/", v.article_export, name="article_export"),
    path("calendar/", v.calendar, name="calendar"),
    path("words/", v.word_list, name="word_list"),
    path("words/<int:pk>/remove/", v.word_remove, name="word_remove"),
    path("deliveries/<int:pk>/retry/", v.delivery_retry, name="delivery_retry"),
    path("<int:pk>/", v.article_detail, name="article_detail"),
    path("<int:pk>/edit/", v.article_edit, name="article_edit"),
    path("<int:pk>/step/", v.article_step, name="article_step"),
    path("<int:pk>/correct/", v.article_correct, name="article_correct"),
    path("<int:pk>/push-down/", v.article_push_down, name="article_push_down"),
    path("<int:pk>/pick-up/", v.article_pick_up, name="article_pick_up"),
    path("<int:pk>/comments/", v.article_comment, name="article_comment"),
    path("<int:pk>/cover/", v.article_cover, name="article_cover"),
    path("<int:pk>/cover/<int:width>/", v.article_cover_file, name="article_cover_file"),
    path("<int:pk>/compare/", v.article_diff, name="article_diff"),
    path("<int:pk>/wechat/", v.article_wechat, name="article_wechat"),
]
