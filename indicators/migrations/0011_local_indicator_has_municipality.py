from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ('indicators', '0010_local_indicators_assigned'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='indicator',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('is_local', False), ('municipality__isnull', True)), models.Q(('is_local', True), ('municipality__isnull', False)), _connector='OR'), name='indicator_local_has_municipality', violation_error_message='A local indicator belongs to one municipality; a national one to none.'),
        ),
    ]
