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
# chaos.jar leaves the sandbox (a simulated cluster for trying experiments) out; its jars go to
# action/target/chaos-sandbox/, used below only to train the Kubernetes cache: see action/pom.xml.
RUN mvn -B -ntp -pl action -am package -DskipTests
# Only the modules the jar uses (jdeps), plus jdk.crypto.ec for TLS peers that insist on EC suites on
# runtimes where it is separate; jdk.unsupported (sun.misc.Signal, for SIGTERM) is in jdeps' list.
# (Not /opt/java: the build image's own JDK is /opt/java/openjdk.) bench/cold.sh makes the same runtime.
RUN modules="$(jdeps --ignore-missing-deps -q --multi-release 25 --print-module-deps action/target/chaos.jar)" \
 && echo "runtime modules: ${modules}" \
 && jlink --add-modules "${modules},jdk.crypto.ec" --strip-debug --no-man-pages --no-header-files \
          --compress=zip-6 --output /opt/runtime

FROM ${RUNTIME_IMAGE}
ENV LANG=C.UTF-8
COPY --from=build /opt/runtime /opt/java
COPY --from=build /src/action/target/chaos.jar /opt/chaos/chaos.jar
COPY action/docker/entrypoint.sh /opt/chaos/entrypoint
COPY action/docker/train.sh action/docker/training-experiment.json action/docker/training-kubernetes.json /tmp/training/
# Training runs of the entry point record the classes they load and link into AOT caches (JDK 25, JEP 514/515);
# runs then start in about a third of the time. The JVM loads every class of its cache at start, so there are
# two: one trained on an HTTP probe and process actions, one on the brief's pod termination against
# `chaos sandbox`, which runs meanwhile in a process of its own on the build stage's JDK, with the sandbox's
# jars (both mounted for this step only, so neither is in the image). A cache is only valid for this JVM, this
# jar and these flags: train.sh runs the ENTRYPOINT itself, and entrypoint.sh picks the cache for each run.
RUN --mount=type=bind,from=build,source=/opt/java/openjdk,target=/opt/jdk \
    --mount=type=bind,from=build,source=/src/action/target/chaos-sandbox,target=/tmp/chaos-sandbox \
    sh /tmp/training/train.sh /opt/chaos /opt/jdk/bin/java /tmp/chaos-sandbox \
 && rm -rf /tmp/training
ENTRYPOINT ["/opt/chaos/entrypoint"]
