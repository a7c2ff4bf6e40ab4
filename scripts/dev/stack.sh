# shellcheck shell=bash
# Sourced by ./dev: the local stack (./dev up, down, start, stop, restart, status, logs).
#
# A stack is PostgreSQL, nats-server and Elasticsearch in $STATE/data plus the three services.
# Its ports come from DEV_*_PORT variables. They are recorded in $STATE/run/stack.env when the
# stack starts and kept until ./dev down, so that restarting one component (or the whole stack
# after a crash) puts it back where the others expect it.

INFRA=(postgres nats elasticsearch)
SERVICES=(command-service projector query-service)
COMPONENTS=("${INFRA[@]}" "${SERVICES[@]}")

STACK_VARS=(DEV_POSTGRES_PORT DEV_NATS_PORT DEV_ELASTICSEARCH_PORT
  DEV_COMMAND_PORT DEV_COMMAND_METRICS_PORT DEV_PROJECTOR_PORT DEV_PROJECTOR_METRICS_PORT
  DEV_QUERY_PORT DEV_QUERY_METRICS_PORT)
declare -A STACK_DEFAULTS=(
  [DEV_POSTGRES_PORT]=5432 [DEV_NATS_PORT]=4222 [DEV_ELASTICSEARCH_PORT]=9200
  [DEV_COMMAND_PORT]=50051 [DEV_COMMAND_METRICS_PORT]=9091
  [DEV_PROJECTOR_PORT]=50053 [DEV_PROJECTOR_METRICS_PORT]=9093
  [DEV_QUERY_PORT]=50052 [DEV_QUERY_METRICS_PORT]=9092)

is_component() {
  local c
  for c in "${COMPONENTS[@]}"; do [[ $c == "$1" ]] && return 0; done
  return 1
}

is_service() { [[ $1 == *-service || $1 == projector ]]; }

# The ports each component binds: "PORT VAR DESCRIPTION" lines (derived ports name the variable
# they are derived from).
component_ports() {
  case $1 in
    postgres) echo "$DEV_POSTGRES_PORT DEV_POSTGRES_PORT PostgreSQL" ;;
    nats)
      echo "$DEV_NATS_PORT DEV_NATS_PORT nats-server"
      echo "$((DEV_NATS_PORT + 4000)) DEV_NATS_PORT nats-server's monitoring endpoint (DEV_NATS_PORT + 4000)"
      ;;
    elasticsearch)
      echo "$DEV_ELASTICSEARCH_PORT DEV_ELASTICSEARCH_PORT Elasticsearch"
      echo "$((DEV_ELASTICSEARCH_PORT + 100)) DEV_ELASTICSEARCH_PORT Elasticsearch's transport port (DEV_ELASTICSEARCH_PORT + 100)"
      ;;
    command-service)
      echo "$DEV_COMMAND_PORT DEV_COMMAND_PORT command-service"
      echo "$DEV_COMMAND_METRICS_PORT DEV_COMMAND_METRICS_PORT command-service's metrics endpoint"
      ;;
    projector)
      echo "$DEV_PROJECTOR_PORT DEV_PROJECTOR_PORT projector's health endpoint"
      echo "$DEV_PROJECTOR_METRICS_PORT DEV_PROJECTOR_METRICS_PORT projector's metrics endpoint"
      ;;
    query-service)
      echo "$DEV_QUERY_PORT DEV_QUERY_PORT query-service"
      echo "$DEV_QUERY_METRICS_PORT DEV_QUERY_METRICS_PORT query-service's metrics endpoint"
      ;;
  esac
}

service_port() {
  case $1 in
    command-service) echo "$DEV_COMMAND_PORT" ;;
    query-service) echo "$DEV_QUERY_PORT" ;;
    projector) echo "$DEV_PROJECTOR_PORT" ;;
  esac
}

service_metrics_port() {
  case $1 in
    command-service) echo "$DEV_COMMAND_METRICS_PORT" ;;
    query-service) echo "$DEV_QUERY_METRICS_PORT" ;;
    projector) echo "$DEV_PROJECTOR_METRICS_PORT" ;;
  esac
}

service_needs() { # the infrastructure a service needs to report SERVING
  case $1 in
    command-service) echo postgres ;;
    projector) echo nats elasticsearch ;;
    query-service) echo elasticsearch ;;
  esac
}

# --- Processes of the local stack ------------------------------------------------------------

service_pids() { # SERVICE: found by the -Dcqrsshop.dev marker that launch gives it
  # shellcheck disable=SC2046 # one pid per word
  pids_named java $(pids_with_arg "-Dcqrsshop.dev=$STATE/run/$1")
}

