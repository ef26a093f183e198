# shellcheck shell=bash
# Shared helpers of ./exchange: logging, paths, JDK/Maven discovery, process management.
# Sourced by ./exchange; every function assumes `set -euo pipefail` and $ROOT set.

# ---------------------------------------------------------------------------------------
# Paths. Everything the local stack writes lives under $RUN (.run/, git-ignored).
# ---------------------------------------------------------------------------------------
# world_traversable <dir>: every directory from / down to <dir> lets "others" through.
world_traversable() {
  local d="$1" perms
  while [[ -n $d && $d != / ]]; do
    perms=$(stat -c %A "$d" 2>/dev/null) || return 1
    [[ ${perms:9:1} == [xt] ]] || return 1
    d=$(dirname "$d")
  done
}
# When running as root from a clone the unprivileged service user cannot reach (e.g. under
# /root, mode 700), the run directory lives in /var/lib/exchange/run-<hash> and .run is a
# symlink to it. RUN is always the resolved path: it is what the processes are given.
RUN="$ROOT/.run"
if [[ -L $RUN ]]; then
  RUN="$(readlink -f "$RUN")"
elif [[ ! -e $RUN && $EUID -eq 0 ]] && ! world_traversable "$ROOT"; then
  RUN="/var/lib/exchange/run-$(printf '%s' "$ROOT" | sha256sum | cut -c1-12)"
fi
DIST="$RUN/dist"       # unpacked distributions (re-created from ~/.m2 when missing)
DATA="$RUN/data"       # component state (databases, indices, topics)
CONF="$RUN/conf"       # generated configuration
LOGS="$RUN/logs"       # <component>.log (stdout+stderr), previous run in <component>.log.1
PIDS="$RUN/pids"       # <component>.pid
SECRETS="$RUN/secrets" # generated passwords/secrets (mode 600)
ENV_FILE="$RUN/env"    # `export KEY=value` lines for the services, Maven and humans
COMPONENTS_POM="$ROOT/infra/components/pom.xml"

# Unprivileged account for the processes that refuse root (OpenSearch, private PostgreSQL).
SERVICE_USER="${EXCHANGE_SERVICE_USER:-exchange}"

# Components that this script started during the current invocation (for `test` cleanup).
STARTED_NOW=()

# ---------------------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------------------
if [[ -t 1 ]]; then
  C_B=$'\e[1m' C_G=$'\e[32m' C_Y=$'\e[33m' C_R=$'\e[31m' C_0=$'\e[0m'
else
  C_B='' C_G='' C_Y='' C_R='' C_0=''
fi
info() { printf '%s==>%s %s\n' "$C_B" "$C_0" "$*"; }
ok()   { printf '  %s✔%s %s\n' "$C_G" "$C_0" "$*"; }
note() { printf '  %s\n' "$*"; }
warn() { printf '%swarning:%s %s\n' "$C_Y" "$C_0" "$*" >&2; }
die()  { printf '%serror:%s %s\n' "$C_R" "$C_0" "$*" >&2; exit 1; }

# Prints the last lines of a component log (used when something fails to start).
show_log_tail() {
  local log="$LOGS/$1.log"
  [[ -f $log ]] || return 0
  printf -- '----- last 25 lines of %s -----\n' "$log" >&2
  tail -n 25 "$log" >&2 || true
  printf -- '-----\n' >&2
}

# ---------------------------------------------------------------------------------------
# Prerequisites
# ---------------------------------------------------------------------------------------
is_root() { [[ $EUID -eq 0 ]]; }

# ensure_package <command> <debian-package>: installs the package with apt-get if missing.
ensure_package() {
  local cmd="$1" pkg="$2"
  command -v "$cmd" >/dev/null 2>&1 && return 0
  is_root || die "'$cmd' is missing: install the Debian package '$pkg' (sudo apt-get install -y $pkg)"
  info "installing $pkg (apt-get)"
  # Never let the package start a system-wide daemon (e.g. nginx on :80). The blocker is removed
  # by the subshell's trap even if apt-get is interrupted.
  local rc=0
  (
    if [[ ! -e /usr/sbin/policy-rc.d ]]; then
      trap 'rm -f /usr/sbin/policy-rc.d' EXIT
      printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q --no-install-recommends "$pkg" >"$LOGS/apt-$pkg.log" 2>&1 ||
      { apt-get update -q >>"$LOGS/apt-$pkg.log" 2>&1 &&
        apt-get install -y -q --no-install-recommends "$pkg" >>"$LOGS/apt-$pkg.log" 2>&1; }
  ) || rc=$?
  [[ $rc -eq 0 ]] || die "apt-get install $pkg failed (rc=$rc), see $LOGS/apt-$pkg.log"
  command -v "$cmd" >/dev/null 2>&1 || die "'$cmd' still missing after installing $pkg"
}

