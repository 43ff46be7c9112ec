#!/usr/bin/env bash
# The packaging promise, tested as a host sees it: for each vendor client, a Maven project that imports only the BOM
# and that one client (the modules kis, jackyun, jushuitan, archive here) is built against freshly installed
# artifacts in a private local repository.
# Its resolved dependencies must be exactly client-core, Jackson (+ jsr310), slf4j-api and Failsafe besides the
# client: no sync-core, no validator, no test library, no logging binding. Then hostcheck.Main runs on that class
# path alone, so a class of the client that needs anything else fails with NoClassDefFoundError, and it must print
# nothing on stderr (Hibernate Validator's HV000001 went there through java.util.logging).
#
# The private repository is ~/.m2/repository hard-linked (fast, few downloads) minus io/qiao, so nothing
# stale of Qiao is found and nothing of this run lands in ~/.m2. QIAO_HOST_CHECK_REPO overrides where it lives.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
repo="${QIAO_HOST_CHECK_REPO:-$root/target/host-check-m2}"
vendors=(kis jackyun jushuitan archive)
# not offline: a machine whose ~/.m2 lacks a plugin this needs (install, dependency) fetches it into the copy
mvn=("$root/mvnw" -B -ntp -q "-Dmaven.repo.local=$repo")
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
start=$SECONDS

rm -rf "$repo"
rm -rf "$here/target"; for vendor in "${vendors[@]}"; do rm -rf "$here/$vendor/target"; done
mkdir -p "$(dirname "$repo")"
cp -al "$HOME/.m2/repository" "$repo" 2>/dev/null || cp -a "$HOME/.m2/repository" "$repo"
rm -rf "$repo/io/qiao"

echo "== host check: installing the BOM and the four clients into $repo"
# javadoc is not what this checks, and it is the slowest part of install
"${mvn[@]}" -f "$root/pom.xml" install -DskipTests -Dmaven.javadoc.skip=true \
  -pl bom,jackyun-client,jushuitan-client,kis-client,archive-client -am
echo "== host check: installed in $((SECONDS - start)) s; building a host of each client"

# groupId:artifactId a host that depends on one client may get, besides that client
allowed=(io.qiao:qiao-client-core com.fasterxml.jackson.core:jackson-databind com.fasterxml.jackson.core:jackson-core
  com.fasterxml.jackson.core:jackson-annotations com.fasterxml.jackson.datatype:jackson-datatype-jsr310
  dev.failsafe:failsafe org.slf4j:slf4j-api)
required=(io.qiao:qiao-client-core com.fasterxml.jackson.core:jackson-databind
  com.fasterxml.jackson.datatype:jackson-datatype-jsr310 dev.failsafe:failsafe org.slf4j:slf4j-api)

failed=0
fail() { echo "FAIL host check ($vendor): $*" >&2; failed=1; }

# one Maven run for the four hosts; relative output files land in each module's own target/
"${mvn[@]}" -f "$here/pom.xml" compile dependency:tree dependency:build-classpath \
  -DoutputFile=target/tree.txt -Dmdep.outputFile=target/classpath.txt

for vendor in "${vendors[@]}"; do
  out="$here/$vendor/target"
  client="io.qiao:qiao-$vendor-client"

  # tree lines after the project's own: "+- group:artifact:jar:version:scope", indented by |, +, \ and -
  resolved=$(tail -n +2 "$out/tree.txt" | sed -E 's/^[| +\\-]*//' | cut -d: -f1,2 | sort -u)
  for ga in $resolved; do
    [ "$ga" = "$client" ] && continue
    case " ${allowed[*]} " in
      *" $ga "*) ;;
      *) fail "$client brings $ga, which a host of one client must not get (see $out/tree.txt)" ;;
    esac
  done
  for ga in "$client" "${required[@]}"; do
    grep -qx "$ga" <<<"$resolved" || fail "$client does not bring $ga (see $out/tree.txt)"
  done

  # slf4j.internal.verbosity=ERROR: slf4j's own "no providers" warning is the host's choice of binding, not ours
  if ! "$java" -Dslf4j.internal.verbosity=ERROR -cp "$out/classes:$(cat "$out/classpath.txt")" hostcheck.Main \
      2>"$out/stderr.txt"; then
    cat "$out/stderr.txt" >&2
    fail "hostcheck.Main failed on the class path of $client alone"
  elif [ -s "$out/stderr.txt" ]; then
    cat "$out/stderr.txt" >&2
    fail "the client wrote to stderr (a library must log through slf4j only)"
  fi
done

echo "== host check: $([ $failed = 0 ] && echo passed || echo FAILED) for ${vendors[*]} in $((SECONDS - start)) s"
exit $failed
