# syntax=docker/dockerfile:1
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Core/Core.csproj src/Core/
COPY src/Runbooks/Runbooks.csproj src/Runbooks/
COPY src/Bot/Bot.csproj src/Bot/
RUN dotnet restore src/Bot/Bot.csproj
COPY src/ src/
COPY templates/ templates/
RUN dotnet publish src/Bot/Bot.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
# SQLite lives on a volume so incidents survive the container; the image's non-root "app" user owns it.
RUN mkdir /data && chown app:app /data
VOLUME /data
ENV ASPNETCORE_HTTP_PORTS=8080 \
    Database__SqlitePath=/data/incidents.db
EXPOSE 8080
USER app
# The runtime image has no curl: ask /healthz over bash's /dev/tcp.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/8080 && printf "GET /healthz HTTP/1.0\r\nHost: localhost\r\n\r\n" >&3 && head -n1 <&3 | grep -q " 200 "'
ENTRYPOINT ["dotnet", "ChatOpsIncidents.Bot.dll"]