component_pids() {
  [[ -n $STATE ]] || return 0
  case $1 in
    postgres) postmaster_pid "$STATE/data/postgres" ;;
    nats) nats_pids "$STATE/data/nats" ;;
    elasticsearch) elasticsearch_pids "$STATE/data/elasticsearch" ;;
    *) service_pids "$1" ;;
  esac
}

component_running() { [[ -n $(component_pids "$1") ]]; }

stack_running() { # true if any component of the local stack runs
  local c
  for c in "${COMPONENTS[@]}"; do component_running "$c" && return 0; done
  return 1
}

# --- Configuration ---------------------------------------------------------------------------

# component_uses COMPONENT VAR: true if the component was started with VAR (its own ports, and
# for a service the ports of the infrastructure it talks to).
component_uses() {
  local vars
  case $1 in
    postgres) vars=DEV_POSTGRES_PORT ;;
    nats) vars=DEV_NATS_PORT ;;
    elasticsearch) vars=DEV_ELASTICSEARCH_PORT ;;
    command-service) vars="DEV_COMMAND_PORT DEV_COMMAND_METRICS_PORT DEV_POSTGRES_PORT DEV_NATS_PORT" ;;
    projector) vars="DEV_PROJECTOR_PORT DEV_PROJECTOR_METRICS_PORT DEV_NATS_PORT DEV_ELASTICSEARCH_PORT" ;;
    query-service) vars="DEV_QUERY_PORT DEV_QUERY_METRICS_PORT DEV_ELASTICSEARCH_PORT" ;;
  esac
  [[ " $vars " == *" $2 "* ]]
}

# load_stack_config MODE: sets every DEV_*_PORT: from the environment, else as recorded, else the
# default. While a component that was started with a variable runs, the recorded value stands:
# MODE "change" (commands that start something) refuses a different one, naming the variable;
# MODE "look" shows the running stack with a warning.
load_stack_config() {
  local mode=$1 record=${STATE:+$STATE/run/stack.env} var value c
  declare -A recorded=() fixed=()
  if [[ -n $record && -f $record ]]; then
    while IFS='=' read -r var value; do
      [[ -n ${STACK_DEFAULTS[$var]+x} && $value =~ ^[0-9]+$ ]] && recorded[$var]=$value
    done <"$record"
  fi
  for c in "${COMPONENTS[@]}"; do
    component_running "$c" || continue
    for var in "${STACK_VARS[@]}"; do
      if component_uses "$c" "$var"; then fixed[$var]=${fixed[$var]:-$c}; fi
    done
  done
  for var in "${STACK_VARS[@]}"; do
    local explicit=${!var:-} kept=${recorded[$var]:-}
    value=${explicit:-${kept:-${STACK_DEFAULTS[$var]}}}
    if [[ -n ${fixed[$var]:-} && -n $kept && -n $explicit && $explicit != "$kept" ]]; then
      [[ $mode == change ]] &&
        die "${fixed[$var]} runs with $var=$kept; stop it (or './dev down') before changing $var, or unset $var"
      warn "${fixed[$var]} runs with $var=$kept, not $explicit; showing the running stack"
      value=$kept
    fi
    printf -v "$var" '%s' "$value"
  done
  check_port_number DEV_NATS_PORT "$DEV_NATS_PORT" 61535
  check_port_number DEV_ELASTICSEARCH_PORT "$DEV_ELASTICSEARCH_PORT" 65435
  declare -A seen=()
  local port what
  for c in "${COMPONENTS[@]}"; do
    while read -r port var what; do
      check_port_number "$var" "$port"
      [[ -z ${seen[$port]:-} ]] || die "$what and ${seen[$port]} would both use port $port; change $var"
      seen[$port]=$what
    done < <(component_ports "$c")
  done
}

save_stack_config() {
  local var
  for var in "${STACK_VARS[@]}"; do echo "$var=${!var}"; done >"$STATE/run/stack.env"
}

# --- Starting and stopping -------------------------------------------------------------------

