"""Stores the channels' addresses again in the canonical RFC 3986 form of normaliser_url.

Earlier rules kept non-ASCII text and escapes as typed (lower-cased on known platforms), so
the API's lookup of a canonical address would miss such a channel. Characters that are never
allowed in a URL are percent-encoded first. An address that still cannot be normalised, or
whose canonical form another open channel already has, is left as it was.
"""

import string
from urllib.parse import quote

from django.db import migrations

TILLATT = string.ascii_letters + string.digits + "-._~:/?#[]@!$&'()*+,;=%"


def normaliser_adressene(apps, schema_editor):
    from kanaler.normalisering import UgyldigUrl, normaliser_url

    Kanal = apps.get_model("kanaler", "Kanal")
    for pk, url, status in Kanal.objects.exclude(url="").values_list("pk", "url", "status"):
        try:
            ny = normaliser_url(quote(url, safe=TILLATT))
        except UgyldigUrl:
            continue
        apne = Kanal.objects.exclude(status="nedlagt").exclude(pk=pk)
        if ny == url or (status != "nedlagt" and apne.filter(url=ny).exists()):
            continue
        Kanal.objects.filter(pk=pk).update(url=ny)


class Migration(migrations.Migration):
    dependencies = [("kanaler", "0007_sok_trigramindekser")]

    operations = [migrations.RunPython(normaliser_adressene, migrations.RunPython.noop)]
