"""The demo seed leaves notices in the demo users' lists, through the real services, once."""
import pytest
from django.core.management import call_command
from django.urls import reverse

from notices.models import Notice, NoticeKind

pytestmark = pytest.mark.django_db


def test_the_demo_rector_and_adviser_have_notices_and_a_second_seed_adds_none(client,
                                                                             django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo")
    rector = Notice.objects.filter(recipient__username="rektor")
    assert set(rector.values_list("kind", flat=True)) == {NoticeKind.YEAR_PUBLISHED}
    assert Notice.objects.filter(recipient__username="radgiver", kind=NoticeKind.TASK_ASSIGNED).exists()
    count = Notice.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo")
    assert Notice.objects.count() == count
    client.force_login(rector.first().recipient)
    html = client.get(reverse("notices:list")).content.decode()
    assert "Egenvurderingen i Læringsspeilet" in html and "er åpnet" in html
