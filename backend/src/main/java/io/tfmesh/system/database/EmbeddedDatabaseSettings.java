package io.tfmesh.system.database;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded PostgreSQL server that tfmesh starts when no datasource URL is configured.
 *
 * @param port TCP port on localhost, 0 for any free port
 * @param database name of the database tfmesh creates and uses
 * @param watchInterval how often tfmesh checks that the server's postmaster is alive
 * @param restartDelay how long a lost server stays down before it is started again, so that
 * its last backends have exited and released its shared memory
 */
@ConfigurationProperties("tfmesh.embedded-db")
public record EmbeddedDatabaseSettings(@DefaultValue("0") int port, @DefaultValue("tfmesh") String database,
		@DefaultValue("1s") Duration watchInterval, @DefaultValue("1s") Duration restartDelay) {

	@ConstructorBinding
	public EmbeddedDatabaseSettings {
	}

	public EmbeddedDatabaseSettings(int port, String database) {
		this(port, database, Duration.ofSeconds(1), Duration.ofSeconds(1));
	}

}
