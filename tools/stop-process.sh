# Sourced (from the workspace root) by tools/cluster/cluster-env.sh and tools/vm/vm-env.sh.
# stop_process PID SECONDS: sends SIGTERM and waits up to SECONDS for the process to end, then
# SIGKILL. No pid, or a process that is gone already, is fine.
stop_process() {
  local pid=$1 seconds=$2
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null
  for _ in $(seq $((seconds * 5))); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.2
  done
  kill -KILL "$pid" 2>/dev/null
}
