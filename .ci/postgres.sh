#!/usr/bin/env bash
# Makes a local PostgreSQL ready for the central service's tests, and prints the DATABASE_URL to use
# as the LAST line of stdout (everything else goes to stderr):
#   export DATABASE_URL=$(bash .ci/postgres.sh | tail -1)
# Idempotent: installs only when missing, starts the cluster only when down, creates the role and the
# database only when absent. Needs root (or sudo) for apt-get and for acting as the postgres user.
set -euo pipefail

ROLE=${COUNTER_PG_ROLE:-counter}
PASSWORD=${COUNTER_PG_PASSWORD:-counter}
DB=${COUNTER_PG_DATABASE:-counter_test}

# Progress to stderr so that `| tail -1` sees only the URL.
exec 3>&1 1>&2

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "postgres.sh: run as root or install sudo" >&2; exit 1; }
  SUDO="sudo"
fi
as_postgres() { $SUDO su postgres -c "$1"; }

# Commands that may leave a server running (the package's post-install, pg_ctlcluster) run detached
# from this script's output: a daemon that inherits the caller's pipe keeps `$(... | tail -1)` waiting
# forever. Their output goes to a log, shown only when they fail.
LOG=$(mktemp)
detached() { "$@" </dev/null >>"$LOG" 2>&1 3>&- || { cat "$LOG" >&2; return 1; }; }

if ! command -v pg_lsclusters >/dev/null 2>&1; then
  echo "postgres.sh: installing PostgreSQL"
  detached $SUDO apt-get update
  detached $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql
fi

# The first cluster pg_lsclusters lists, whatever its major version; create one if the package made none.
cluster=$(pg_lsclusters --no-header | head -n 1)
if [ -z "$cluster" ]; then
  version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
  echo "postgres.sh: creating cluster $version/main"
  detached $SUDO pg_createcluster "$version" main
  cluster=$(pg_lsclusters --no-header | head -n 1)
fi
read -r version name port status _ <<<"$cluster"

if [ "$status" != "online" ]; then
  echo "postgres.sh: starting cluster $version/$name on port $port"
  detached $SUDO pg_ctlcluster "$version" "$name" start
fi

for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p "$port" && break
  sleep 1
done
pg_isready -q -h 127.0.0.1 -p "$port" || { echo "postgres.sh: PostgreSQL did not come up on port $port" >&2; exit 1; }

psql_q() { as_postgres "psql -p $port -tAq -v ON_ERROR_STOP=1 -c \"$1\""; }

if [ "$(psql_q "select 1 from pg_roles where rolname = '$ROLE'")" != "1" ]; then
  echo "postgres.sh: creating role $ROLE"
  psql_q "create role $ROLE login password '$PASSWORD' superuser"
fi
if [ "$(psql_q "select 1 from pg_database where datname = '$DB'")" != "1" ]; then
  echo "postgres.sh: creating database $DB"
  as_postgres "createdb -p $port -O $ROLE $DB"
fi

echo "postgres://$ROLE:$PASSWORD@127.0.0.1:$port/$DB" >&3
