# shellcheck shell=bash
# Sourced by ./dev: one PostgreSQL, nats-server or Elasticsearch, for the local stack or the test
# stack alike. Each lives in a directory of its own (DIR), and these functions take that
# directory, its port and the name of the variable that chose the port, so that an error names
# the variable the user can change.

# pids_named COMM PID...: prints those of the pids whose executable is called COMM.
pids_named() {
  local comm=$1 pid
  shift
  for pid in "$@"; do
    [[ $(cat "/proc/$pid/comm" 2>/dev/null) == "$comm" ]] && echo "$pid"
  done
  return 0
}

owned_dir() { # creates $1 owned by the service user
  mkdir -p "$1"
  if is_root; then chown -R "$SERVICE_USER:" "$1"; fi
  chmod 700 "$1"
}

# --- PostgreSQL ------------------------------------------------------------------------------

postmaster_pid() { # DIR: the postmaster started on DIR/data, if any
  # shellcheck disable=SC2046 # one pid per word
  pids_named postgres $(pids_with_arg "$1/data")
}

postgres_children() { # DIR: every postgres process working in DIR/data, the postmaster included
  # shellcheck disable=SC2046
  pids_named postgres $(pids_in_dir "$1/data")
}

postgres_running() { [[ -n $(postmaster_pid "$1") ]]; }

# start_postgres DIR PORT VAR WHAT [SETTING...]: starts PostgreSQL on DIR/data unless it runs.
start_postgres() {
  local dir=$1 port=$2 var=$3 what=$4
  shift 4
  local data=$dir/data sockets=$dir/sockets
  postgres_running "$dir" && return 0
  # After a crash (kill -9 of the postmaster) its children linger for a moment and keep the
  # shared memory that a new postmaster refuses to share, and its lock files name a pid that is
  # still a zombie for a moment, or later someone else's. Both are provably stale: no postmaster
  # of ours runs on this directory.
  # shellcheck disable=SC2046
  stop_pids "leftover processes of $what" TERM 10 $(postgres_children "$dir")
  rm -f "$data/postmaster.pid" "$sockets"/.s.PGSQL.*.lock
  local hint=''
  [[ $port == 5432 ]] && hint="a system PostgreSQL? stop it with 'pg_ctlcluster 15 main stop'"
  require_free_port "$port" "$what" "$var" "$hint"
  owned_dir "$dir"
  owned_dir "$sockets"
  if [[ ! -f $data/PG_VERSION ]]; then
    say "initialising PostgreSQL in $data"
    local pwfile=$dir/.pw
    printf 'postgres\n' >"$pwfile"
    if is_root; then chown "$SERVICE_USER:" "$pwfile"; fi
    as_service_user "$PG_BIN/initdb" -D "$data" -U postgres --auth=scram-sha-256 \
      --pwfile="$pwfile" -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
      die "initdb failed; see $dir/initdb.log"
    rm -f "$pwfile"
  fi
  local options="-p $port -k $sockets -c listen_addresses=127.0.0.1" setting
  for setting in "$@"; do options+=" -c $setting"; done
  say "starting $what on 127.0.0.1:$port"
  as_service_user "$PG_BIN/pg_ctl" -D "$data" -l "$dir/postgres.log" -o "$options" -w -t 60 start >/dev/null ||
    die "$what did not start; see $dir/postgres.log"
}

# create_database PORT NAME: the database and the roles of production (each role's password is its
# name): NAME_owner owns the schema and runs the migrations, NAME is command-service's runtime
# role, NAME_admin the operator tool's; the migrations grant the last two their rights. A database
# of an older checkout, owned by the runtime role, is handed over to the owner.
create_database() {
  local port=$1 name=$2 role
  local psql=(env PGPASSWORD=postgres "$PG_BIN/psql" -h 127.0.0.1 -p "$port" -U postgres -qtA -v ON_ERROR_STOP=1)
  for role in "${name}_owner" "$name" "${name}_admin"; do
    if [[ -z $("${psql[@]}" -c "SELECT 1 FROM pg_roles WHERE rolname = '$role'") ]]; then
      "${psql[@]}" -c "CREATE ROLE $role LOGIN PASSWORD '$role'"
    fi
  done
  if [[ -z $("${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname = '$name'") ]]; then
    "${psql[@]}" -c "CREATE DATABASE $name OWNER ${name}_owner"
  elif [[ -z $("${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname = '$name' AND pg_get_userbyid(datdba) = '${name}_owner'") ]]; then
    say "handing the database $name over to the role ${name}_owner"
    "${psql[@]}" -d "$name" -c "REASSIGN OWNED BY $name TO ${name}_owner" -c "ALTER DATABASE $name OWNER TO ${name}_owner"
  fi
}

