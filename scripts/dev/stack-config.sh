# shellcheck shell=bash
# Sourced by ./dev: what the local stack consists of and how it is configured: its components,
# the ports they bind (DEV_*_PORT variables), and the environment each service starts with.
#
# The ports are recorded in $STATE/run/stack.env when a component starts and kept until
# ./dev down, so that restarting one component (or the whole stack after a crash) puts it back
# where the others expect it.

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

service_metrics_port() { component_ports "$1" | sed -n '2s/ .*//p'; }

service_needs() { # the infrastructure a service needs to report SERVING
  case $1 in
    command-service) echo postgres ;;
    projector) echo nats elasticsearch ;;
    query-service) echo elasticsearch ;;
  esac
}


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
    query-service) vars="DEV_QUERY_PORT DEV_QUERY_METRICS_PORT DEV_ELASTICSEARCH_PORT DEV_NATS_PORT" ;;
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

service_env() { # prints the environment of one service of the local stack
  local pg="jdbc:postgresql://127.0.0.1:$DEV_POSTGRES_PORT/cqrsshop"
  local nats="nats://127.0.0.1:$DEV_NATS_PORT" es="http://127.0.0.1:$DEV_ELASTICSEARCH_PORT"
  case $1 in
    command-service)
      echo "COMMAND_LISTEN_HOST=127.0.0.1 COMMAND_GRPC_PORT=$DEV_COMMAND_PORT COMMAND_METRICS_PORT=$DEV_COMMAND_METRICS_PORT"
      echo "COMMAND_DB_URL=$pg COMMAND_DB_USER=cqrsshop COMMAND_DB_PASSWORD=cqrsshop"
      # Migrates at start as the schema owner (production runs 'command-service migrate' first).
      echo "COMMAND_DB_MIGRATION_USER=cqrsshop_owner COMMAND_DB_MIGRATION_PASSWORD=cqrsshop_owner"
      echo "COMMAND_NATS_URL=$nats"
      if secure_on; then secure_service_env COMMAND_ auth; fi
      ;;
    query-service)
      echo "QUERY_LISTEN_HOST=127.0.0.1 QUERY_GRPC_PORT=$DEV_QUERY_PORT QUERY_METRICS_PORT=$DEV_QUERY_METRICS_PORT"
      echo "QUERY_ELASTICSEARCH_URL=$es QUERY_NATS_URL=$nats"
      if secure_on; then secure_service_env QUERY_ auth; fi
      ;;
    projector)
      echo "PROJECTOR_LISTEN_HOST=127.0.0.1 PROJECTOR_HEALTH_PORT=$DEV_PROJECTOR_PORT PROJECTOR_METRICS_PORT=$DEV_PROJECTOR_METRICS_PORT"
      echo "PROJECTOR_NATS_URL=$nats PROJECTOR_ELASTICSEARCH_URL=$es"
      if secure_on; then secure_service_env PROJECTOR_; fi
      ;;
  esac
}
