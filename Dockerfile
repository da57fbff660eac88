# Built from the jar that `./mvnw package` leaves in backend/target.
FROM eclipse-temurin:17-jre
RUN useradd --system --home-dir /var/lib/tfmesh tfmesh && mkdir -p /var/lib/tfmesh && chown tfmesh /var/lib/tfmesh
USER tfmesh
WORKDIR /var/lib/tfmesh
COPY backend/target/tfmesh.jar /opt/tfmesh/tfmesh.jar
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/opt/tfmesh/tfmesh.jar"]
