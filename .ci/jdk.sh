# shellcheck shell=bash
# Sourced by .ci/run: sets JAVA_HOME to the Temurin JDK 25 beside the machine's default JDK, or else to the
# newest other JDK of release 21 or later (the build targets release 21 either way).
jdk_release() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
if [ -z "${JAVA_HOME:-}" ] || [ "$(jdk_release "$JAVA_HOME" 2>/dev/null)" != 25 ]; then
  best=""; best_release=0
  for candidate in /usr/lib/jvm/temurin-25-jdk-* /usr/lib/jvm/*; do
    [ -x "$candidate/bin/javac" ] || continue
    release=$(jdk_release "$candidate")
    case "$release" in ''|*[!0-9]*) continue ;; esac
    if [ "$release" = 25 ]; then best=$candidate; best_release=25; break; fi
    if [ "$release" -ge 21 ] && [ "$release" -gt "$best_release" ]; then best=$candidate; best_release=$release; fi
  done
  if [ -z "$best" ] && [ -n "${JAVA_HOME:-}" ] && [ "$(jdk_release "$JAVA_HOME" 2>/dev/null || echo 0)" -ge 21 ]; then
    best=$JAVA_HOME
  fi
  if [ -z "$best" ]; then
    echo "No JDK of release 21 or later under /usr/lib/jvm (JDK 25 preferred); install Temurin 25" >&2
    exit 1
  fi
  export JAVA_HOME="$best"
fi
export PATH="$JAVA_HOME/bin:$PATH"
