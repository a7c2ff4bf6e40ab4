# shellcheck shell=bash
# Sourced by ./dev: the test stack (./dev test, ./dev test-env): a PostgreSQL and an
# Elasticsearch with throwaway data in $STATE/test. Tests that need NATS start their own.
#
# Ports: TEST_POSTGRES_PORT and TEST_ELASTICSEARCH_PORT when set. Otherwise each checkout prefers
# ports of its own, derived from its path (PostgreSQL in 58000-58499, Elasticsearch in
# 58500-58999, its transport port 1000 above), keeps them in $STATE/test/ports.env from run to
# run, and moves to the next free ones when another process holds them. So two checkouts never
# share a test stack and the legacy ports 55432/59200 stay free for whoever sets them.

TEST_POSTGRES_RANGE=(58000 500)
TEST_ELASTICSEARCH_RANGE=(58500 500)
TEST_TRANSPORT_OFFSET=1000

test_pg_dir() { echo "$STATE/test/postgres"; }
test_es_dir() { echo "$STATE/test/elasticsearch"; }

test_postgres_running() { postgres_running "$(test_pg_dir)"; }
test_elasticsearch_running() { elasticsearch_running "$(test_es_dir)"; }

# Stops the test stack of this checkout, including what a crashed or killed run left behind:
# its processes are found by their data and config directories, whatever pid or port file
# survived (see common.sh), and no other checkout's process carries those.
stop_test_stack() {
  [[ -n ${STATE:-} ]] || return 0
  stop_elasticsearch "$(test_es_dir)" "the test stack's Elasticsearch"
  stop_postgres "$(test_pg_dir)" "the test stack's PostgreSQL"
}

read_test_ports() { # prints the recorded "PG ES" ports, or nothing
  local file=$STATE/test/ports.env var value pg='' es=''
  [[ -f $file ]] || return 0
  while IFS='=' read -r var value; do
    case $var in
      TEST_POSTGRES_PORT) pg=$value ;;
      TEST_ELASTICSEARCH_PORT) es=$value ;;
    esac
  done <"$file"
  [[ $pg =~ ^[0-9]+$ && $es =~ ^[0-9]+$ ]] && echo "$pg $es"
  return 0
}

# resolve_test_port NAME VAR RUNNING RECORDED FIRST COUNT [OFFSET]: prints the port for one
# component of the test stack. VAR is the variable that sets it (TEST_POSTGRES_PORT or
# TEST_ELASTICSEARCH_PORT), RUNNING is 1 when this checkout's component runs (on RECORDED), and
# OFFSET a second port (transport) that must be free as well.
resolve_test_port() {
  local name=$1 var=$2 running=$3 recorded=$4 first=$5 count=$6 offset=${7:-}
  local explicit=${!var:-} max=$((65535 - ${offset:-0})) port
  if [[ -n $explicit ]]; then
    check_port_number "$var" "$explicit" "$max"
    if ((running)) && [[ $explicit != "$recorded" ]]; then
      die "$name of this checkout runs on port $recorded, not $var=$explicit; stop it first with './dev test-env stop'"
    fi
    if ((!running)); then
      require_free_port "$explicit" "$name" "$var"
      [[ -z $offset ]] ||
        require_free_port $((explicit + offset)) "$name's transport port ($var + $offset)" "$var"
    fi
    echo "$explicit"
    return 0
  fi
  if ((running)); then
    echo "$recorded"
    return 0
  fi
  local offsets=(0)
  [[ -z $offset ]] || offsets+=("$offset")
  if [[ -n $recorded ]] && port=$(choose_free_port "$recorded" 1 "$recorded" "${offsets[@]}"); then
    echo "$port"
    return 0
  fi
  port=$(choose_free_port "$first" "$count" $((first + $(checkout_offset "$count"))) "${offsets[@]}") ||
    die "no free port in $first-$((first + count - 1)) for $name; choose one with $var"
  [[ -z $recorded ]] || say "port $recorded is taken now; $name moves to $port" >&2
  echo "$port"
}

