#!/bin/sh
# Creates the scheduler's own PostgreSQL role and database (seqtune_quartz), or updates the role's
# password; idempotent. The compose service scheduler-db-init runs it on every `up`; for another
# PostgreSQL, run it once with an admin account:
#   PGHOST=db.example.internal PGUSER=postgres PGPASSWORD=... QUARTZ_DB_PASSWORD=... sh deploy/postgresql/quartz-db.sh
# PGHOST/PGPORT/PGUSER/PGPASSWORD: an account allowed to create roles and databases.
# QUARTZ_DB_USER (default seqtune_quartz), QUARTZ_DB_PASSWORD: the scheduler's credentials.
# Quartz's tables are created by the scheduler itself on first start.
set -eu
: "${QUARTZ_DB_PASSWORD:?QUARTZ_DB_PASSWORD is required}"
QUARTZ_DB_USER="${QUARTZ_DB_USER:-seqtune_quartz}"
export QUARTZ_DB_USER
# psql reads the values from the environment (\getenv, psql 15+) and quotes them (:'pw', :"user"):
# the password is in neither the SQL text nor any command line.
psql -v ON_ERROR_STOP=1 -q -d postgres <<'SQL'
\getenv user QUARTZ_DB_USER
\getenv pw QUARTZ_DB_PASSWORD
SELECT format('CREATE ROLE %I LOGIN', :'user')
  WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'user') \gexec
ALTER ROLE :"user" WITH LOGIN PASSWORD :'pw';
SELECT format('CREATE DATABASE seqtune_quartz OWNER %I', :'user')
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'seqtune_quartz') \gexec
-- Only the owner (and superusers) may connect.
REVOKE ALL ON DATABASE seqtune_quartz FROM PUBLIC;
SQL
echo "database seqtune_quartz ready for role $QUARTZ_DB_USER"
