# shellcheck shell=bash
# Sourced by ./dev: output, waiting, ports, and finding the processes this checkout started.
#
# Processes are found by what they were started with, not by pid files: each infrastructure
# process and each service carries an absolute path inside this checkout's state directory as
# one of its arguments (PostgreSQL's data directory, nats-server's store, Elasticsearch's config
# directory, a -Dcqrsshop.dev= marker on the services). A pid file goes stale after a crash and
# its pid can be reused by anyone's process; an exact argument naming our own directory cannot
# belong to another checkout, so stopping what it finds never touches another checkout's stack.

# shellcheck disable=SC2034 # the colours are used by the other parts
if [[ -t 1 ]]; then
  BOLD=$'\e[1m' DIM=$'\e[2m' RED=$'\e[31m' GREEN=$'\e[32m' YELLOW=$'\e[33m' CYAN=$'\e[36m' RESET=$'\e[0m'
else
  BOLD='' DIM='' RED='' GREEN='' YELLOW='' CYAN='' RESET=''
fi

say() { printf '%s[dev]%s %s\n' "$BOLD" "$RESET" "$*" >&2; }
warn() { printf '%s[dev] %s%s\n' "$YELLOW" "$*" "$RESET" >&2; }
die() {
  printf '%s[dev] error: %s%s\n' "$RED" "$*" "$RESET" >&2
  exit 1
}

wait_until() { # timeout-seconds command...: true once the command succeeds, false after the timeout
  local deadline=$((SECONDS + $1))
  shift
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || return 1
    sleep 0.5
  done
}

# Finds the state directory without creating anything (for down, status, logs): STATE is empty
# when nothing ever ran in this checkout.
find_state() {
  # shellcheck disable=SC2034 # STATE is read by the other parts
  STATE=''
  if [[ -L $ROOT/.dev || -d $ROOT/.dev ]]; then
    STATE=$(readlink -f "$ROOT/.dev")
  fi
}

# ---------------------------------------------------------------------------------------------
# Ports
# ---------------------------------------------------------------------------------------------

# port_taken PORT: true when something listens on the TCP port (on any address).
port_taken() {
  if command -v ss >/dev/null; then
    [[ -n $(ss -Hltn "sport = :$1" 2>/dev/null) ]]
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
  fi
}

# check_port_number VAR VALUE [MAX]: dies unless VALUE is a port number, naming VAR.
check_port_number() {
  local var=$1 value=$2 max=${3:-65535}
  if [[ ! $value =~ ^[0-9]+$ ]] || ((value < 1 || value > max)); then
    die "$var must be a TCP port number (1-$max), not '$value'"
  fi
}

# require_free_port PORT WHAT VAR [HINT]: dies, naming the variable that sets the port, when
# PORT is taken. WHAT says what wanted it, e.g. "the test stack's PostgreSQL".
require_free_port() {
  local port=$1 what=$2 var=$3 hint=${4:-}
  port_taken "$port" || return 0
  die "port $port is taken, so $what cannot start there${hint:+ ($hint)}; choose another port with $var"
}

# choose_free_port FIRST COUNT START [OFFSET...]: prints the first port P of the range
# FIRST..FIRST+COUNT-1, searched upwards from START and wrapping around, for which P+OFFSET is
# free for every OFFSET (0 when none is given). Fails when there is none.
choose_free_port() {
  local first=$1 count=$2 start=$3
  shift 3
  local offsets=("$@")
  ((${#offsets[@]})) || offsets=(0)
  local i port offset free
  for ((i = 0; i < count; i++)); do
    port=$((first + (start - first + i) % count))
    free=1
    for offset in "${offsets[@]}"; do
      if port_taken $((port + offset)); then
        free=0
        break
      fi
    done
    if ((free)); then
      echo "$port"
      return 0
    fi
  done
  return 1
}

# checkout_offset N: a number in 0..N-1 derived from this checkout's path, so that every checkout
# prefers its own ports and keeps them from run to run.
checkout_offset() {
  local sum
  sum=$(printf '%s' "$ROOT" | cksum | cut -d' ' -f1)
  echo $((sum % $1))
}

# ---------------------------------------------------------------------------------------------
# Processes of this checkout
# ---------------------------------------------------------------------------------------------

# pids_with_arg ARG: prints the pids of processes that have exactly ARG as one of their
# command-line arguments (grep reads the pattern from a file, so it does not find itself).
pids_with_arg() {
  grep -lzxF -f <(printf '%s\n' "$1") /proc/[0-9]*/cmdline 2>/dev/null | cut -d/ -f3 || true
}

# pids_in_dir DIR: prints the pids of processes whose working directory is DIR (PostgreSQL's
# children rename themselves, but they all run in the data directory).
pids_in_dir() {
  local pattern
  pattern=$(printf '%s' "$1" | sed 's/[][*?\\]/\\&/g')
  find /proc/[0-9]*/cwd -maxdepth 0 -lname "$pattern" 2>/dev/null | cut -d/ -f3 || true
}

alive() { # pid...: true if any of them runs (a zombie, which waits for its parent, does not)
  local pid stat
  for pid in "$@"; do
    stat=$(cat "/proc/$pid/stat" 2>/dev/null) || continue
    stat=${stat##*) }
    [[ ${stat%% *} != Z ]] && return 0
  done
  return 1
}

# stop_pids NAME SIGNAL TIMEOUT PID...: sends SIGNAL, waits up to TIMEOUT seconds for all of
# them to exit, then kills what is left.
stop_pids() {
  local name=$1 signal=$2 timeout=$3
  shift 3
  (($#)) || return 0
  say "stopping $name (pid $*)"
  kill "-$signal" "$@" 2>/dev/null || true
  local deadline=$((SECONDS + timeout))
  while alive "$@" && ((SECONDS < deadline)); do sleep 0.2; done
  if alive "$@"; then
    warn "$name did not stop within $timeout s; killing it"
    kill -9 "$@" 2>/dev/null || true
    deadline=$((SECONDS + 10))
    while alive "$@" && ((SECONDS < deadline)); do sleep 0.1; done
  fi
}