# Sets TEST_PG_PORT and TEST_ES_PORT for this run and records them, before anything starts, so
# that a port conflict fails the run before it started half a stack.
resolve_test_ports() {
  local recorded pg_rec='' es_rec='' pg_run=0 es_run=0
  recorded=$(read_test_ports)
  [[ -z $recorded ]] || read -r pg_rec es_rec <<<"$recorded"
  if test_postgres_running || test_elasticsearch_running; then
    if [[ -z $recorded ]]; then
      warn "found processes of an earlier test stack of this checkout without its port record; stopping them"
      stop_test_stack
    else
      test_postgres_running && pg_run=1
      test_elasticsearch_running && es_run=1
    fi
  fi
  TEST_PG_PORT=$(resolve_test_port "the test stack's PostgreSQL" TEST_POSTGRES_PORT "$pg_run" "$pg_rec" \
    "${TEST_POSTGRES_RANGE[@]}")
  TEST_ES_PORT=$(resolve_test_port "the test stack's Elasticsearch" TEST_ELASTICSEARCH_PORT "$es_run" "$es_rec" \
    "${TEST_ELASTICSEARCH_RANGE[@]}" "$TEST_TRANSPORT_OFFSET")
  ((TEST_PG_PORT != TEST_ES_PORT && TEST_PG_PORT != TEST_ES_PORT + TEST_TRANSPORT_OFFSET)) ||
    die "TEST_POSTGRES_PORT=$TEST_PG_PORT collides with the test stack's Elasticsearch ports; choose another"
  mkdir -p "$STATE/test"
  printf 'TEST_POSTGRES_PORT=%s\nTEST_ELASTICSEARCH_PORT=%s\n' "$TEST_PG_PORT" "$TEST_ES_PORT" >"$STATE/test/ports.env"
}

# Starts what of the test stack does not run, listing in TEST_STARTED what it started (for
# rollback_test_stack).
TEST_STARTED=()
# test_pg_tls DIR: a CA and a server certificate for 127.0.0.1, made once per test stack, so that
# tests can connect with sslmode=verify-full (plain connections keep working beside them).
test_pg_tls() {
  local tls=$1/tls
  if [[ ! -f $tls/server.crt ]]; then
    mkdir -p "$tls"
    openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=cqrs-shop test CA" \
      -keyout "$tls/ca.key" -out "$tls/ca.crt" 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" \
      -keyout "$tls/server.key" -out "$tls/server.csr" 2>/dev/null
    openssl x509 -req -in "$tls/server.csr" -CA "$tls/ca.crt" -CAkey "$tls/ca.key" -CAcreateserial \
      -days 30 -extfile <(printf 'subjectAltName=IP:127.0.0.1,DNS:localhost') \
      -out "$tls/server.crt" 2>/dev/null
    chmod 600 "$tls/server.key"
    if is_root; then chown "$SERVICE_USER:" "$tls/server.key" "$tls/server.crt"; fi
    chmod 644 "$tls/ca.crt" "$tls/server.crt"
  fi
  echo "$tls"
}

start_test_stack() {
  local tls
  if ! test_postgres_running; then
    TEST_STARTED+=(postgres) # before it starts: a start that fails half-way is stopped as well
    owned_dir "$(test_pg_dir)"
    tls=$(test_pg_tls "$(test_pg_dir)")
    # Durability settings are off for speed; many test servers share this cluster.
    start_postgres "$(test_pg_dir)" "$TEST_PG_PORT" TEST_POSTGRES_PORT "the test stack's PostgreSQL" \
      fsync=off synchronous_commit=off full_page_writes=off max_connections=500 \
      ssl=on "ssl_cert_file=$tls/server.crt" "ssl_key_file=$tls/server.key"
  fi
  tls=$(test_pg_tls "$(test_pg_dir)")
  if ! test_elasticsearch_running; then
    TEST_STARTED+=(elasticsearch)
    start_elasticsearch "$(test_es_dir)" "$TEST_ES_PORT" $((TEST_ES_PORT + TEST_TRANSPORT_OFFSET)) \
      TEST_ELASTICSEARCH_PORT "the test stack's Elasticsearch" "TEST_ELASTICSEARCH_PORT + $TEST_TRANSPORT_OFFSET"
  fi
  export CQRSSHOP_TEST_POSTGRES_URL="jdbc:postgresql://127.0.0.1:$TEST_PG_PORT/postgres"
  export CQRSSHOP_TEST_POSTGRES_USER=postgres
  export CQRSSHOP_TEST_POSTGRES_PASSWORD=postgres
  export CQRSSHOP_TEST_POSTGRES_CA=$tls/ca.crt
  export CQRSSHOP_TEST_ELASTICSEARCH_URL="http://127.0.0.1:$TEST_ES_PORT"
  export CQRSSHOP_TEST_NATS_SERVER=$NATS_SERVER
}

