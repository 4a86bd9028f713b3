# syntax=docker/dockerfile:1
# CPU worker image: workflows and light activities (`seqtune worker --queues seqtune-pipeline`).
# Build from the repository root; a plain clone is enough, Maven runs in the first stage:
#   docker build -f deploy/docker/worker.Dockerfile -t seqtune/worker:0.1.0 .

FROM maven:3.9.11-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# Leaves workers/target/seqtune.jar and workers/target/lib/ exactly as a local
# `mvn -B -DskipTests package` does; the cache mount keeps ~/.m2 between builds.
RUN --mount=type=cache,target=/root/.m2 mvn -B -q -DskipTests package

FROM eclipse-temurin:17.0.16_8-jre-noble
# The CPU libtorch ships inside lib/ (pytorch-native-cpu): DJL copies it to DJL_CACHE_DIR on the
# first start (~430 MB, a few seconds) and downloads nothing. SEQTUNE_HOME is local scratch only;
# everything durable goes to S3.
ENV DJL_CACHE_DIR=/opt/djl \
    SEQTUNE_HOME=/var/lib/seqtune
RUN groupadd --system --gid 10001 seqtune \
 && useradd --system --uid 10001 --gid seqtune --home-dir /var/lib/seqtune seqtune \
 && install -d -o seqtune -g seqtune /opt/djl /var/lib/seqtune
COPY --from=build /src/workers/target/seqtune.jar /app/seqtune.jar
COPY --from=build /src/workers/target/lib/ /app/lib/
USER 10001
WORKDIR /var/lib/seqtune
EXPOSE 9464
# -Dai.djl.offline=true turns any attempted download into an immediate error. The heap takes at
# most half the container's memory: libtorch allocates its tensors outside the heap.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=50", "-Dai.djl.offline=true", "-jar", "/app/seqtune.jar"]
CMD ["worker", "--queues", "seqtune-pipeline"]
