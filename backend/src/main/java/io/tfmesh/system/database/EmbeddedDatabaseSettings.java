package io.tfmesh.system.database;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded PostgreSQL server that tfmesh starts when no datasource URL is configured.
 *
 * @param port TCP port on localhost, 0 for any free port
 * @param database name of the database tfmesh creates and uses
 */
@ConfigurationProperties("tfmesh.embedded-db")
public record EmbeddedDatabaseSettings(@DefaultValue("0") int port, @DefaultValue("tfmesh") String database) {
}
