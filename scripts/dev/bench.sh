# shellcheck shell=bash
# Sourced by ./dev: ./dev bench.

# Runs the benchmark harness against the stack of './dev up -d', which it does not start itself:
# figures only mean something against a stack that was up before the measurement began. The
# harness is pointed at the stack's ports (DEV_*_PORT) unless ARGS name targets themselves.
cmd_bench() {
  provision base jdk
  load_stack_config look
  local service wants_help=0
  [[ " $* " == *' --help '* || " $* " == *' -h '* ]] && wants_help=1
  if secure_on && ((!wants_help)); then
    die "the stack runs with --secure; ./dev bench measures the plaintext one: './dev down' and './dev up -d'"
  fi
  for service in "${SERVICES[@]}"; do
    ((wants_help)) && break
    if [[ $(health_of "$service") != SERVING ]]; then
      die "$service is not SERVING on 127.0.0.1:$(service_port "$service"); start the stack with './dev up -d' first"
    fi
  done
  local targets=() flag value
  for flag in command-target query-target command-metrics projector-metrics; do
    [[ " $* " == *" --$flag "* || " $* " == *" --$flag="* ]] && continue
    case $flag in
      command-target) value=127.0.0.1:$DEV_COMMAND_PORT ;;
      query-target) value=127.0.0.1:$DEV_QUERY_PORT ;;
      command-metrics) value=http://127.0.0.1:$DEV_COMMAND_METRICS_PORT/metrics ;;
      projector-metrics) value=http://127.0.0.1:$DEV_PROJECTOR_METRICS_PORT/metrics ;;
    esac
    targets+=("--$flag" "$value")
  done
  ((wants_help)) && targets=()
  say "building the benchmark harness (./mvnw package -pl benchmarks -am, tests skipped)"
  local log=$STATE/logs/bench-build.log
  if ! ./mvnw -B -q -pl benchmarks -am package -DskipTests >"$log" 2>&1; then
    grep -v '^WARNING' "$log" >&2 || true
    die "the benchmark harness did not build; see $log"
  fi
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -jar benchmarks/target/benchmarks.jar "${targets[@]}" "$@"
}
