"""The ledger on the web: a JSON API for tools and HTML pages for people, served by one FastAPI app.

``create_app(db)`` builds it (``onrecord serve`` runs it with uvicorn; with ``--workers N`` each worker
process builds its own through ``create_app_from_env``). ``api`` holds the ``/api`` routes, ``pages`` the
HTML routes and ``templates/``, ``queries`` the paged ledger reads both use, ``highlight`` and ``chart``
the two pieces of HTML built in Python (each escapes every piece of text it writes), ``writing`` the
token check and ingestion for ``POST /api/documents``. ``static/`` holds the
stylesheet and htmx (vendored, see ``static/VENDOR.txt``); there is no front-end build step.
"""

from onrecord.web.app import Settings, create_app, create_app_from_env

__all__ = ["Settings", "create_app", "create_app_from_env"]
