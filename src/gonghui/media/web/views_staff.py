"""Staff newsroom pages: the list (filters, search, pagination, the overdue flag), the editor, the article page
with its word check, steps, deliveries, versions and comments, the calendar and the word list. Thin: forms
validate, services decide."""

import datetime

from django.contrib import messages
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.core import scope
from gonghui.core.web.pages import call_service, int_or_none, paginate, require_anywhere, staff_view
from gonghui.orgs import selectors as org_selectors

from .. import images, selectors, services, wechat
from ..models import Article
from ..roles import MEDIA_EDIT, MEDIA_PUBLISH, MEDIA_VIEW, MEDIA_WORDS
from ..services.words import article_words
from ..workflows import ARTICLE_FLOW, FORM_STEPS, SYSTEM_STEPS
from .forms import (
    ArticleFilterForm,
    ArticleForm,
    CommentForm,
    CorrectionForm,
    CoverForm,
    PickUpForm,
    PushDownForm,
    StepForm,
    WordForm,
)


def editor_page(request, template: str, context: dict):
    """A page with the editor: its policy admits the editor's own <style> by a nonce chosen for this answer."""
    import secrets

    from django.conf import settings

    nonce = secrets.token_urlsafe(16)
    response = render(request, template, {**context, "editor_nonce": nonce})
    response["Content-Security-Policy"] = settings.GONGHUI_CONTENT_SECURITY_POLICY.replace(
        "style-src 'self'", f"style-src 'self' 'nonce-{nonce}'")
    return response


def highlighted(text: str, spans) -> str:
    """``text`` escaped, each span wrapped in <mark> (the word check's hits)."""
    out, last = [], 0
    for start, end in spans:
        out += [escape(text[last:start]), '<mark class="word-hit">', escape(text[start:end]), "</mark>"]
        last = end
    out.append(escape(text[last:]))
    return mark_safe("".join(out).replace("\n", "<br>"))  # noqa: S308 - every piece escaped above


@staff_view
def article_list(request):
    user = request.user
    require_anywhere(user, MEDIA_VIEW)
    form = ArticleFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    articles = selectors.article_list(user, query=data.get("q", ""), state=data.get("state", ""),
                                      category=data.get("category", ""))
    page, query_string = paginate(request, articles)
    return render(request, "media/staff/article_list.html", {
        "form": form, "page": page, "query_string": query_string, "overdue": list(selectors.overdue(user)[:20]),
        "can_write": scope.has_perm(user, MEDIA_EDIT), "can_words": scope.has_perm(user, MEDIA_WORDS)})


def _channels_for_form(user, org_id):
    org = org_selectors.organisation_get(user, org_id, permission=MEDIA_EDIT) if org_id else None
    return list(selectors.channels_choosable(org.path)) if org else []


def _save(request, form, article=None):
    data = form.cleaned_data
    fields = {k: data[k] for k in ("title", "summary", "body", "category", "tags", "video_url", "author_name")}
    fields["channel_ids"] = data["channels"] or None
    if article is None:
        org = org_selectors.organisation_get(request.user, data["org"], permission=MEDIA_EDIT)
        return call_service(request, services.article_create, form=form, success=_("The article was saved."),
                            actor=request.user, org=org, **fields)
    return call_service(request, services.article_update, form=form, success=_("A new version was saved."),
                        actor=request.user, article=article, note=data.get("note", ""), **fields)


@staff_view
def article_export(request):
    """The list as filtered on the page, as an .xlsx file."""
    from django.utils import timezone as tz

    from gonghui.core.files import xlsx_download

    user = request.user
    require_anywhere(user, MEDIA_VIEW)
    form = ArticleFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    articles = selectors.article_list(user, query=data.get("q", ""), state=data.get("state", ""),
                                      category=data.get("category", ""))
    content = services.articles_export(actor=user, articles=articles)
    return xlsx_download(content, f"articles-{tz.localdate():%Y%m%d}.xlsx")


@staff_view
def article_create(request):
    user = request.user
    require_anywhere(user, MEDIA_EDIT)
    org_id = int_or_none(request.POST.get("org") or request.GET.get("org"))
    if org_id is None:
        first = org_selectors.organisation_choices(user, MEDIA_EDIT, limit=1)
        org_id = first[0].pk if first else None
    form = ArticleForm(request.POST or None, user=user, channels=_channels_for_form(user, org_id),
                       initial={"org": org_id, "category": "news"})
    if request.method == "POST" and form.is_valid():
        outcome = _save(request, form)
        if outcome.ok:
            return redirect("media:article_detail", pk=outcome.result.pk)
    return editor_page(request, "media/staff/article_form.html", {"form": form})


