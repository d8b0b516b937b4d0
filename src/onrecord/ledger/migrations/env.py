"""Alembic's entry point for the ledger: always run on the connection ``onrecord.ledger.store`` opens.

The ledger applies its migrations itself when it is opened (``engine.migrate``), passing its connection
in ``config.attributes["connection"]``, so there is no ``alembic.ini`` and no URL here. To write a new
migration, add a file under ``versions/`` by hand (or with ``alembic revision`` and a throw-away ini
whose ``script_location`` is this folder), and describe the new shape in ``schema.py`` too.
"""

from __future__ import annotations

from alembic import context

from onrecord.ledger.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reached when someone runs the alembic CLI
    raise RuntimeError("the ledger's migrations run from onrecord.ledger.engine.migrate, on its connection")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    transaction_per_migration=True,
)
with context.begin_transaction():
    context.run_migrations()
