# The reminders sent are notices now (notices.Notice); notices 0002 copied their rows first.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('notices', '0002_reminders_history'),
        ('milestones', '0005_version'),
    ]

    operations = [
        migrations.DeleteModel(
            name='HistoricalReminderSent',
        ),
        migrations.DeleteModel(
            name='ReminderSent',
        ),
    ]