@staff_view
def article_edit(request, pk):
    user = request.user
    article = selectors.article_get(user, pk, permission=MEDIA_EDIT)
    initial = {f: getattr(article, f) for f in ("title", "summary", "body", "category", "tags", "video_url",
                                                "author_name")}
    initial.update(org=article.org_id, channels=list(article.channels.values_list("pk", flat=True)))
    form = ArticleForm(request.POST or None, user=user, channels=selectors.channels_choosable(article.org.path),
                       editing=True, initial=initial)
    if request.method == "POST" and form.is_valid() and _save(request, form, article).ok:
        return redirect("media:article_detail", pk=article.pk)
    return editor_page(request, "media/staff/article_form.html", {"form": form, "article": article,
                                                                  "cover_form": CoverForm()})


@staff_view
def article_detail(request, pk):
    user = request.user
    article = selectors.article_get(user, pk)
    report = article_words(article)
    steps = [t for t in ARTICLE_FLOW.available(article, user) if t.name not in SYSTEM_STEPS]
    path = article.scope_path
    versions = list(selectors.versions_of(article))
    push_choices = []
    if article.state == Article.State.PUBLISHED and scope.has_perm(user, MEDIA_PUBLISH, path):
        push_choices = [(o.pk, o.name) for o in org_selectors.organisation_children(user, article.org)[:200]]
    return render(request, "media/staff/article_detail.html", {
        "article": article, "state_label": ARTICLE_FLOW.state_label(article.state),
        "steps": [t for t in steps if t.name not in FORM_STEPS], "can_schedule": any(t.name == "schedule"
                                                                                    for t in steps),
        "history": selectors.article_history(article), "versions": versions,
        "deliveries": selectors.deliveries_of(article), "comments": article.comments.select_related("author"),
        "report": report, "prohibited_words": report.words("prohibited"),
        "sensitive_words": report.words("sensitive"), "title_marked": highlighted(article.title, report.spans("title")),
        "text_marked": highlighted(article.body_text, report.spans("text")),
        "channels": article.channels.select_related("org"),
        "can_publish": scope.has_perm(user, MEDIA_PUBLISH, path),
        "can_edit": scope.has_perm(user, MEDIA_EDIT, path) and article.state == Article.State.DRAFT,
        "comment_form": CommentForm(), "step_form": StepForm(),
        "push_form": PushDownForm(choices=push_choices) if push_choices else None,
        "pick_form": PickUpForm(user=user) if article.state == Article.State.PUBLISHED
        and scope.has_perm(user, MEDIA_EDIT) else None,
        "cover_url": bool(article.cover)})


@require_POST
@staff_view
def article_step(request, pk):
    article = selectors.article_get(request.user, pk)
    form = StepForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a step."))
        return redirect("media:article_detail", pk=pk)
    publish_at = form.cleaned_data.get("publish_at")
    if publish_at is not None and timezone.is_naive(publish_at):
        publish_at = timezone.make_aware(publish_at)
    call_service(request, services.article_transition, success=_("Done."), actor=request.user, article=article,
                 transition=form.cleaned_data["transition"], comment=form.cleaned_data["comment"],
                 publish_at=publish_at)
    return redirect("media:article_detail", pk=pk)


@staff_view
def article_correct(request, pk):
    article = selectors.article_get(request.user, pk, permission=MEDIA_PUBLISH)
    form = CorrectionForm(request.POST or None, initial={"title": article.title, "summary": article.summary,
                                                        "body": article.body})
    if request.method == "POST" and form.is_valid():
        outcome = call_service(request, services.article_correct, form=form, success=_(
            "The correction goes out to every channel."), actor=request.user, article=article, **form.cleaned_data)
        if outcome.ok:
            return redirect("media:article_detail", pk=pk)
    return editor_page(request, "media/staff/article_correct.html", {"form": form, "article": article})


@require_POST
@staff_view
def article_push_down(request, pk):
    user = request.user
    article = selectors.article_get(user, pk, permission=MEDIA_PUBLISH)
    ids = [i for i in (int_or_none(v) for v in request.POST.getlist("orgs")) if i is not None]
    if not ids:
        messages.error(request, _("Choose at least one organisation."))
        return redirect("media:article_detail", pk=pk)
    orgs = [org_selectors.organisation_get(user, i, permission=MEDIA_PUBLISH) for i in dict.fromkeys(ids)][:200]
    call_service(request, services.article_push_down, success=_("Pushed down."), actor=user, article=article,
                 orgs=orgs)
    return redirect("media:article_detail", pk=pk)