stop_postgres() { # DIR WHAT: fast shutdown (SIGINT to the postmaster), then what is left
  # shellcheck disable=SC2046
  stop_pids "$2" INT 60 $(postmaster_pid "$1")
  # shellcheck disable=SC2046
  stop_pids "leftover processes of $2" TERM 10 $(postgres_children "$1")
}

# --- nats-server -----------------------------------------------------------------------------

nats_pids() { # DIR
  # shellcheck disable=SC2046
  pids_named nats-server $(pids_with_arg "$1/store")
}

nats_running() { [[ -n $(nats_pids "$1") ]]; }

# start_nats DIR PORT VAR WHAT: JetStream on DIR/store; monitoring (health) on PORT + 4000.
start_nats() {
  local dir=$1 port=$2 var=$3 what=$4
  nats_running "$dir" && return 0
  require_free_port "$port" "$what" "$var"
  require_free_port $((port + 4000)) "$what's monitoring endpoint ($var + 4000)" "$var"
  mkdir -p "$dir/store"
  say "starting $what on 127.0.0.1:$port"
  setsid "$NATS_SERVER" -js -sd "$dir/store" -a 127.0.0.1 -p "$port" -m $((port + 4000)) \
    -l "$dir/nats.log" </dev/null >/dev/null 2>&1 &
  disown
  wait_until 30 curl -fsS "http://127.0.0.1:$((port + 4000))/healthz?js-enabled-only=true" ||
    die "$what is not answering on $port; see $dir/nats.log"
}

stop_nats() { # DIR WHAT
  # shellcheck disable=SC2046
  stop_pids "$2" TERM 30 $(nats_pids "$1")
}

# --- Elasticsearch ---------------------------------------------------------------------------

# elasticsearch_pids DIR: the launcher carries -Des.path.conf=DIR/config while it starts the
# server; the server runs in its logs directory, DIR/logs.
elasticsearch_pids() {
  # shellcheck disable=SC2046
  pids_named java $({
    pids_with_arg "-Des.path.conf=$1/config"
    pids_in_dir "$1/logs"
  } | sort -un)
}

elasticsearch_running() { [[ -n $(elasticsearch_pids "$1") ]]; }

# start_elasticsearch DIR PORT TRANSPORT_PORT VAR WHAT [TRANSPORT_RULE]
start_elasticsearch() {
  local dir=$1 port=$2 transport=$3 var=$4 what=$5 rule=${6:-}
  elasticsearch_running "$dir" && return 0
  require_free_port "$port" "$what" "$var"
  require_free_port "$transport" "$what's transport port${rule:+ ($rule)}" "$var"
  owned_dir "$dir"
  mkdir -p "$dir/data" "$dir/logs"
  if [[ ! -f $dir/config/elasticsearch.yml ]]; then
    cp -r "$ES_HOME/config" "$dir/config"
  fi
  if is_root; then chown -R "$SERVICE_USER:" "$dir"; fi
  say "starting $what on 127.0.0.1:$port (20-30 s)"
  as_service_user setsid env -u JAVA_HOME ES_JAVA_HOME="$JAVA_HOME" ES_PATH_CONF="$dir/config" \
    ES_JAVA_OPTS="${ES_JAVA_OPTS:--Xms1g -Xmx1g}" \
    "$ES_HOME/bin/elasticsearch" -d \
    -E discovery.type=single-node -E xpack.security.enabled=false \
    -E network.host=127.0.0.1 -E http.port="$port" -E transport.port="$transport" \
    -E path.data="$dir/data" -E path.logs="$dir/logs" \
    -E cluster.routing.allocation.disk.threshold_enabled=false \
    -E action.destructive_requires_name=false </dev/null >"$dir/startup.log" 2>&1 ||
    die "$what did not start; see $dir/startup.log and $dir/logs"
  wait_until 120 curl -fsS "http://127.0.0.1:$port/_cluster/health?wait_for_status=yellow&timeout=1s" ||
    die "$what is not answering on $port; see $dir/logs"
}

stop_elasticsearch() { # DIR WHAT
  # shellcheck disable=SC2046
  stop_pids "$2" TERM 60 $(elasticsearch_pids "$1")
}
