"""Trigram indexes behind the register's search (PostgreSQL only).

The search is case-insensitive "contains" (Django's icontains: UPPER(column::text) LIKE
UPPER('%word%')), so each index is on that expression with pg_trgm's operator class. The
channel's name and address are searched directly; units and people are found through their
own indexes and then the channels by their foreign keys. SQLite gets none of this.
"""

from django.db import migrations

INDEKSER = [
    ("kanal_navn_trgm", "kanaler_kanal", "navn"),
    ("kanal_url_trgm", "kanaler_kanal", "url"),
    ("virksomhet_navn_trgm", "kanaler_virksomhet", "navn"),
    ("bruker_fornavn_trgm", "auth_user", "first_name"),
    ("bruker_etternavn_trgm", "auth_user", "last_name"),
    ("bruker_brukernavn_trgm", "auth_user", "username"),
]


def lag(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for navn, tabell, kolonne in INDEKSER:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {navn} ON {tabell} USING gin (UPPER({kolonne}::text) gin_trgm_ops)"
        )


def fjern(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for navn, _tabell, _kolonne in INDEKSER:
        schema_editor.execute(f"DROP INDEX IF EXISTS {navn}")


class Migration(migrations.Migration):
    dependencies = [("kanaler", "0006_sorteringsindekser")]

    operations = [migrations.RunPython(lag, fjern)]
