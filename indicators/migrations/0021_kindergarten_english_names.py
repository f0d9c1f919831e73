from django.db import migrations


def set_english_names(apps, schema_editor):
    """The parent survey's themes (loaded by 0019, after 0018 named the rest in English) get their English
    names and unit too."""
    from indicators.catalogue import ENGLISH_NAMES, ENGLISH_UNITS

    Indicator = apps.get_model("indicators", "Indicator")
    for code, name in ENGLISH_NAMES.items():
        Indicator.objects.filter(code=code, is_local=False, name_en="").update(name_en=name)
    for unit, unit_en in ENGLISH_UNITS.items():
        Indicator.objects.filter(unit_label=unit, is_local=False, unit_label_en="").update(unit_label_en=unit_en)


class Migration(migrations.Migration):

    dependencies = [
        ("indicators", "0020_import_confirmation_and_undo"),
    ]

    operations = [
        migrations.RunPython(set_english_names, migrations.RunPython.noop),
    ]
