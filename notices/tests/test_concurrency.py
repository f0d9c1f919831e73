"""Two runs at once (two workers, a double click) still send one e-mail per event and person:
the unique row and its lock decide, on the real database with two connections."""
import threading
import time

import pytest
from django.core import mail
from django.db import connection

from laeringslop.tests import factories as f
from notices import services
from notices.models import Notice, NoticeKind, NoticeStatus

CONTEXT = {"school": "Bjørkelia skole", "starts_at": None, "place": ""}


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_the_same_moment_send_one_mail(monkeypatch):
    municipality = f.MunicipalityFactory(name="Elvedal", number="9901")
    person = f.UserFactory(username="hilde", email="hilde@example.invalid")
    real = services.send_mail

    def slow_send_mail(*args, **kwargs):
        time.sleep(0.5)  # the other run arrives while this one is sending
        return real(*args, **kwargs)

    monkeypatch.setattr(services, "send_mail", slow_send_mail)
    mail.outbox = []
    results, errors = [], []
    start = threading.Barrier(2)

    def run():
        try:
            start.wait()
            results.append(services.notice_send(kind=NoticeKind.VISIT_PLANNED, event_key="besok-1",
                                                recipient=person, municipality=municipality, context=CONTEXT))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert len(mail.outbox) == 1
    assert sum(1 for r in results if r is not None) == 1
    assert Notice.objects.get().status == NoticeStatus.SENT
