# shellcheck shell=bash
# Sourced by ./dev: the local stack's processes and commands (./dev up, down, start, stop,
# restart, status, logs). PostgreSQL, nats-server and Elasticsearch live in $STATE/data, the
# services' logs in $STATE/logs; stack-config.sh says what runs on which port.

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

# --- Starting and stopping -------------------------------------------------------------------

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
  # -Xms64m: the heap grows only as far as the live set needs; the default initial heap (1/64 of
  # the RAM) made up most of each service's resident memory. -Xmx192m: a bound well above the live
  # sets (the projector's was 17 MB after a rebuild) and well below the images' heap (75% of the
  # container limit); with 512m, the projector's heap grew to the maximum during a rebuild and
  # stayed there.
  # shellcheck disable=SC2046 # service_env prints NAME=VALUE words
  setsid env $(service_env "$service") "$JAVA_HOME/bin/java" "-Dcqrsshop.dev=$STATE/run/$service" \
    -XX:+UseSerialGC -Xms64m -Xmx192m --enable-native-access=ALL-UNNAMED \
    -jar "$ROOT/$service/target/$service.jar" </dev/null >>"$STATE/logs/$service.log" 2>&1 &
  disown
}

health_of() { # prints SERVING, NOT_SERVING, DOWN, or UNKNOWN (no buf yet) for a service
  local buf=$STATE/tools/node_modules/.bin/buf out
  [[ -x $buf ]] || {
    echo UNKNOWN
    return
  }
  local how=(--http2-prior-knowledge) url
  url="http://127.0.0.1:$(service_port "$1")"
  if secure_on; then
    how=(--cacert "$(secure_dir)/ca.pem")
    url="https://localhost:$(service_port "$1")"
  fi
  out=$("$buf" curl --protocol grpc "${how[@]}" --timeout 2s \
    "$url/grpc.health.v1.Health/Check" 2>/dev/null) || {
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
      create_database "$DEV_POSTGRES_PORT" cqrsshop
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
  local detach=0 secure=0 option
  for option in "$@"; do
    case $option in
      -d) detach=1 ;;
      --secure) secure=1 ;;
      *) die "unknown option '$option' (./dev up [-d] [--secure])" ;;
    esac
  done
  provision all
  load_stack_config change
  local missing=() c
  for c in "${SERVICES[@]}"; do component_running "$c" || missing+=("$c"); done
  if ((!detach && ${#missing[@]} < ${#SERVICES[@]})); then
    die "services of this stack already run (./dev status): './dev up -d' starts whatever is missing, './dev down' stops the stack"
  fi
  if ((${#missing[@]} < ${#SERVICES[@]})) && ! secure_mode_matches "$secure"; then
    die "the running services use the other mode (with or without --secure): './dev down' first"
  fi
  require_free_ports "${COMPONENTS[@]}"
  save_stack_config
  if ((secure)); then
    make_secure_material
    touch "$STATE/run/secure"
  else
    rm -f "$STATE/run/secure"
  fi
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
    if secure_on; then print_secure_usage; fi
    return 0
  fi

  STARTED=()
  # shellcheck disable=SC2046 # the log followers are jobs of this shell; one pid per word
  trap 'echo; say "stopping"; stop_stack; kill $(jobs -p) 2>/dev/null; exit 0' INT TERM
  local colours=("$GREEN" "$YELLOW" "$CYAN") i=0 tag
  for c in "${SERVICES[@]}"; do
    tag=$(printf '%-9s' "${c%-service}")
    tail -n +1 -F "$STATE/logs/$c.log" 2>/dev/null | sed -u "s/^/${colours[i]}${tag}${RESET} | /" &
    i=$((i + 1))
  done
  (wait_serving "${SERVICES[@]}" && say "all three services are SERVING; Ctrl-C stops everything" &&
    if secure_on; then print_secure_usage; fi) &
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
  rm -f "$STATE/run/stack.env" "$STATE/run/secure"
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

# prepare_components MODE NAME...: what start and restart do first. Checks the names, puts them
# in start order (NAMES), provisions them, loads and records the ports, and lists in TO_BUILD the
# services to build and start: those that do not run (MODE start) or all named (MODE restart),
# each with the infrastructure it needs running or among NAMES.
prepare_components() {
  local mode=$1 c
  shift
  check_component_names "$@"
  mapfile -t NAMES < <(in_order "$@")
  provision_for "${NAMES[@]}"
  load_stack_config change
  TO_BUILD=()
  for c in "${NAMES[@]}"; do
    if [[ $mode == start ]] && component_running "$c"; then
      say "$c already runs"
    elif is_service "$c"; then
      require_needs "$c" "${NAMES[@]}"
      TO_BUILD+=("$c")
    fi
  done
  [[ $mode == restart ]] || require_free_ports "${NAMES[@]}"
  save_stack_config
  build_services "${TO_BUILD[@]}"
}

# ./dev start NAME...: starts the named components that do not run (services are built first).
cmd_start() {
  prepare_components start "$@"
  trap rollback_started EXIT
  local c
  for c in "${NAMES[@]}"; do start_component "$c"; done
  wait_serving "${TO_BUILD[@]}" || die "start-up failed; logs are in $STATE/logs"
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
  prepare_components restart "$@"
  trap rollback_started EXIT
  local c
  for c in "${NAMES[@]}"; do
    stop_component "$c"
    start_component "$c"
  done
  wait_serving "${TO_BUILD[@]}" || die "start-up failed; logs are in $STATE/logs"
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
