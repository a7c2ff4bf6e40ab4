#!/bin/sh
# Run once by the postgres image when it initialises an empty volume: the three roles of
# cqrs-shop, as the DBA creates them in production (k8s/overlays/prod/credentials.yaml). The
# owner runs the migrations, which grant the other two their rights. An existing volume keeps the
# roles it has: delete the PersistentVolumeClaim data-postgres-0 to start again.
set -e
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v owner_password="$CQRSSHOP_OWNER_PASSWORD" \
  -v service_password="$CQRSSHOP_PASSWORD" \
  -v admin_password="$CQRSSHOP_ADMIN_PASSWORD" <<'SQL'
CREATE ROLE cqrsshop_owner LOGIN PASSWORD :'owner_password';
CREATE ROLE cqrsshop LOGIN PASSWORD :'service_password';
CREATE ROLE cqrsshop_admin LOGIN PASSWORD :'admin_password';
ALTER DATABASE cqrsshop OWNER TO cqrsshop_owner;
SQL
