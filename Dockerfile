# The chaos-action GitHub Action: the `chaos` engine on a trimmed Java runtime with an AOT cache.
#
# It lives at the repository root because the runner builds an action's Dockerfile with the Dockerfile's own
# directory as the build context, and the image needs the whole Maven project. Build it by hand with:
#   docker build -t chaos-action .
#
# The final image runs as root and sets no WORKDIR: the runner mounts the workspace at /github/workspace,
# makes it the working directory, and its files belong to the runner's user, which only root can write as.

ARG BUILD_IMAGE=maven:3.9-eclipse-temurin-25
ARG RUNTIME_IMAGE=debian:bookworm-slim

FROM ${BUILD_IMAGE} AS build
WORKDIR /src
# The reactor reads every module's POM; only those the action needs are built.
COPY pom.xml ./
COPY .mvn .mvn
COPY function/pom.xml function/
COPY bench/pom.xml bench/
COPY compat/pom.xml compat/
COPY sandbox sandbox
COPY engine engine
COPY kubernetes kubernetes
COPY aws aws
COPY prometheus prometheus
COPY service-levels service-levels
COPY action action
# Without the sandbox (a simulated cluster for trying experiments): see action/pom.xml.
RUN mvn -B -ntp -pl action -am package -DskipTests -Dsandbox.scope=provided
# Only the modules the jar uses (jdeps), plus jdk.crypto.ec for TLS peers that insist on EC suites on
# runtimes where it is separate; jdk.unsupported (sun.misc.Signal, for SIGTERM) is in jdeps' list.
RUN modules="$(jdeps --ignore-missing-deps -q --multi-release 25 --print-module-deps action/target/chaos.jar)" \
 && echo "runtime modules: ${modules}" \
 && jlink --add-modules "${modules},jdk.crypto.ec" --strip-debug --no-man-pages --no-header-files \
          --compress=zip-6 --output /opt/java

FROM ${RUNTIME_IMAGE}
ENV LANG=C.UTF-8
COPY --from=build /opt/java /opt/java
COPY --from=build /src/action/target/chaos.jar /opt/chaos/chaos.jar
COPY action/docker/training-experiment.json /tmp/training/experiment.json
# A training run of the entry point records the classes it loads and links into an AOT cache (JDK 25,
# JEP 514/515); runs then start in about a third of the time. The cache is only valid for this JVM, this jar
# and these flags, hence the same command line as the ENTRYPOINT. The flags (measured in bench/run.sh): C1
# only, compiling methods used five times more than the default thresholds, the serial collector with a
# 16 MiB initial heap, and no perf-data file: a run is short and mostly waits.
RUN GITHUB_WORKSPACE=/tmp/training INPUT_EXPERIMENT=experiment.json \
    /opt/java/bin/java -XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=5 -XX:+UseSerialGC -Xms16m \
        -XX:-UsePerfData -XX:AOTCacheOutput=/opt/chaos/chaos.aot \
        -cp /opt/chaos/chaos.jar dev.chaosaction.action.GitHubAction \
 && rm -rf /tmp/training
ENTRYPOINT ["/opt/java/bin/java", "-XX:TieredStopAtLevel=1", "-XX:CompileThresholdScaling=5", "-XX:+UseSerialGC", "-Xms16m", \
            "-XX:-UsePerfData", "-XX:AOTCache=/opt/chaos/chaos.aot", "-cp", "/opt/chaos/chaos.jar", "dev.chaosaction.action.GitHubAction"]
