#!/usr/bin/env bash
# shellcheck disable=SC2016 # code in single quotes is expanded by the shell that runs it
# Tests of ./dev itself; ./dev test runs them after shellcheck. They take a few seconds and start
# no database: each runs ./dev (or one of its functions) in a fake checkout, a copy of dev and
# scripts/dev/ in a temporary directory, with apt-get, useradd, npm and sudo replaced by stubs
# that record every call (so a test can prove that a command provisions nothing). The processes
# ./dev must find or leave alone are copies of sleep named postgres, nats-server and java,
# carrying the arguments or working directory the real ones would have; the one real listener is
# a nats-server on a free port.
#
# Run alone: bash scripts/dev/selftest.sh
set -uo pipefail
set -m # background jobs get default signal handling, so the stand-ins die on SIGINT like postgres

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
WORK=$(mktemp -d /tmp/dev-selftest.XXXXXX)
chmod 755 "$WORK" # the service user must reach the fake checkout's state, as it reaches a real one
FAKE=$WORK/checkout
OTHER=$WORK/checkout-2 # another checkout whose path starts with FAKE's
SPAWNED=()
FAILURES=0

cleanup() {
  ((${#SPAWNED[@]})) && kill -9 "${SPAWNED[@]}" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

mkdir -p "$FAKE/scripts" "$WORK/stubs" "$WORK/bin"
cp "$REPO/dev" "$FAKE/"
cp -r "$REPO/scripts/dev" "$FAKE/scripts/"
for tool in apt-get useradd npm sudo; do
  printf '#!/bin/sh\necho "%s $*" >>%s/provisioned\nexit 1\n' "$tool" "$WORK" >"$WORK/stubs/$tool"
  chmod +x "$WORK/stubs/$tool"
done
for name in postgres nats-server java sleep; do cp "$(command -v sleep)" "$WORK/bin/$name"; done
export PATH=$WORK/stubs:$PATH
unset TEST_POSTGRES_PORT TEST_ELASTICSEARCH_PORT "${!DEV_@}"

pass() { printf '  ok    %s\n' "$1"; }
fail() {
  printf '  FAIL  %s\n' "$1"
  FAILURES=$((FAILURES + 1))
}
check() { # DESCRIPTION COMMAND...: passes if the command succeeds
  local what=$1
  shift
  if "$@"; then pass "$what"; else fail "$what"; fi
}
contains() { [[ $1 == *"$2"* ]]; }
lacks() { [[ $1 != *"$2"* ]]; }
runs() { kill -0 "$1" 2>/dev/null && [[ $(cut -d' ' -f3 "/proc/$1/stat") != Z ]]; }
gone() { ! runs "$1"; }
nothing_provisioned() { [[ ! -s $WORK/provisioned ]]; }

# spawn NAME MARKER [DIR]: a stand-in process called NAME with MARKER as its arg0, working in DIR.
spawn() {
  local name=$1 marker=$2 dir=${3:-$WORK}
  mkdir -p "$dir"
  (cd "$dir" && exec -a "$marker" "$WORK/bin/$name" 300) &
  SPAWNED+=($!)
  disown
  LAST=$!
}

dev() { (cd "$FAKE" && ./dev "$@"); } # runs the fake checkout's ./dev

# in_dev CODE: runs bash CODE with the parts of ./dev sourced, in the fake checkout.
in_dev() {
  (
    set -e
    # shellcheck disable=SC2034 # read by the sourced parts
    ROOT=$FAKE STATE=$FAKE/.dev
    cd "$FAKE"
    for part in common provision infra stack-config stack secure test-stack; do
      # shellcheck source=/dev/null
      source "scripts/dev/$part.sh"
    done
    eval "$1"
  )
}

echo "selftest of ./dev in $FAKE"

# --- Commands that only look or stop provision nothing ---------------------------------------
out=$(dev status 2>&1)
check "status without .dev: exit 0, everything stopped" contains "$out" "postgres        127.0.0.1:5432                         stopped"
out=$(dev down 2>&1)
check "down without .dev: exit 0" contains "$out" "nothing runs"
fails() { # DESCRIPTION EXPECTED COMMAND...: passes if the command fails and its output has EXPECTED
  local what=$1 expected=$2 out
  shift 2
  if out=$("$@" 2>&1); then fail "$what"; else check "$what" contains "$out" "$expected"; fi
}
fails "logs without .dev fails, saying why" "nothing has run" dev logs
dev test-env stop >/dev/null 2>&1
check "status, down, logs and test-env stop install and create nothing" nothing_provisioned
check "... not even .dev" test ! -e "$FAKE/.dev"
fails "restart of an unknown component names the known ones" \
  "postgres nats elasticsearch command-service projector query-service" dev restart nosuch
dev nonsense >/dev/null 2>&1
check "an unknown command exits 2" test $? -eq 2

# --- Finding and stopping this checkout's processes, and no other's --------------------------
S=$FAKE/.dev
mkdir -p "$S/run" "$S/logs"
spawn postgres "$S/data/postgres/data"
our_pg=$LAST
spawn nats-server "$S/data/nats/store"
our_nats=$LAST
spawn java "elasticsearch" "$S/data/elasticsearch/logs" # the server runs in its logs directory
our_es=$LAST
spawn java "-Dcqrsshop.dev=$S/run/command-service"
our_cmd=$LAST
spawn postgres "$OTHER/.dev/data/postgres/data" # another checkout's, path sharing our prefix
their_pg=$LAST
spawn nats-server "$OTHER/.dev/data/nats/store"
their_nats=$LAST
spawn sleep "$S/data/nats/store" # names our store, but is not a nats-server (say, a tail -f)
not_nats=$LAST
spawn postgres "$S/data/postgres/data.old" # a postgres on a copy of our data, started by hand
copy_pg=$LAST
spawn postgres "$S/test/postgres/data"
our_test_pg=$LAST
spawn java "elasticsearch" "$S/test/elasticsearch/logs"
our_test_es=$LAST
spawn postgres "$OTHER/.dev/test/postgres/data"
their_test_pg=$LAST
spawn java "elasticsearch" "$OTHER/.dev/test/elasticsearch/logs"
their_test_es=$LAST

out=$(dev status 2>&1)
check "status finds our postgres by its data directory" contains "$out" "running (pid $our_pg)"
check "status finds our nats-server by its store" contains "$out" "running (pid $our_nats)"
check "status finds our Elasticsearch by its logs directory" contains "$out" "running (pid $our_es)"
check "status finds our command-service by its marker" contains "$out" "running (pid $our_cmd)"
check "status reports the test stack that runs" contains "$out" "test stack running: PostgreSQL (pid $our_test_pg)"

printf 'DEV_POSTGRES_PORT=5433\n' >"$S/run/stack.env"
fails "a changed port of a running component is refused, naming its variable" \
  "postgres runs with DEV_POSTGRES_PORT=5433" env DEV_POSTGRES_PORT=5434 bash -c 'cd "$1" && ./dev start nats' _ "$FAKE"

dev down >/dev/null 2>&1
check "down stops our postgres" gone "$our_pg"
check "down stops our nats-server" gone "$our_nats"
check "down stops our Elasticsearch" gone "$our_es"
check "down stops our command-service" gone "$our_cmd"
check "down leaves another checkout's postgres alone" runs "$their_pg"
check "down leaves another checkout's nats-server alone" runs "$their_nats"
check "down leaves a process that only names our store alone" runs "$not_nats"
check "down leaves a postgres on another data directory alone, even one named like ours" runs "$copy_pg"
check "down leaves the test stack alone" runs "$our_test_pg"

dev test-env stop >/dev/null 2>&1
check "test-env stop stops leftovers of our test stack without pid or port files (postgres)" gone "$our_test_pg"
check "... and Elasticsearch" gone "$our_test_es"
check "test-env stop leaves another checkout's test stack alone (postgres)" runs "$their_test_pg"
check "... and Elasticsearch" runs "$their_test_es"
check "none of that provisioned anything" nothing_provisioned

# --- Choosing ports ----------------------------------------------------------------------------
choose() { # TAKEN ARGS...: choose_free_port with the ports in TAKEN taken
  in_dev "port_taken() { [[ ' $1 ' == *\" \$1 \"* ]]; }; choose_free_port ${*:2}"
}
check "the preferred port when it is free" test "$(choose "" 58000 500 58010)" = 58010
check "the next free port when it is taken" test "$(choose "58010 58011" 58000 500 58010)" = 58012
check "wraps around at the end of the range" test "$(choose "58498 58499" 58000 500 58498)" = 58000
check "skips a port whose transport port (+1000) is taken" test "$(choose "59510" 58500 500 58510 0 1000)" = 58511
check "fails when the whole range is taken" test -z "$(choose "58000 58001" 58000 2 58000)"
a=$(in_dev 'checkout_offset 500')
b=$(in_dev 'checkout_offset 500')
check "a checkout prefers the same ports from run to run" test "$a" = "$b"

# A real listener: a nats-server on a free port P (with P - 1000 free as well).
P=$(in_dev 'choose_free_port 58900 100 58900 0 -1000')
nats-server -a 127.0.0.1 -p "$P" >/dev/null 2>&1 &
SPAWNED+=($!)
disown
in_dev "wait_until 10 port_taken $P"
check "port_taken sees a real listener" in_dev "port_taken $P"

out=$(TEST_POSTGRES_PORT=$P dev test-env 2>&1)
check "a taken TEST_POSTGRES_PORT fails test-env, naming TEST_POSTGRES_PORT" contains "$out" "choose another port with TEST_POSTGRES_PORT"
check "... and not DEV_POSTGRES_PORT" lacks "$out" "DEV_POSTGRES_PORT"
check "... before anything started" test -z "$(in_dev 'postmaster_pid "$STATE/test/postgres"; elasticsearch_pids "$STATE/test/elasticsearch"')"
out=$(TEST_ELASTICSEARCH_PORT=$((P - 1000)) dev test-env 2>&1)
check "a taken transport port names TEST_ELASTICSEARCH_PORT" contains "$out" "transport port (TEST_ELASTICSEARCH_PORT + 1000)"
out=$(DEV_POSTGRES_PORT=$P dev start postgres 2>&1)
check "a taken DEV_POSTGRES_PORT fails start postgres, naming DEV_POSTGRES_PORT" contains "$out" "choose another port with DEV_POSTGRES_PORT"
check "... and not TEST_POSTGRES_PORT" lacks "$out" "TEST_POSTGRES_PORT"
check "... before anything started" test -z "$(in_dev 'postmaster_pid "$STATE/data/postgres"')"

# The recorded port of this checkout's test stack was taken meanwhile: resolve_test_ports moves.
mkdir -p "$S/test"
printf 'TEST_POSTGRES_PORT=%s\nTEST_ELASTICSEARCH_PORT=58999\n' "$P" >"$S/test/ports.env"
out=$(in_dev 'resolve_test_ports 2>/dev/null; echo "$TEST_PG_PORT"')
check "a recorded test port that is taken now is given up for a free one" test -n "$out" -a "$out" != "$P"
check "... in the test stack's range" test "${out:-0}" -ge 58000 -a "${out:-0}" -le 58499
check "... and recorded for the next run" grep -qx "TEST_POSTGRES_PORT=$out" "$S/test/ports.env"
check "and still nothing was provisioned" nothing_provisioned

# --- up --secure ---------------------------------------------------------------------------------
fails "up with an unknown option names the known ones" "./dev up [-d] [--secure]" dev up --bogus
rm -f "$S/run/secure"
out=$(in_dev 'load_stack_config look; service_env query-service')
check "without --secure a service gets no TLS or token settings" lacks "$out" "TLS_CERT_FILE"
out=$(in_dev 'make_secure_material; touch "$STATE/run/secure"; load_stack_config look
  service_env query-service; service_env projector')
check "with --secure the APIs get TLS and token settings" contains "$out" "QUERY_AUTH_PUBLIC_KEY_FILE=$S/secure/token-signing.pub"
check "... and the projector TLS for its health port" contains "$out" "PROJECTOR_TLS_CERT_FILE=$S/secure/server.pem"
check "... but no token settings" lacks "$out" "PROJECTOR_AUTH"
token=$(cat "$S/secure/token")
IFS=. read -r header payload signature <<<"$token"
quietly() { "$@" >/dev/null 2>&1; }
check "the stack's token is signed by its key (RS256)" quietly openssl dgst -sha256 \
  -verify "$S/secure/token-signing.pub" \
  -signature <(printf '%s' "$signature" | tr '_-' '/+' | sed 's/$/==/' | openssl base64 -d -A 2>/dev/null) \
  <(printf '%s.%s' "$header" "$payload")
check "... and typed as an access token (at+jwt), as the services require" contains \
  "$(printf '%s' "$header" | tr '_-' '/+' | openssl base64 -d -A 2>/dev/null)" '"typ":"at+jwt"'
check "the server certificate is for localhost and 127.0.0.1, signed by the stack's CA" \
  quietly openssl verify -CAfile "$S/secure/ca.pem" -verify_ip 127.0.0.1 -verify_hostname localhost "$S/secure/server.pem"
rm -f "$S/run/secure"

if ((FAILURES)); then
  echo "selftest of ./dev: $FAILURES FAILED"
  exit 1
fi
echo "selftest of ./dev: all passed"
