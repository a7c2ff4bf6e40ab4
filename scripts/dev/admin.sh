# shellcheck shell=bash
# Sourced by ./dev: ./dev admin.

# Runs the operator tool (admin/) against the local stack of './dev up': its Elasticsearch and
# PostgreSQL, at the stack's ports (DEV_*_PORT). './dev admin --help' lists its commands.
cmd_admin() {
  provision base jdk
  load_stack_config look
  local log=$STATE/logs/admin-build.log
  if [[ ! -f admin/target/admin.jar ]] || [[ -n $(find admin/src projector/src read-model/src -newer admin/target/admin.jar -type f -print -quit 2>/dev/null) ]]; then
    say "building the operator tool (./mvnw package -pl admin -am, tests skipped)"
    if ! ./mvnw -B -q -pl admin -am package -DskipTests >"$log" 2>&1; then
      grep -v '^WARNING' "$log" >&2 || true
      die "the operator tool did not build; see $log"
    fi
  fi
  ADMIN_ELASTICSEARCH_URL=${ADMIN_ELASTICSEARCH_URL:-http://127.0.0.1:$DEV_ELASTICSEARCH_PORT} \
    ADMIN_DB_URL=${ADMIN_DB_URL:-jdbc:postgresql://127.0.0.1:$DEV_POSTGRES_PORT/cqrsshop} \
    ADMIN_DB_USER=${ADMIN_DB_USER:-cqrsshop_admin} ADMIN_DB_PASSWORD=${ADMIN_DB_PASSWORD:-cqrsshop_admin} \
    "$JAVA_HOME/bin/java" -jar admin/target/admin.jar "$@"
}
