
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('indicators', '0008_version'),
        ('laeringslop', '0002_county'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalimportjob',
            name='reference',
            field=models.BooleanField(default=False, help_text='Stores the comparison values of the nation, the counties and every municipality.', verbose_name='reference import'),
        ),
        migrations.AddField(
            model_name='historicalindicator',
            name='municipality',
            field=models.ForeignKey(blank=True, db_constraint=False, help_text='The municipality a local indicator belongs to (empty for the national catalogue).', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='laeringslop.municipality', verbose_name='municipality'),
        ),
        migrations.AddField(
            model_name='importjob',
            name='reference',
            field=models.BooleanField(default=False, help_text='Stores the comparison values of the nation, the counties and every municipality.', verbose_name='reference import'),
        ),
        migrations.AddField(
            model_name='indicator',
            name='municipality',
            field=models.ForeignKey(blank=True, help_text='The municipality a local indicator belongs to (empty for the national catalogue).', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='local_indicators', to='laeringslop.municipality', verbose_name='municipality'),
        ),
        migrations.AlterField(
            model_name='historicalimportjob',
            name='status',
            field=models.CharField(choices=[('pending', 'Waiting'), ('running', 'Running'), ('done', 'Imported'), ('checked', 'Checked (dry run)'), ('rejected', 'Rejected: the file has problems'), ('nothing', 'Nothing stored: nothing in the file belongs to the municipality'), ('failed', 'Failed')], default='pending', max_length=10, verbose_name='status'),
        ),
        migrations.AlterField(
            model_name='importjob',
            name='status',
            field=models.CharField(choices=[('pending', 'Waiting'), ('running', 'Running'), ('done', 'Imported'), ('checked', 'Checked (dry run)'), ('rejected', 'Rejected: the file has problems'), ('nothing', 'Nothing stored: nothing in the file belongs to the municipality'), ('failed', 'Failed')], default='pending', max_length=10, verbose_name='status'),
        ),
    ]