service_env() { # prints the environment of one service of the local stack
  local pg="jdbc:postgresql://127.0.0.1:$DEV_POSTGRES_PORT/cqrsshop"
  local nats="nats://127.0.0.1:$DEV_NATS_PORT" es="http://127.0.0.1:$DEV_ELASTICSEARCH_PORT"
  case $1 in
    command-service)
      echo "COMMAND_LISTEN_HOST=127.0.0.1 COMMAND_GRPC_PORT=$DEV_COMMAND_PORT COMMAND_METRICS_PORT=$DEV_COMMAND_METRICS_PORT"
      echo "COMMAND_DB_URL=$pg COMMAND_DB_USER=cqrsshop COMMAND_DB_PASSWORD=cqrsshop"
      echo "COMMAND_NATS_URL=$nats"
      ;;
    query-service)
      echo "QUERY_LISTEN_HOST=127.0.0.1 QUERY_GRPC_PORT=$DEV_QUERY_PORT QUERY_METRICS_PORT=$DEV_QUERY_METRICS_PORT"
      echo "QUERY_ELASTICSEARCH_URL=$es"
      ;;
    projector)
      echo "PROJECTOR_LISTEN_HOST=127.0.0.1 PROJECTOR_HEALTH_PORT=$DEV_PROJECTOR_PORT PROJECTOR_METRICS_PORT=$DEV_PROJECTOR_METRICS_PORT"
      echo "PROJECTOR_NATS_URL=$nats PROJECTOR_ELASTICSEARCH_URL=$es"
      ;;
  esac
}

build_services() { # SERVICE...: builds their jars (tests skipped: ./dev test runs them)
  (($#)) || return 0
  say "building $* (./mvnw package, tests skipped: ./dev test runs them)"
  local log=$STATE/logs/build.log
  if ! ./mvnw -B -q -DskipTests package -pl "$(
    IFS=,
    echo "$*"
  )" -am >"$log" 2>&1; then
    grep -v '^WARNING' "$log" >&2 || true
    die "the build failed; see $log"
  fi
}

# launch SERVICE: starts one service in the background, output appended to its log file. The
# -Dcqrsshop.dev marker is how ./dev finds it again (see common.sh).
launch() {
  local service=$1 port var what
  while read -r port var what; do
    require_free_port "$port" "$what" "$var"
  done < <(component_ports "$service")
  printf '%s ./dev starts %s\n' "$(date '+%F %T')" "$service" >>"$STATE/logs/$service.log"
  # setsid: Ctrl-C of `./dev up` reaches only this script, which stops services before
  # infrastructure.
  # shellcheck disable=SC2046 # service_env prints NAME=VALUE words
  setsid env $(service_env "$service") "$JAVA_HOME/bin/java" "-Dcqrsshop.dev=$STATE/run/$service" \
    -XX:+UseSerialGC -Xmx512m --enable-native-access=ALL-UNNAMED \
    -jar "$ROOT/$service/target/$service.jar" </dev/null >>"$STATE/logs/$service.log" 2>&1 &
  disown
}

health_of() { # prints SERVING, NOT_SERVING, DOWN, or UNKNOWN (no buf yet) for a service
  local buf=$STATE/tools/node_modules/.bin/buf out
  [[ -x $buf ]] || {
    echo UNKNOWN
    return
  }
  out=$("$buf" curl --protocol grpc --http2-prior-knowledge --timeout 2s \
    "http://127.0.0.1:$(service_port "$1")/grpc.health.v1.Health/Check" 2>/dev/null) || {
    echo DOWN
    return
  }
  if [[ $out == *'"SERVING"'* ]]; then echo SERVING; else echo NOT_SERVING; fi
}

is_serving() { [[ $(health_of "$1") == SERVING ]]; }

wait_serving() { # SERVICE...
  local service
  for service in "$@"; do
    if ! wait_until 90 is_serving "$service"; then
      warn "$service is not SERVING after 90 s; last log lines:"
      tail -n 20 "$STATE/logs/$service.log" >&2
      return 1
    fi
    say "$service ${GREEN}SERVING${RESET} on 127.0.0.1:$(service_port "$service")"
  done
}

# STARTED lists what this invocation started; if it then fails, the EXIT trap stops those again,
# so that a failed start leaves the stack as it found it.
STARTED=()
rollback_started() {
  local status=$? i
  ((status != 0 && ${#STARTED[@]})) || return 0
  warn "start-up failed; stopping what this command started: ${STARTED[*]}"
  for ((i = ${#STARTED[@]} - 1; i >= 0; i--)); do stop_component "${STARTED[i]}"; done
}

start_component() { # starts one component unless it runs (its provisioning is done)
  local c=$1
  component_running "$c" && return 0
  STARTED+=("$c") # before it starts: a start that fails half-way is stopped as well
  case $c in
    postgres)
      start_postgres "$STATE/data/postgres" "$DEV_POSTGRES_PORT" DEV_POSTGRES_PORT PostgreSQL
      create_database "$DEV_POSTGRES_PORT" cqrsshop cqrsshop cqrsshop
      ;;
    nats) start_nats "$STATE/data/nats" "$DEV_NATS_PORT" DEV_NATS_PORT nats-server ;;
    elasticsearch)
      start_elasticsearch "$STATE/data/elasticsearch" "$DEV_ELASTICSEARCH_PORT" \
        $((DEV_ELASTICSEARCH_PORT + 100)) DEV_ELASTICSEARCH_PORT Elasticsearch "DEV_ELASTICSEARCH_PORT + 100"
      ;;
    *) launch "$c" ;;
  esac
}

stop_service() { # SERVICE: SIGTERM; a service takes up to 20 s to finish in-flight calls
  # shellcheck disable=SC2046
  stop_pids "$1" TERM 30 $(service_pids "$1")
}

stop_component() {
  local c=$1
  [[ -n $STATE ]] || return 0
  case $c in
    postgres) stop_postgres "$STATE/data/postgres" PostgreSQL ;;
    nats) stop_nats "$STATE/data/nats" nats-server ;;
    elasticsearch) stop_elasticsearch "$STATE/data/elasticsearch" Elasticsearch ;;
    *) stop_service "$c" ;;
  esac
}

