# syntax=docker/dockerfile:1
# docker build -t chatops-incidents . && docker run -p 8080:8080 -v chatops-data:/data --env-file bot.env chatops-incidents
FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# The image's architecture (docker sets it: amd64, arm64): the publish is ReadyToRun for it, and carries its native SQLite.
ARG TARGETARCH
WORKDIR /src
# Restore first, from the project files only, so the layer is reused until a package changes.
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Core/Core.csproj src/Core/
COPY src/Runbooks/Runbooks.csproj src/Runbooks/
COPY src/Bot/Bot.csproj src/Bot/
RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages dotnet restore src/Bot/Bot.csproj -a "$TARGETARCH"
COPY src/ src/
COPY runbooks/ runbooks/
COPY templates/ templates/
RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages \
    dotnet publish src/Bot/Bot.csproj -c Release --no-restore -a "$TARGETARCH" --self-contained false \
        -p:PublishReadyToRun=true -p:UseAppHost=false -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
# SQLite lives on a volume so incidents survive the container; the image's non-root "app" user ($APP_UID) owns it, alone.
RUN mkdir -m 700 /data && chown "$APP_UID:$APP_UID" /data
VOLUME /data
COPY --from=build --chown=root:root /app .
# MALLOC_ARENA_MAX: glibc gives busy threads malloc arenas of their own (up to 8 per core); two keep the native heap smaller
# (a few MiB less at the storm benchmark's peak, bench/README.md "Quiet machine after stop 30").
ENV ASPNETCORE_HTTP_PORTS=8080 \
    Database__SqlitePath=/data/incidents.db \
    DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    MALLOC_ARENA_MAX=2
EXPOSE 8080
# Numeric, so Kubernetes' runAsNonRoot can verify it.
USER $APP_UID
# The runtime image has no curl or wget: ask /healthz over bash's /dev/tcp (deploy tests run this very command).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${ASPNETCORE_HTTP_PORTS%%[,;]*} && printf 'GET /healthz HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["dotnet", "ChatOpsIncidents.Bot.dll"]
