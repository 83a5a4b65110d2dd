#!/bin/sh
# Starts the Debian PostgreSQL cluster for the server tests and prints the URL to export
# as TEST_DATABASE_URL. Run as root (CI and the build machines are root).
# The role gets CREATEDB because each test server works in a fresh database of its own.
set -eu

ROLE=tiepnhan
PASSWORD=${TIEPNHAN_TEST_PG_PASSWORD:-tiepnhan-test}
DB=tiepnhan_test

if ! command -v pg_lsclusters >/dev/null 2>&1; then
  apt-get install -y postgresql >&2
fi

# The installed major version and cluster (Debian 12 ships 15; take whatever is there).
CLUSTER=$(pg_lsclusters --no-header | awk 'NR==1 { print $1 " " $2 }')
if [ -z "$CLUSTER" ]; then
  VERSION=$(ls /usr/lib/postgresql | sort -n | tail -1)
  pg_createcluster "$VERSION" main >&2
  CLUSTER="$VERSION main"
fi
set -- $CLUSTER
VERSION=$1
NAME=$2
PORT=$(pg_lsclusters --no-header | awk -v v="$VERSION" -v n="$NAME" '$1 == v && $2 == n { print $3 }')

if ! pg_lsclusters --no-header | awk -v v="$VERSION" -v n="$NAME" '$1 == v && $2 == n { print $4 }' | grep -q online; then
  # pg_ctlcluster talks on stdout ("Removed stale pid file." and the like): only the URL may go there.
  pg_ctlcluster "$VERSION" "$NAME" start >&2
fi

psql_admin() { su postgres -c "psql -p $PORT -v ON_ERROR_STOP=1 -qtA $*"; }

if [ "$(psql_admin "-c \"SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'\"")" != "1" ]; then
  psql_admin "-c \"CREATE ROLE $ROLE LOGIN CREATEDB PASSWORD '$PASSWORD'\""
else
  psql_admin "-c \"ALTER ROLE $ROLE LOGIN CREATEDB PASSWORD '$PASSWORD'\""
fi
if [ "$(psql_admin "-c \"SELECT 1 FROM pg_database WHERE datname = '$DB'\"")" != "1" ]; then
  psql_admin "-c \"CREATE DATABASE $DB OWNER $ROLE\""
fi

echo "postgresql://$ROLE:$PASSWORD@127.0.0.1:$PORT/$DB"
