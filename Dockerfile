# The Steward image: the `steward` CLI, which runs as a worker by default.
#   docker build -t steward .
#   docker run --rm -e TEMPORAL_ADDRESS=temporal:7233 steward            # a worker
#   docker run --rm -e TEMPORAL_ADDRESS=temporal:7233 steward list       # any other command

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
# Dependencies first, so a source change does not download the world again.
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY proto/pom.xml proto/
COPY connection/pom.xml connection/
COPY workflows/pom.xml workflows/
COPY activities/pom.xml activities/
COPY worker/pom.xml worker/
COPY client/pom.xml client/
COPY gateway/pom.xml gateway/
COPY cli/pom.xml cli/
RUN ./mvnw -q -B dependency:go-offline -DexcludeGroupIds=dev.steward || true
COPY . .
RUN ./mvnw -q -B install -DskipTests

FROM eclipse-temurin:17-jre
WORKDIR /opt/steward
COPY --from=build /src/cli/target/steward-cli-*.jar steward-cli.jar
COPY --from=build /src/cli/target/lib lib
COPY examples examples
RUN useradd --system --home /opt/steward steward
USER steward
ENTRYPOINT ["java", "-cp", "/opt/steward/steward-cli.jar:/opt/steward/lib/*", "dev.steward.cli.StewardCli"]
CMD ["worker"]
