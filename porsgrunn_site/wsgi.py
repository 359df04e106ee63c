import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "porsgrunn_site.settings")
application = get_wsgi_application()

# Django and the apps stay loaded for the life of the worker: keep them out of the garbage
# collector's full passes, which otherwise stopped a request for tens of milliseconds now and then.
gc.collect()
gc.freeze()
