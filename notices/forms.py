from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import NoticeKind


class PreferencesForm(forms.Form):
    """The kinds of notice a person gets by e-mail (unticked: none), and the language of their e-mails."""

    enabled = forms.MultipleChoiceField(label=_("Send me an e-mail when"), choices=NoticeKind.choices,
                                        required=False, widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}))
    language = forms.ChoiceField(label=_("Language of the e-mails"), choices=settings.LANGUAGES)