# require_free_ports COMPONENT...: dies, naming the variable, if a port of one of the components
# that do not run is taken; checked before anything is built or started.
require_free_ports() {
  local c port var what
  for c in "$@"; do
    component_running "$c" && continue
    while read -r port var what; do
      require_free_port "$port" "$what" "$var"
    done < <(component_ports "$c")
  done
}

# provision_for COMPONENT...: installs what starting these components needs.
provision_for() {
  local parts=(base) c
  for c in "$@"; do
    case $c in
      elasticsearch) parts+=(elasticsearch) ;;
      postgres | nats) ;;
      *) parts+=(jdk buf) ;;
    esac
  done
  provision "${parts[@]}"
}

check_component_names() {
  (($#)) || die "name one or more of: ${COMPONENTS[*]}"
  local c
  for c in "$@"; do
    is_component "$c" || die "unknown component '$c'; one of: ${COMPONENTS[*]}"
  done
}

# --- Commands --------------------------------------------------------------------------------

cmd_up() {
  local detach=0
  case ${1:-} in
    -d) detach=1 ;;
    '') ;;
    *) die "unknown option '$1' (./dev up [-d])" ;;
  esac
  provision all
  load_stack_config change
  local missing=() c
  for c in "${SERVICES[@]}"; do component_running "$c" || missing+=("$c"); done
  if ((!detach && ${#missing[@]} < ${#SERVICES[@]})); then
    die "services of this stack already run (./dev status): './dev up -d' starts whatever is missing, './dev down' stops the stack"
  fi
  require_free_ports "${COMPONENTS[@]}"
  save_stack_config
  trap rollback_started EXIT
  for c in "${INFRA[@]}"; do start_component "$c"; done
  build_services "${missing[@]}"
  for c in "${missing[@]}"; do
    : >"$STATE/logs/$c.log"
    start_component "$c"
  done

  if ((detach)); then
    wait_serving "${SERVICES[@]}" || die "start-up failed; logs are in $STATE/logs"
    STARTED=()
    say "stack is up. Logs: ./dev logs   Status: ./dev status   Stop: ./dev down"
    return 0
  fi

  STARTED=()
  trap 'echo; say "stopping"; stop_stack; exit 0' INT TERM
  local colours=("$GREEN" "$YELLOW" "$CYAN") i=0 tag
  for c in "${SERVICES[@]}"; do
    tag=$(printf '%-9s' "${c%-service}")
    tail -n +1 -F "$STATE/logs/$c.log" 2>/dev/null | sed -u "s/^/${colours[i]}${tag}${RESET} | /" &
    i=$((i + 1))
  done
  (wait_serving "${SERVICES[@]}" && say "all three services are SERVING; Ctrl-C stops everything") &
  wait
}

stop_stack() {
  local i
  for ((i = ${#COMPONENTS[@]} - 1; i >= 0; i--)); do stop_component "${COMPONENTS[i]}"; done
}

cmd_down() {
  find_state
  if [[ -z $STATE ]]; then
    say "nothing runs here (no .dev yet)"
    return 0
  fi
  stop_stack
  rm -f "$STATE/run/stack.env"
  say "stopped"
}

# in_order NAME...: the named components in start order (infrastructure first), once each.
in_order() {
  local c n
  for c in "${COMPONENTS[@]}"; do
    for n in "$@"; do
      if [[ $n == "$c" ]]; then
        echo "$c"
        break
      fi
    done
  done
}

# require_needs SERVICE STARTING...: dies unless the infrastructure the service needs runs or is
# among the components being started.
require_needs() {
  local service=$1 need
  shift
  for need in $(service_needs "$service"); do
    [[ " $* " == *" $need "* ]] && continue
    component_running "$need" ||
      die "$service needs $need, which is not running: './dev start $need' (or './dev up -d', which starts whatever is missing)"
  done
}

# ./dev start NAME...: starts the named components that do not run (services are built first).
cmd_start() {
  check_component_names "$@"
  local names c services=()
  mapfile -t names < <(in_order "$@")
  provision_for "${names[@]}"
  load_stack_config change
  for c in "${names[@]}"; do
    if component_running "$c"; then
      say "$c already runs"
    elif is_service "$c"; then
      require_needs "$c" "${names[@]}"
      services+=("$c")
    fi
  done
  require_free_ports "${names[@]}"
  save_stack_config
  build_services "${services[@]}"
  trap rollback_started EXIT
  for c in "${names[@]}"; do start_component "$c"; done
  wait_serving "${services[@]}" || die "start-up failed; logs are in $STATE/logs"
  STARTED=()
}

cmd_stop() {
  check_component_names "$@"
  find_state
  local names c
  mapfile -t names < <(in_order "$@")
  for ((c = ${#names[@]} - 1; c >= 0; c--)); do
    if component_running "${names[c]}"; then
      stop_component "${names[c]}"
    else
      say "${names[c]} does not run"
    fi
  done
}

# ./dev restart NAME...: stops and starts each named component, whether it ran or not (after a
# crash it did not). Services are built before they are stopped, so a broken build leaves them
# running.
cmd_restart() {
  check_component_names "$@"
  local names c services=()
  mapfile -t names < <(in_order "$@")
  provision_for "${names[@]}"
  load_stack_config change
  for c in "${names[@]}"; do
    if is_service "$c"; then
      require_needs "$c" "${names[@]}"
      services+=("$c")
    fi
  done
  save_stack_config
  build_services "${services[@]}"
  trap rollback_started EXIT
  for c in "${names[@]}"; do
    stop_component "$c"
    start_component "$c"
  done
  wait_serving "${services[@]}" || die "start-up failed; logs are in $STATE/logs"
  STARTED=()
}

cmd_status() {
  find_state
  load_stack_config look
  local format='%-15s %-38s %s\n' c pids state address port
  # shellcheck disable=SC2059 # the format is ours
  printf "$format" COMPONENT ADDRESS STATE
  for c in "${COMPONENTS[@]}"; do
    pids=$(component_pids "$c" | tr '\n' ' ')
    pids=${pids% }
    state=stopped
    if [[ -n $pids ]]; then
      state="running (pid $pids)"
      if is_service "$c"; then
        state+=", health $(health_of "$c")"
      elif [[ $c == elasticsearch ]]; then
        state+=", cluster $(curl -fsS -m 2 "http://127.0.0.1:$DEV_ELASTICSEARCH_PORT/_cluster/health" 2>/dev/null |
          sed -n 's/.*"status":"\([a-z]*\)".*/\1/p' || true)"
      fi
    fi
    read -r port _ < <(component_ports "$c")
    address=127.0.0.1:$port
    is_service "$c" && address+=" (metrics :$(service_metrics_port "$c"))"
    # shellcheck disable=SC2059
    printf "$format" "$c" "$address" "$state"
  done
  [[ -n $STATE ]] && test_stack_status_line
  echo "${DIM}data: ${STATE:-$ROOT/.dev}/data   logs: ${STATE:-$ROOT/.dev}/logs${RESET}"
}

cmd_logs() {
  local name=${1:-}
  [[ -z $name ]] || is_component "$name" || die "unknown component '$name'; one of: ${COMPONENTS[*]}"
  find_state
  [[ -n $STATE ]] || die "nothing has run in this checkout yet (no .dev); start it with ./dev up"
  local files=() c
  case $name in
    '') for c in "${SERVICES[@]}"; do files+=("$STATE/logs/$c.log"); done ;;
    postgres) files=("$STATE/data/postgres/postgres.log") ;;
    nats) files=("$STATE/data/nats/nats.log") ;;
    elasticsearch) files=("$STATE/data/elasticsearch/logs/elasticsearch.log") ;;
    *) files=("$STATE/logs/$name.log") ;;
  esac
  local existing=()
  for c in "${files[@]}"; do [[ -f $c ]] && existing+=("$c"); done
  ((${#existing[@]})) || die "no log yet (${files[*]}); has ${name:-the stack} run?"
  tail -n 50 -F "${files[@]}"
}
