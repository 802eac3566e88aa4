# Multi-stage build of the native gramlab binary: build + test with the release preset,
# then a runtime stage holding only the binary.
FROM debian:bookworm-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates npm nodejs \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN scripts/setup.sh && cmake --preset release && cmake --build --preset release && ctest --preset release

FROM debian:bookworm-slim
COPY --from=build /src/build/release/server/gramlab /usr/local/bin/gramlab
ENTRYPOINT ["/usr/local/bin/gramlab"]
CMD ["help"]
