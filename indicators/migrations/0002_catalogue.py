from django.db import migrations


def load(apps, schema_editor):
    from indicators.catalogue import catalogue_rows

    Indicator = apps.get_model("indicators", "Indicator")
    for row in catalogue_rows():
        code = row.pop("code")
        Indicator.objects.update_or_create(code=code, defaults=row)


def unload(apps, schema_editor):
    from indicators.catalogue import catalogue_rows

    Indicator = apps.get_model("indicators", "Indicator")
    Indicator.objects.filter(code__in=[r["code"] for r in catalogue_rows()], values__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("indicators", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
