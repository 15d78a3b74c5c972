# Sourced by the scripts in bin/ and .ci/run: selects a JDK >= 21 and sets JAVA_HOME, PATH and MAVEN_OPTS.
# JAVA_HOME wins when it is 21 or newer; otherwise the newest JDK under /usr/lib/jvm is taken.
java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | awk -F= '/java.specification.version/ {gsub(/[ \t]/, "", $2); split($2, v, "."); print (v[1] == "1" ? v[2] : v[1])}'
}

select_jdk() {
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/javac" ]] && (( $(java_major "$JAVA_HOME") >= 21 )); then
    return 0
  fi
  local best="" best_version=0 dir version
  for dir in /usr/lib/jvm/*/; do
    dir="${dir%/}"
    [[ -x "$dir/bin/javac" ]] || continue
    version="$(java_major "$dir")"
    if [[ -n "$version" ]] && (( version > best_version )); then
      best="$dir"
      best_version="$version"
    fi
  done
  if (( best_version < 21 )); then
    echo "TaskLedger needs a JDK 21 or newer: set JAVA_HOME to one, or install one under /usr/lib/jvm." >&2
    return 1
  fi
  export JAVA_HOME="$best"
}

select_jdk || exit 1
export PATH="$JAVA_HOME/bin:$PATH"
if (( $(java_major "$JAVA_HOME") >= 23 )); then
  # Maven 3.9 still uses sun.misc.Unsafe; JDK 23+ warns unless told this is allowed.
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
fi
