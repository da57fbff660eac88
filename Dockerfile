# Built from the production jar that `./mvnw package -DskipTests` leaves in backend/target.
# The jar's layers (dependencies, loader, snapshot dependencies, application) become image
# layers of their own, so a new tfmesh build changes only the small application layer.
FROM eclipse-temurin:17-jre AS layers
WORKDIR /build
COPY backend/target/tfmesh.jar tfmesh.jar
RUN java -Djarmode=tools -jar tfmesh.jar extract --layers --launcher --destination extracted

FROM eclipse-temurin:17-jre
RUN useradd --system --home-dir /var/lib/tfmesh tfmesh && mkdir -p /var/lib/tfmesh && chown tfmesh /var/lib/tfmesh
COPY --from=layers /build/extracted/dependencies/ /opt/tfmesh/
COPY --from=layers /build/extracted/spring-boot-loader/ /opt/tfmesh/
COPY --from=layers /build/extracted/snapshot-dependencies/ /opt/tfmesh/
COPY --from=layers /build/extracted/application/ /opt/tfmesh/
USER tfmesh
WORKDIR /var/lib/tfmesh
ENV TFMESH_DATA_DIR=/var/lib/tfmesh
# the heap follows the container's memory limit; a JVM out of memory exits so the runtime restarts it
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=70 -XX:+ExitOnOutOfMemoryError"
EXPOSE 8080
# bash's /dev/tcp: the JRE image has no HTTP client, and a JVM per check would cost more than tfmesh
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /actuator/health HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && grep -q '\"status\":\"UP\"' <&3"]
ENTRYPOINT ["java", "-cp", "/opt/tfmesh", "org.springframework.boot.loader.launch.JarLauncher"]
