#!/bin/sh
# Creates Temporal's two PostgreSQL databases and brings their schemas up to date. Runs once per
# `docker compose up` in temporalio/admin-tools, before the server starts; every step is safe to
# repeat (an existing database is kept, applied versions are skipped), so restarts need no special case.
set -eu

schema_root=/etc/temporal/schema/postgresql/v12

# The password comes from SQL_PASSWORD, which temporal-sql-tool reads, rather than a visible argument.
sql() {
  temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -p "${DB_PORT:-5432}" -u "$POSTGRES_USER" "$@"
}

# temporal holds workflow state; temporal_visibility holds what list queries and search attributes read.
for database in temporal:temporal temporal_visibility:visibility; do
  name=${database%%:*}
  folder=${database##*:}
  echo "Temporal schema: $name"
  sql --db "$name" create
  sql --db "$name" setup-schema -v 0.0
  sql --db "$name" update-schema -d "$schema_root/$folder/versioned"
done