@require_POST
@staff_view
def article_pick_up(request, pk):
    user = request.user
    source = selectors.article_get(user, pk)
    org = org_selectors.organisation_get(user, int_or_none(request.POST.get("org")), permission=MEDIA_EDIT)
    outcome = call_service(request, services.article_pick_up, success=_("Picked up as a new draft."), actor=user,
                           source=source, org=org)
    return redirect("media:article_detail", pk=outcome.result.pk if outcome.ok else pk)


@require_POST
@staff_view
def article_comment(request, pk):
    article = selectors.article_get(request.user, pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        call_service(request, services.comment_add, success=_("Comment added."), actor=request.user,
                     article=article, text=form.cleaned_data["text"])
    return redirect("media:article_detail", pk=pk)


@require_POST
@staff_view
def article_cover(request, pk):
    article = selectors.article_get(request.user, pk, permission=MEDIA_EDIT)
    upload = request.FILES.get("cover")
    if upload is None:
        messages.error(request, _("Choose a picture."))
    else:
        call_service(request, services.cover_upload, success=_("The cover was stored."), actor=request.user,
                     article=article, upload=upload)
    return redirect("media:article_edit", pk=pk)


@staff_view
def article_cover_file(request, pk, width):
    article = selectors.article_get(request.user, pk)
    name = images.best_width(article.cover, width)
    if not name or not default_storage.exists(name):
        raise Http404
    response = FileResponse(default_storage.open(name, "rb"), content_type="image/jpeg")
    response["X-Content-Type-Options"] = "nosniff"
    return response


@staff_view
def article_diff(request, pk):
    article = selectors.article_get(request.user, pk)
    first, second = int_or_none(request.GET.get("a")), int_or_none(request.GET.get("b"))
    if first is None or second is None:
        second = article.version
        first = max(1, second - 1)
    a, b, diff = selectors.version_diff(article, first, second)
    return render(request, "media/staff/article_diff.html", {"article": article, "a": a, "b": b, "diff": diff,
                                                             "versions": selectors.versions_of(article)})


@staff_view
def article_wechat(request, pk):
    """The export shown as it will look: its styles are inline by design (the official account's editor keeps no
    other), so this page alone lets style attributes through; scripts stay refused as everywhere."""
    from django.conf import settings

    article = selectors.article_get(request.user, pk)
    response = render(request, "media/staff/article_wechat.html", {"article": article,
                                                                   "export": wechat.export_html(article)})
    response["Content-Security-Policy"] = settings.GONGHUI_CONTENT_SECURITY_POLICY.replace(
        "style-src 'self'", "style-src 'self' 'unsafe-inline'")
    return response


@require_POST
@staff_view
def delivery_retry(request, pk):
    from ..services.delivery import delivery_retry as retry

    delivery = selectors.delivery_get(request.user, pk)
    retry(delivery=delivery)
    messages.success(request, _("The channel will be tried again."))
    return redirect("media:article_detail", pk=delivery.article_id)


@staff_view
def calendar(request):
    user = request.user
    require_anywhere(user, MEDIA_VIEW)
    try:
        start = datetime.date.fromisoformat(request.GET.get("from", ""))
    except ValueError:
        start = timezone.localdate() - datetime.timedelta(days=7)
    articles = list(selectors.calendar(user, start=start)[:500])
    days: dict = {}
    for article in articles:
        moment = article.scheduled_at if article.state == Article.State.SCHEDULED else article.published_at
        days.setdefault(timezone.localtime(moment).date(), []).append(article)
    return render(request, "media/staff/calendar.html", {
        "days": sorted(days.items()), "start": start, "previous": start - datetime.timedelta(days=31),
        "next": start + datetime.timedelta(days=31), "now": timezone.now()})


@staff_view
def word_list(request):
    user = request.user
    require_anywhere(user, MEDIA_WORDS)
    form = WordForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        org = org_selectors.organisation_get(user, data["org"], permission=MEDIA_WORDS)
        if call_service(request, services.word_add, form=form, success=_("The word was added."), actor=user,
                        org=org, word=data["word"], severity=data["severity"], note=data["note"]).ok:
            return redirect("media:word_list")
    page, query_string = paginate(request, selectors.words_visible(user))
    return render(request, "media/staff/word_list.html", {"form": form, "page": page,
                                                          "query_string": query_string})


@require_POST
@staff_view
def word_remove(request, pk):
    word = selectors.word_get(request.user, pk)
    call_service(request, services.word_remove, success=_("The word was removed."), actor=request.user, word=word)
    return redirect("media:word_list")
