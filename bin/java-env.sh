# Sourced by bin/* scripts: exports JAVA_HOME pointing at a JDK 21 or newer.
# Order: $JAVA_HOME if new enough, `java` on the PATH if new enough, else the newest JDK under /usr/lib/jvm.
java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1
}
smartcustoms_find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ] && [ "$(java_major "$JAVA_HOME/bin/java")" -ge 21 ] 2>/dev/null; then
    return 0
  fi
  if command -v javac >/dev/null 2>&1; then
    local jh
    jh=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    if [ "$(java_major "$jh/bin/java")" -ge 21 ] 2>/dev/null; then export JAVA_HOME="$jh"; return 0; fi
  fi
  local best="" best_v=0 d v
  for d in /usr/lib/jvm/* /opt/java/* /usr/local/lib/jvm/*; do
    [ -x "$d/bin/javac" ] || continue
    v=$(java_major "$d/bin/java")
    if [ -n "$v" ] && [ "$v" -ge 21 ] 2>/dev/null && [ "$v" -gt "$best_v" ]; then best="$d"; best_v="$v"; fi
  done
  if [ -z "$best" ]; then
    echo "SMART Customs needs a JDK 21 or newer; none found (set JAVA_HOME)." >&2
    return 1
  fi
  export JAVA_HOME="$best"
}
smartcustoms_find_jdk || exit 1
export PATH="$JAVA_HOME/bin:$PATH"
