# The Steward image: the `steward` CLI, which runs as a worker by default.
#   docker build -t steward .
#   docker run --rm -e TEMPORAL_ADDRESS=temporal:7233 steward            # a worker
#   docker run --rm -e TEMPORAL_ADDRESS=temporal:7233 steward list       # any other command
# Build with BuildKit (the default builder of Docker 23+ and of docker compose).

# The bytecode is release 17, so a JDK 17 builds it; the runtime below is newer.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src

# Dependencies first, so that a source change does not download the world again. This layer needs
# the parent POM and the POM of every <module> it lists; a missing one fails the step.
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY proto/pom.xml proto/
COPY payloads/pom.xml payloads/
COPY connection/pom.xml connection/
COPY network/pom.xml network/
COPY workflows/pom.xml workflows/
COPY activities/pom.xml activities/
COPY worker/pom.xml worker/
COPY client/pom.xml client/
COPY gateway/pom.xml gateway/
COPY cli/pom.xml cli/
COPY bench/pom.xml bench/
# Why not dependency:go-offline: it resolves every dependency of every module from repositories,
# each as a root whose POM and jar it downloads, the modules' own artifacts (dev.steward:*) included,
# and those are in no repository (maven-dependency-plugin 3.8.1 applies -DexcludeGroupIds to none of
# that). Packaging the POM-only reactor instead resolves every dependency and plugin the real build
# uses, finds the modules in the reactor, and only makes empty jars, which are removed at once.
RUN ./mvnw -B -q package -DskipTests && rm -rf ./*/target

COPY . .
RUN ./mvnw -B -q package -DskipTests

# Virtual threads (used for workflow threads when present) need Java 21 or later.
FROM eclipse-temurin:21-jre-noble
WORKDIR /opt/steward

# The steward user owns its home and the blob directory. Large payloads (over 128 KiB) are written
# to STEWARD_BLOB_DIR, so it must be writable, and shared by every process that reads the agents:
# docker-compose.yml bind-mounts the host's ./.steward/blobs here. Build with STEWARD_UID/GID equal
# to the host user's (id -u, id -g) so both sides can write there; Ubuntu's own 'ubuntu' user holds
# uid 1000, so it makes room.
ARG STEWARD_UID=1000
ARG STEWARD_GID=1000
RUN set -eux; \
    if id -u ubuntu >/dev/null 2>&1; then userdel ubuntu; fi; \
    if getent group ubuntu >/dev/null; then groupdel ubuntu; fi; \
    if ! getent group "$STEWARD_GID" >/dev/null; then groupadd --gid "$STEWARD_GID" steward; fi; \
    useradd --uid "$STEWARD_UID" --gid "$STEWARD_GID" --home-dir /var/lib/steward --shell /usr/sbin/nologin steward; \
    mkdir -p /var/lib/steward/blobs; \
    chown -R "$STEWARD_UID:$STEWARD_GID" /var/lib/steward
ENV STEWARD_BLOB_DIR=/var/lib/steward/blobs
VOLUME /var/lib/steward/blobs

COPY --from=build /src/cli/target/steward-cli-*.jar steward-cli.jar
COPY --from=build /src/cli/target/lib lib
COPY examples examples
COPY --chmod=755 docker/healthcheck.sh /usr/local/bin/steward-healthcheck

USER steward
# For the default command, a worker; docker-compose.yml gives the gateway its own. What each checks:
# docker/healthcheck.sh.
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 CMD ["steward-healthcheck", "worker"]
ENTRYPOINT ["java", "-cp", "/opt/steward/steward-cli.jar:/opt/steward/lib/*", "dev.steward.cli.StewardCli"]
CMD ["worker"]
