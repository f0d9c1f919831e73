"""Keep the reminders sent before notices existed: each ``dialogue.ReminderSent`` and
``milestones.ReminderSent`` row becomes a sent ``Notice`` with the same event key the services use now,
so nobody is reminded twice of what they were reminded of before the move.

The old rows kept no text: the subject is written again in Bokmål (the only language those e-mails
were sent in) and the body says the text was not kept. They are marked read (they were e-mails, not
news in the portal). A milestone reminder whose address matches no user is left out (it named an
address, not a person). Going back removes nothing here (the old tables come back empty).
"""
from django.db import migrations

NOT_KEPT = "(Sendt før varslene ble lagret i Læringsløp: teksten ble ikke tatt vare på.)"


def _label(start: int) -> str:
    return f"{start}-{(start + 1) % 100:02d}"


def forwards(apps, schema_editor):
    Notice = apps.get_model("notices", "Notice")
    User = apps.get_model("laeringslop", "User")
    rows = []
    DialogueSent = apps.get_model("dialogue", "ReminderSent")
    for sent in DialogueSent.objects.select_related("mirror_year", "recipient").iterator():
        rows.append(Notice(
            kind="assessment_deadline", event_key=f"{sent.mirror_year_id}:{sent.school_id}:{sent.day.isoformat()}",
            recipient_id=sent.recipient_id, municipality_id=sent.mirror_year.municipality_id, language="nb",
            subject=f"Påminnelse: egenvurderingen i Læringsspeilet {_label(sent.mirror_year.school_year)}",
            body=NOT_KEPT, email=sent.recipient.email, status="sent", created_at=sent.sent_at,
            sent_at=sent.sent_at, attempts=1, read_at=sent.sent_at,
            url=f"/dialog/speil/{sent.school_id}/{sent.mirror_year.school_year}/vurdering/"))
    MilestoneSent = apps.get_model("milestones", "ReminderSent")
    users_by_email = {}
    for sent in MilestoneSent.objects.select_related("milestone__plan", "milestone__responsible_person").iterator():
        milestone = sent.milestone
        person = milestone.responsible_person
        if person is None or person.email.lower() != sent.recipient.lower():
            key = sent.recipient.lower()
            if key not in users_by_email:
                users_by_email[key] = User.objects.filter(email__iexact=sent.recipient).order_by("pk").first()
            person = users_by_email[key]
        if person is None:
            continue
        late = sent.kind == "late"
        subject = (f"Milepælen er forsinket: {milestone.title}" if late
                   else f"Frist for milepæl {sent.due_date:%d.%m.%Y}: {milestone.title}")
        rows.append(Notice(
            kind="milestone_late" if late else "milestone_due",
            event_key=f"{milestone.pk}:{sent.due_date.isoformat()}", recipient_id=person.pk,
            municipality_id=milestone.plan.municipality_id, language="nb", subject=" ".join(subject.split())[:200],
            body=NOT_KEPT, email=sent.recipient, status="sent", created_at=sent.sent_at, sent_at=sent.sent_at,
            attempts=1, read_at=sent.sent_at, url=f"/milepaeler/{milestone.pk}/"))
    Notice.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)


class Migration(migrations.Migration):

    dependencies = [
        ("notices", "0001_notices"),
        ("dialogue", "0007_version"),
        ("milestones", "0005_version"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
