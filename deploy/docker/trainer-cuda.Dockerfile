# syntax=docker/dockerfile:1
# GPU trainer image: dataset builds, training epochs and evaluation on one NVIDIA GPU
# (`seqtune worker --queues seqtune-gpu --device gpu`). Build from the repository root:
#   docker build -f deploy/docker/trainer-cuda.Dockerfile -t seqtune/trainer-cuda:0.1.0 .
# The build needs network access (Maven Central, publish.djl.ai); the image then runs offline.
# Needs a host driver for CUDA 12.8 (R570 or newer) and the NVIDIA Container Toolkit.

# Must match pytorch.version in the root pom.xml (DJL's libtorch for pytorch-jni 2.7.1-0.36.0).
ARG PYTORCH_VERSION=2.7.1

FROM maven:3.9.11-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 mvn -B -q -DskipTests package \
 && javac -d /engine-check -cp 'workers/target/lib/*' deploy/docker/DjlEngineCheck.java

# Temurin's JRE, copied onto the CUDA base below (Temurin publishes no CUDA images).
FROM eclipse-temurin:17.0.16_8-jre-noble AS jre

FROM nvidia/cuda:12.8.1-runtime-ubuntu24.04
ARG PYTORCH_VERSION
# PYTORCH_FLAVOR=cu128 makes DJL use its CUDA 12.8 libtorch instead of auto-detecting (there is
# no GPU while the image builds). DJL_CACHE_DIR is where that libtorch is stored.
ENV JAVA_HOME=/opt/java/openjdk \
    PATH=/opt/java/openjdk/bin:${PATH} \
    PYTORCH_VERSION=${PYTORCH_VERSION} \
    PYTORCH_FLAVOR=cu128 \
    DJL_CACHE_DIR=/opt/djl \
    SEQTUNE_HOME=/var/lib/seqtune
COPY --from=jre /opt/java/openjdk /opt/java/openjdk
RUN groupadd --system --gid 10001 seqtune \
 && useradd --system --uid 10001 --gid seqtune --home-dir /var/lib/seqtune seqtune \
 && install -d -o seqtune -g seqtune /opt/djl /var/lib/seqtune
COPY --from=build /src/workers/target/seqtune.jar /app/seqtune.jar
COPY --from=build /src/workers/target/lib/ /app/lib/
# DJL prefers a libtorch found on the classpath over any other: without the CPU one it takes
# PYTORCH_FLAVOR from the cache (the jar's manifest still names it; the JVM skips missing entries).
RUN rm /app/lib/pytorch-native-cpu-*.jar
COPY --from=build /engine-check /opt/engine-check

USER 10001
# Workers run with -Dai.djl.offline=true, so the CUDA libtorch (~2.5 GB) is downloaded into
# DJL_CACHE_DIR now. Loading it may fail here for want of a driver, hence --download-only; the
# file test is what proves the download (DJL falls back to CPU when no cu128 build exists).
RUN java -cp '/app/lib/*:/opt/engine-check' DjlEngineCheck --download-only \
 && test -f /opt/djl/pytorch/${PYTORCH_VERSION}-cu128-linux-x86_64/libtorch_cuda.so
WORKDIR /var/lib/seqtune
EXPOSE 9464
# The heap takes at most 40% of the container's memory: libtorch's host-side buffers and
# checkpoint serialisation of 1.3B-parameter models live outside it.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=40", "-Dai.djl.offline=true", "-jar", "/app/seqtune.jar"]
CMD ["worker", "--queues", "seqtune-gpu", "--device", "gpu"]