# Major version of a JDK home ("" when it is not a JDK).
jdk_major() {
  local home="$1" v=""
  [[ -x $home/bin/java ]] || return 0
  if [[ -f $home/release ]]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")
  fi
  if [[ -z $v ]]; then
    v=$("$home/bin/java" -XshowSettings:properties -version 2>&1 |
      sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')
  fi
  printf '%s' "$v"
}

# Sets JDK (a JDK home, major >= 21): $EXCHANGE_JAVA_HOME, then $JAVA_HOME, then the
# newest under /usr/lib/jvm. Also exported as JAVA_HOME for Maven and the launchers.
find_jdk() {
  [[ -n ${JDK:-} ]] && return 0
  local cand best="" best_v=0 v
  for cand in "${EXCHANGE_JAVA_HOME:-}" "${JAVA_HOME:-}"; do
    [[ -n $cand ]] || continue
    v=$(jdk_major "$cand")
    if [[ -n $v && $v -ge 21 ]]; then best="$cand" best_v=$v; break; fi
  done
  if [[ -z $best ]]; then
    for cand in /usr/lib/jvm/*; do
      [[ -d $cand && ! -L $cand ]] || continue
      v=$(jdk_major "$cand")
      if [[ -n $v && $v -ge 21 && $v -gt $best_v ]]; then best="$cand" best_v=$v; fi
    done
  fi
  [[ -n $best ]] || die "no JDK >= 21 found (checked \$JAVA_HOME and /usr/lib/jvm/*); set EXCHANGE_JAVA_HOME"
  JDK="$best"
  JAVA="$JDK/bin/java"
  export JAVA_HOME="$JDK"
}

# Maven: the project's wrapper when present, else `mvn` (installed with apt if missing).
mvn_run() {
  if [[ -x $ROOT/mvnw ]]; then
    "$ROOT/mvnw" "$@"
  else
    ensure_package mvn maven
    mvn "$@"
  fi
}

# mvn_components <execution-id> <output-dir> [extra args]: fetches one component through
# the standalone components pom. Offline first (~/.m2 is the cache), online if that fails.
mvn_components() {
  local exec_id="$1" out="$2"; shift 2
  local log="$LOGS/maven-$exec_id.log"
  local args=(-B -q -f "$COMPONENTS_POM" "dependency:$(components_goal "$exec_id")@$exec_id"
    "-Dcomponent.dir=$out" "$@")
  if mvn_run -o "${args[@]}" >"$log" 2>&1; then return 0; fi
  note "downloading $exec_id from Maven Central into ~/.m2 …"
  mvn_run "${args[@]}" >"$log" 2>&1 || { tail -n 30 "$log" >&2; die "Maven could not fetch $exec_id (see $log)"; }
}
components_goal() {
  case "$1" in
    kafka) echo copy-dependencies ;;
    postgres) echo copy ;;
    *) echo unpack ;;
  esac
}

# Version property from the components pom (single source of truth for versions).
component_version() {
  sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$COMPONENTS_POM" | head -n 1
}

# ---------------------------------------------------------------------------------------
# Run directory and the unprivileged service user
# ---------------------------------------------------------------------------------------
ensure_service_user() {
  is_root || return 0
  id -u "$SERVICE_USER" >/dev/null 2>&1 && return 0
  info "creating system user '$SERVICE_USER' (OpenSearch and PostgreSQL refuse to run as root)"
  useradd --system --user-group --no-create-home --home-dir /nonexistent \
    --shell /usr/sbin/nologin "$SERVICE_USER" || die "useradd $SERVICE_USER failed"
}

# SVC_AS: command prefix that runs a program as the service user when we are root
# (setpriv execs: same pid), with HOME pointing somewhere harmless. Usable with setsid.
if is_root; then
  SVC_AS=(setpriv "--reuid=$SERVICE_USER" "--regid=$SERVICE_USER" --init-groups
    env "HOME=$DATA" "USER=$SERVICE_USER" "LOGNAME=$SERVICE_USER")
else
  SVC_AS=(env)
fi
as_service_user() { "${SVC_AS[@]}" "$@"; }

# Creates $RUN, and the .run symlink when it lives elsewhere (see RUN above).
link_run_dir() {
  if [[ $RUN != "$ROOT/.run" && ! -e $ROOT/.run ]]; then
    warn "'$SERVICE_USER' cannot reach $ROOT (a parent directory is not world-executable): .run -> $RUN"
    mkdir -p "$RUN" && chmod 755 "$(dirname "$RUN")" "$RUN"
    ln -s "$RUN" "$ROOT/.run"
  fi
  mkdir -p "$RUN"
}

# Creates the run directory with everything the components need.
ensure_run_dir() {
  link_run_dir
  mkdir -p "$DIST" "$DATA" "$CONF" "$LOGS" "$PIDS" "$SECRETS"
  chmod 700 "$SECRETS"
  if is_root && ! as_service_user test -x "$DATA" 2>/dev/null; then
    die "the service user '$SERVICE_USER' cannot reach $DATA; make its parent directories world-executable (chmod o+x) or clone the repository elsewhere"
  fi
}

# Generated secret (created once, reused afterwards).
secret() {
  local f="$SECRETS/$1"
  if [[ ! -s $f ]]; then
    (umask 077; head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32 >"$f")
  fi
  cat "$f"
}

# ---------------------------------------------------------------------------------------
# Processes: pid files, liveness, start/stop
# ---------------------------------------------------------------------------------------
pid_file() { printf '%s/%s.pid' "$PIDS" "$1"; }

# Prints the recorded pid of a component if that process is alive AND is ours (its command
# line mentions this repository or its run dir), so a recycled pid is never mistaken for it.
live_pid() {
  local f pid cmdline
  f=$(pid_file "$1")
  [[ -s $f ]] || return 1
  pid=$(tr -dc '0-9' <"$f")
  [[ -n $pid && -r /proc/$pid/cmdline ]] || return 1
  cmdline=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
  [[ $cmdline == *"$ROOT/"* || $cmdline == *"$RUN/"* ]] || return 1
  printf '%s' "$pid"
}

# port_open <port>: something listens on 127.0.0.1:<port>.
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Who listens on a port (for error messages).
port_owner() {
  ss -Hltnp "sport = :$1" 2>/dev/null | sed -n 's/.*users:((\(.*\))).*/\1/p' | head -n 1
}

# Moves the previous log aside and returns the fresh log path.
fresh_log() {
  local log="$LOGS/$1.log"
  [[ -f $log ]] && mv -f "$log" "$log.1"
  printf '=== %s started by ./exchange at %s\n' "$1" "$(date -Is)" >"$log"
  printf '%s' "$log"
}

# spawn <component> <cmd…>: starts a command in its own session (so the whole process
# tree can be signalled as one group), stdout+stderr to the component log, pid recorded.
spawn() {
  local name="$1"; shift
  local log
  log=$(fresh_log "$name")
  # fd 9 is ./exchange's lock: the long-running child must not inherit it.
  setsid "$@" </dev/null >>"$log" 2>&1 9>&- &
  printf '%s\n' "$!" >"$(pid_file "$name")"
}

# signal_tree <pid> <signal>: signals the process group when the pid leads one (setsid,
# daemonized nginx), else only the pid.
signal_tree() {
  local pid="$1" sig="$2"
  if [[ $(ps -o pgid= -p "$pid" 2>/dev/null | tr -d ' ') == "$pid" ]]; then
    kill "-$sig" -- "-$pid" 2>/dev/null || true
  else
    kill "-$sig" "$pid" 2>/dev/null || true
  fi
}
tree_alive() { kill -0 "$1" 2>/dev/null || pgrep -g "$1" >/dev/null 2>&1; }

# stop_pids <timeout> <name:pid:signal>…: signals all at once, waits until every process
# (and its group) is gone, sends KILL to what is left after the timeout.
stop_pids() {
  local timeout="$1"; shift
  local entry name pid sig waited=0 left
  for entry in "$@"; do
    IFS=: read -r name pid sig <<<"$entry"
    note "stopping $name (pid $pid, SIG$sig)"
    signal_tree "$pid" "$sig"
  done
  while :; do
    left=()
    for entry in "$@"; do
      IFS=: read -r name pid sig <<<"$entry"
      tree_alive "$pid" && left+=("$entry")
    done
    ((${#left[@]})) || break
    if ((waited >= timeout)); then
      for entry in "${left[@]}"; do
        IFS=: read -r name pid sig <<<"$entry"
        warn "$name (pid $pid) did not stop within ${timeout}s: sending KILL"
        signal_tree "$pid" KILL
      done
      sleep 1
      break
    fi
    if ((waited > 0 && waited % 5 == 0)); then note "waiting for ${left[*]%%:*} to stop … ${waited}s"; fi
    sleep 1
    waited=$((waited + 1))
  done
}

# wait_healthy <component> <timeout-seconds> <health-function> [pid]: polls the health
# function every second, prints progress every 5 s, fails early if the process died.
wait_healthy() {
  local name="$1" timeout="$2" check="$3" pid="${4:-}" waited=0
  while ! "$check" 2>/dev/null; do
    if [[ -n $pid ]] && ! kill -0 "$pid" 2>/dev/null; then
      show_log_tail "$name"
      die "$name exited during startup — see $LOGS/$name.log"
    fi
    if ((waited >= timeout)); then
      show_log_tail "$name"
      die "$name not healthy after ${timeout}s — see $LOGS/$name.log"
    fi
    sleep 1
    waited=$((waited + 1))
    if ((waited % 5 == 0)); then note "waiting for $name … ${waited}s"; fi
  done
  ok "$name ready (${waited}s)"
}

# http_ok <url>: 2xx within 3 s.
http_ok() { curl -fs -o /dev/null --max-time 3 "$1"; }
