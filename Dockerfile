# The mcp-atlassian container image: the compiled Linux binary, nothing else of the project.
#
# Build (BuildKit) after compiling the Linux binaries into dist/:
#   deno task compile -- --target x86_64-unknown-linux-gnu
#   deno task compile -- --target aarch64-unknown-linux-gnu
#   docker buildx build --platform linux/amd64,linux/arm64 -t mcp-atlassian .
# A single-platform build needs only the binary of its own architecture.
#
# Base: Debian 12 slim, pinned by its dated tag and digest. The binary (`deno compile`) links glibc
# and libgcc_s, which rules out scratch, distroless/static, Alpine (musl) and BusyBox; it has no
# health-check client mode, and distroless/cc (glibc + libgcc_s) has no HTTP client at all.
# Debian slim has both libraries and bash, whose /dev/tcp sends the HEALTHCHECK's GET /healthz
# without installing curl or wget (the same base as Deno's own Debian image).

# One stage per architecture; BuildKit builds only the one TARGETARCH names (amd64, arm64).
FROM scratch AS binary-amd64
COPY dist/mcp-atlassian-x86_64-unknown-linux-gnu /mcp-atlassian

FROM scratch AS binary-arm64
COPY dist/mcp-atlassian-aarch64-unknown-linux-gnu /mcp-atlassian

FROM binary-${TARGETARCH} AS binary

FROM debian:bookworm-20250811-slim@sha256:b1a741487078b369e78119849663d7f1a5341ef2768798f7b7406c4240f86aef

# The same user name and home folder as the Python image (ghcr.io/sooperset/mcp-atlassian), so a
# volume on /home/app/.mcp-atlassian keeps the OAuth token file of --oauth-setup.
RUN useradd --uid 10001 --user-group --create-home --home-dir /home/app --shell /usr/sbin/nologin app \
    && install -d -o app -g app -m 0700 /home/app/.mcp-atlassian

COPY --from=binary --chmod=0755 /mcp-atlassian /usr/local/bin/mcp-atlassian

# Numeric, so that Kubernetes' runAsNonRoot can verify it.
USER 10001:10001
WORKDIR /home/app

EXPOSE 8000

# A non-200 answer, a refused connection or no answer within 4 s is unhealthy. It checks port
# 8000: with another --port or --transport stdio, override it (or run with --no-healthcheck).
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8000 && printf 'GET /healthz HTTP/1.0\\r\\nHost: 127.0.0.1\\r\\n\\r\\n' >&3 && read -r -t 4 _ code _ <&3 && [ \"$code\" = 200 ]"]

ENTRYPOINT ["/usr/local/bin/mcp-atlassian"]
# Inside a container the server must listen on all interfaces to be reachable through a published
# port or a Service; outside containers it binds 127.0.0.1 (see README, "Container").
CMD ["--transport", "streamable-http", "--host", "0.0.0.0", "--port", "8000"]
