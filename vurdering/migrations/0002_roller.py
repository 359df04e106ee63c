"""Gives the groups Kommunikasjonsrådgiver and Ledelse their permissions on applications."""

import importlib

from django.db import migrations

roller = importlib.import_module("kanaler.migrations.0002_roller")


def tildel_rettigheter(apps, schema_editor):
    roller.tildel(apps, "vurdering", ["view", "change"], ["vurdering"])


class Migration(migrations.Migration):
    dependencies = [
        ("vurdering", "0001_initial"),
        ("kanaler", "0002_roller"),
    ]

    operations = [migrations.RunPython(tildel_rettigheter, migrations.RunPython.noop)]
