"""Creates the groups Kommunikasjonsrådgiver and Ledelse with the register's permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

RADGIVER = "Kommunikasjonsrådgiver"
LEDELSE = "Ledelse"
MODELLER = ["virksomhet", "kanal", "aktivitetsbekreftelse", "gjennomgang", "paminnelse"]


def lag_rettigheter(apps, app_label):
    """Permissions are normally made after migrate; a data migration needs them now."""
    app_config = apps.get_app_config(app_label)
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None


def tildel(apps, app_label, radgiver_handlinger, ledelse_modeller):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    lag_rettigheter(apps, app_label)
    radgiver, _ = Group.objects.get_or_create(name=RADGIVER)
    ledelse, _ = Group.objects.get_or_create(name=LEDELSE)
    radgiver.permissions.add(
        *Permission.objects.filter(
            content_type__app_label=app_label,
            codename__regex=rf"^({'|'.join(radgiver_handlinger)})_",
        ).exclude(codename__contains="historical")
    )
    ledelse.permissions.add(
        *Permission.objects.filter(
            content_type__app_label=app_label,
            codename__in=[f"view_{modell}" for modell in ledelse_modeller],
        )
    )


def opprett_roller(apps, schema_editor):
    tildel(apps, "kanaler", ["view", "add", "change"], MODELLER)
    # Advisers pick responsible persons and deputies among the users.
    lag_rettigheter(apps, "auth")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Group.objects.get(name=RADGIVER).permissions.add(
        Permission.objects.get(content_type__app_label="auth", codename="view_user")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("kanaler", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(opprett_roller, migrations.RunPython.noop)]