# EXIT trap of ./dev test-env: if the start failed, stops the parts it had started, so that a
# failed start leaves nothing behind.
rollback_test_stack() {
  local status=$?
  ((status != 0)) || return 0
  local part
  for part in "${TEST_STARTED[@]}"; do
    case $part in
      postgres) stop_postgres "$(test_pg_dir)" "the test stack's PostgreSQL" ;;
      elasticsearch) stop_elasticsearch "$(test_es_dir)" "the test stack's Elasticsearch" ;;
    esac
  done
}

test_stack_status_line() { # for ./dev status: the test stack, if any part of it runs
  local pg es pg_port='' es_port='' line=''
  pg=$(postmaster_pid "$(test_pg_dir)")
  es=$(elasticsearch_pids "$(test_es_dir)" | tr '\n' ' ')
  [[ -n $pg || -n $es ]] || return 0
  read -r pg_port es_port <<<"$(read_test_ports)"
  [[ -z $pg ]] || line+=", PostgreSQL${pg_port:+ on 127.0.0.1:$pg_port} (pid $pg)"
  [[ -z $es ]] || line+=", Elasticsearch${es_port:+ on 127.0.0.1:$es_port} (pid ${es% })"
  echo "${DIM}test stack running: ${line#, }${RESET}"
}

# Static checks and tests of ./dev itself: shellcheck, then scripts/dev/selftest.sh.
check_dev_script() {
  say "checking ./dev (shellcheck, scripts/dev/selftest.sh)"
  shellcheck -x dev scripts/dev/*.sh .ci/run
  bash scripts/dev/selftest.sh
}

cmd_test() {
  provision base
  # Throwaway data: tests create what they need. Whatever runs of this checkout's test stack
  # (a ./dev test-env, or a run that was killed) is stopped first.
  stop_test_stack
  rm -rf "$(test_pg_dir)" "$(test_es_dir)"
  resolve_test_ports
  provision elasticsearch buf shellcheck promtool
  check_dev_script
  trap stop_test_stack EXIT
  start_test_stack
  say "test stack: PostgreSQL on 127.0.0.1:$TEST_PG_PORT, Elasticsearch on 127.0.0.1:$TEST_ES_PORT"

  say "linting the contracts (buf lint)"
  "$BUF" lint
  say "checking the alert rules (promtool check rules)"
  promtool check rules k8s/components/observability/alerts.rules.yaml

  say "running every test (./mvnw verify $*)"
  ./mvnw -B verify "$@"
}

# For running single tests from an IDE or shell: starts the test stack (if needed) and prints the
# variables to export. `./dev test-env stop` stops it.
cmd_test_env() {
  case ${1:-} in
    stop)
      find_state
      stop_test_stack
      return
      ;;
    '') ;;
    *) die "unknown argument '$1' (./dev test-env [stop])" ;;
  esac
  provision base
  resolve_test_ports
  provision elasticsearch
  trap rollback_test_stack EXIT
  start_test_stack
  trap - EXIT
  say "test stack: PostgreSQL on 127.0.0.1:$TEST_PG_PORT, Elasticsearch on 127.0.0.1:$TEST_ES_PORT"
  local var
  for var in CQRSSHOP_TEST_POSTGRES_URL CQRSSHOP_TEST_POSTGRES_USER CQRSSHOP_TEST_POSTGRES_PASSWORD CQRSSHOP_TEST_POSTGRES_CA \
    CQRSSHOP_TEST_ELASTICSEARCH_URL CQRSSHOP_TEST_NATS_SERVER JAVA_HOME; do
    printf 'export %s=%q\n' "$var" "${!var}"
  done
}
