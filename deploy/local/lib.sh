# Shared by deploy/local/up and deploy/local/down. Expects ROOT to be set.
STATE="$ROOT/.local"
LOGS="$STATE/logs"
DATA="$STATE/data"
RUN="$STATE/run"
SERVICES="lead-service cadence-service messaging-service task-service insights-service"
KAFKA_PORT=${FOLLOWUP_KAFKA_PORT:-59092}
KAFKA_CONTROLLER_PORT=${FOLLOWUP_KAFKA_CONTROLLER_PORT:-59093}
PG_PORT=${FOLLOWUP_PG_PORT:-55432}
LOCAL_SMTP_PORT=${FOLLOWUP_SMTP_PORT:-52525}
LOCAL_IMAP_PORT=${FOLLOWUP_IMAP_PORT:-52143}

say() { printf '[local] %s\n' "$*"; }

port_of() {
  case "$1" in
    lead-service) echo 8081 ;; cadence-service) echo 8082 ;;
    messaging-service) echo 8083 ;; task-service) echo 8084 ;; insights-service) echo 8085 ;;
  esac
}

require_java() {
  if ! command -v java >/dev/null 2>&1; then
    say "Java 17 or newer is needed (Debian: apt-get install openjdk-17-jdk-headless)"; exit 1
  fi
  local version
  version=$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)
  if [ "${version:-0}" -lt 17 ]; then say "Java 17 or newer is needed, found $version"; exit 1; fi
}

random_secret() { head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n'; }

# The pid file names a live process that is still the one we started (a java process).
alive() {
  local pidfile="$RUN/$1.pid" pid
  [ -f "$pidfile" ] || return 1
  pid=$(cat "$pidfile")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && grep -q java "/proc/$pid/cmdline" 2>/dev/null
}

stop_process() {
  local name=$1 grace=$2 pid waited=0
  if alive "$name"; then
    pid=$(cat "$RUN/$name.pid")
    say "stopping $name (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null && [ $waited -lt $((grace * 10)) ]; do sleep 0.1; waited=$((waited + 1)); done
    if kill -0 "$pid" 2>/dev/null; then
      say "$name did not stop within ${grace}s, killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$RUN/$name.pid"
}

# After a kill -9 of the infrastructure process its PostgreSQL child keeps running and holds the data directory.
kill_orphan_postgres() {
  local pidfile="$DATA/postgres/postmaster.pid" pid waited=0
  [ -f "$pidfile" ] || return 0
  pid=$(head -1 "$pidfile")
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && grep -q postgres "/proc/$pid/cmdline" 2>/dev/null; then
    say "stopping PostgreSQL left over from an earlier run (pid $pid)"
    kill -INT "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null && [ $waited -lt 300 ]; do sleep 0.1; waited=$((waited + 1)); done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  fi
}

ready() {
  local port=$1 service=$2
  alive "$service" || { say "$service exited; last lines of .local/logs/$service.log:"; tail -20 "$LOGS/$service.log"; exit 1; }
  curl -fsS -o /dev/null "http://localhost:$port/q/health/ready" 2>/dev/null
}

wait_for() {
  local what=$1 timeout=$2; shift 2
  local started deadline next
  started=$(date +%s); deadline=$(( started + timeout )); next=$(( started + 10 ))
  until "$@"; do
    if [ "$(date +%s)" -ge "$deadline" ]; then
      say "$what not ready after ${timeout}s; see .local/logs/"; exit 1
    fi
    if [ "$(date +%s)" -ge "$next" ]; then
      say "still waiting for $what ($(( $(date +%s) - started )) s)"; next=$(( next + 10 ))
    fi
    sleep 0.5
  done
  say "$what ready"
}

# Rebuild only when a source or build file changed since the last successful build.
build_if_needed() {
  local stamp="$RUN/build.stamp" changed=""
  if [ -f "$stamp" ]; then
    changed=$(cd "$ROOT" && find . -path ./.local -prune -o \( -path '*/src/main/*' -o -name pom.xml -o -path './contracts/*' \) \
      -type f -newer "$stamp" -print -quit)
  fi
  if [ ! -f "$stamp" ] || [ -n "$changed" ] || [ ! -f "$ROOT/platform-infra/target/classpath.txt" ]; then
    say "building the platform (./mvnw package, tests skipped; the first run downloads dependencies for a few"
    say "minutes); each module as it starts, the whole output in .local/logs/build.log:"
    (cd "$ROOT" && ./mvnw -B -ntp -DskipTests package 2>&1 | tee "$LOGS/build.log" \
      | grep --line-buffered -E '^\[INFO\] Building [A-Z]|^\[INFO\] BUILD|^\[ERROR\]' | sed -u 's/^\[INFO\] /  /') \
      || { say "build failed: see .local/logs/build.log"; exit 1; }
    touch "$stamp"
  fi
}
