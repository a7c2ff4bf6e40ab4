# shellcheck shell=bash
# Sourced by ./dev: everything installed or created on first use. Nothing here starts a process
# that keeps running; commands that only look or stop (status, logs, down) never call it.

ES_VERSION=8.19.21
BUF_VERSION=1.75.0
SERVICE_USER=cqrsshop # runs PostgreSQL and Elasticsearch, which refuse to run as root

is_root() { [[ $(id -u) -eq 0 ]]; }

as_service_user() {
  if is_root; then
    runuser -u "$SERVICE_USER" -- "$@"
  else
    "$@"
  fi
}

ensure_service_user() {
  is_root || return 0
  if ! id "$SERVICE_USER" >/dev/null 2>&1; then
    say "creating system user $SERVICE_USER (PostgreSQL and Elasticsearch refuse to run as root)"
    useradd --system --no-create-home --shell /usr/sbin/nologin "$SERVICE_USER"
  fi
}

# The state directory. PostgreSQL and Elasticsearch run as $SERVICE_USER when we are root; if that
# user cannot reach the checkout (say it lives under /root), state goes to /var/tmp and .dev
# becomes a link to it.
ensure_state_dir() {
  ensure_service_user
  if [[ -L $ROOT/.dev || -d $ROOT/.dev ]]; then
    STATE=$(readlink -f "$ROOT/.dev")
  else
    mkdir -p "$ROOT/.dev"
    STATE=$ROOT/.dev
  fi
  if is_root && ! runuser -u "$SERVICE_USER" -- test -x "$STATE" 2>/dev/null; then
    local elsewhere
    elsewhere=/var/tmp/cqrs-shop-$(printf '%s' "$ROOT" | sha1sum | cut -c1-12)
    warn "$SERVICE_USER cannot reach $STATE; keeping state in $elsewhere (.dev links to it)"
    mkdir -p "$elsewhere"
    chmod 755 "$elsewhere"
    if [[ -d $ROOT/.dev && ! -L $ROOT/.dev ]]; then
      cp -a "$ROOT/.dev/." "$elsewhere"/ && rm -rf "$ROOT/.dev"
    fi
    ln -sfn "$elsewhere" "$ROOT/.dev"
    STATE=$elsewhere
  fi
  mkdir -p "$STATE"/{tools,dist,run,logs}
}

APT_UPDATED=0
apt_install() {
  local sudo=''
  if ! is_root; then
    command -v sudo >/dev/null || die "need root (or sudo) to install: $*"
    sudo=sudo
  fi
  command -v apt-get >/dev/null || die "no apt-get here; install these yourself: $*"
  if [[ $APT_UPDATED -eq 0 ]]; then
    say "apt-get update"
    $sudo apt-get update -qq
    APT_UPDATED=1
  fi
  say "installing $*"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

java_major() { # prints the feature version of the JDK at $1
  local version
  version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null || true)
  echo "${version:-0}"
}

ensure_jdk() {
  local candidate best='' best_version=0 v
  for candidate in ${JAVA_HOME:-} /usr/lib/jvm/*; do
    [[ -x $candidate/bin/javac ]] || continue
    v=$(java_major "$candidate")
    if ((v >= 21 && v > best_version)); then
      best=$candidate best_version=$v
    fi
  done
  if [[ -z $best ]]; then
    apt_install openjdk-21-jdk-headless 2>/dev/null ||
      die "a JDK >= 21 is required (the default java may be older); install one under /usr/lib/jvm or set JAVA_HOME"
    ensure_jdk
    return
  fi
  export JAVA_HOME=$best
  export PATH=$JAVA_HOME/bin:$PATH
}

ensure_packages() {
  local missing=()
  command -v curl >/dev/null || missing+=(curl)
  command -v unzip >/dev/null || missing+=(unzip)
  command -v ss >/dev/null || missing+=(iproute2)
  command -v nats-server >/dev/null || missing+=(nats-server)
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
  command -v npm >/dev/null || missing+=(npm)
  command -v openssl >/dev/null || missing+=(openssl)
  if ((${#missing[@]})); then
    apt_install "${missing[@]}"
  fi
  # shellcheck disable=SC2034 # read by infra.sh
  PG_BIN=$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  # shellcheck disable=SC2034 # read by infra.sh and test-stack.sh
  NATS_SERVER=$(command -v nats-server)
}

ensure_shellcheck() {
  command -v shellcheck >/dev/null || apt_install shellcheck
}

# promtool checks the alert rules; Debian ships it in the prometheus package (the server is not
# started here: no systemd).
ensure_promtool() {
  command -v promtool >/dev/null || apt_install prometheus
}

ensure_buf() {
  BUF=$STATE/tools/node_modules/.bin/buf
  if [[ ! -x $BUF ]] || [[ $("$BUF" --version 2>/dev/null) != "$BUF_VERSION" ]]; then
    say "installing buf $BUF_VERSION (npm)"
    npm install --silent --no-audit --no-fund --prefix "$STATE/tools" "@bufbuild/buf@$BUF_VERSION" >/dev/null
  fi
}

ensure_elasticsearch() {
  ES_HOME=$STATE/dist/elasticsearch-$ES_VERSION
  [[ -x $ES_HOME/bin/elasticsearch ]] && return 0
  say "downloading Elasticsearch $ES_VERSION from Maven Central (about 110 MB, once)"
  "$ROOT/mvnw" -B -q -f "$ROOT/pom.xml" org.apache.maven.plugins:maven-dependency-plugin:3.9.0:copy \
    -Dartifact="org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ES_VERSION:zip" \
    -DoutputDirectory="$STATE/dist" -Dmdep.useBaseVersion=true >/dev/null
  unzip -q -o "$STATE/dist/elasticsearch-$ES_VERSION.zip" -d "$STATE/dist"
  rm -f "$STATE/dist/elasticsearch-$ES_VERSION.zip"
  chmod -R a+rX "$ES_HOME"
}

# provision WHAT...: installs what the named parts need; "all" is everything ./dev up needs.
#   base: the state directory, the service user and the packages (PostgreSQL, nats-server, ...)
#   jdk, elasticsearch, buf, shellcheck, promtool: one each
provision() {
  local part
  for part in "$@"; do
    case $part in
      base)
        ensure_state_dir
        ensure_packages
        ;;
      jdk) ensure_jdk ;;
      elasticsearch)
        ensure_jdk
        ensure_elasticsearch
        ;;
      buf) ensure_buf ;;
      shellcheck) ensure_shellcheck ;;
      promtool) ensure_promtool ;;
      all) provision base elasticsearch buf ;;
    esac
  done
}
