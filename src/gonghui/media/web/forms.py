"""Forms of the newsroom pages: they validate input; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gonghui.orgs import selectors as org_selectors

from ..models import Article, Category, ProhibitedWord
from ..roles import MEDIA_EDIT, MEDIA_WORDS
from ..selectors import MAX_QUERY_LENGTH


class ArticleFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=MAX_QUERY_LENGTH)
    state = forms.ChoiceField(label=_("State"), required=False,
                              choices=[("", _("any")), ("reviewing", _("In review")), *Article.State.choices])
    category = forms.ChoiceField(label=_("Category"), required=False, choices=[("", _("any")), *Category.choices])


class ArticleForm(forms.Form):
    org = forms.TypedChoiceField(label=_("Newsroom"), coerce=int)
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(label=_("Summary"), max_length=500, required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))
    body = forms.CharField(label=_("Text"), required=False, max_length=200_000,
                           widget=forms.HiddenInput(attrs={"id": "article-body"}))
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    tags = forms.CharField(label=_("Tags"), max_length=200, required=False,
                           help_text=_("Separated by commas."))
    video_url = forms.URLField(label=_("Video link"), required=False, max_length=200, assume_scheme="https")
    author_name = forms.CharField(label=_("Byline"), max_length=60, required=False)
    channels = forms.TypedMultipleChoiceField(label=_("Channels"), coerce=int, required=False,
                                              widget=forms.CheckboxSelectMultiple,
                                              help_text=_("None chosen: the newsroom's site, mobile pages and "
                                                          "feeds."))
    note = forms.CharField(label=_("What changed"), max_length=200, required=False)

    def __init__(self, *args, user, channels=(), editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        orgs = org_selectors.organisation_choices(user, MEDIA_EDIT)
        self.fields["org"].choices = [(o.pk, o.name) for o in orgs]
        self.fields["channels"].choices = [(c.pk, c.name) for c in channels]
        if editing:
            self.fields["org"].disabled = True
        else:
            del self.fields["note"]


class StepForm(forms.Form):
    transition = forms.CharField(max_length=40)
    comment = forms.CharField(required=False, max_length=1000)
    publish_at = forms.DateTimeField(required=False, widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))


class CorrectionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(label=_("Summary"), max_length=500, required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))
    body = forms.CharField(label=_("Text"), required=False, max_length=200_000,
                           widget=forms.HiddenInput(attrs={"id": "article-body"}))
    comment = forms.CharField(label=_("Reason for the correction"), max_length=500)


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Comment"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class CoverForm(forms.Form):
    cover = forms.FileField(label=_("Cover image (JPEG or PNG)"))


class WordForm(forms.Form):
    org = forms.TypedChoiceField(label=_("Organisation"), coerce=int)
    word = forms.CharField(label=_("Word"), max_length=50)
    severity = forms.ChoiceField(label=_("Severity"), choices=ProhibitedWord.Severity.choices)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].choices = [(o.pk, o.name) for o in org_selectors.organisation_choices(user, MEDIA_WORDS)]


class PushDownForm(forms.Form):
    orgs = forms.TypedMultipleChoiceField(label=_("Organisations below"), coerce=int,
                                          widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["orgs"].choices = choices


class PickUpForm(forms.Form):
    org = forms.TypedChoiceField(label=_("Into the newsroom of"), coerce=int)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].choices = [(o.pk, o.name) for o in org_selectors.organisation_choices(user, MEDIA_EDIT)]
