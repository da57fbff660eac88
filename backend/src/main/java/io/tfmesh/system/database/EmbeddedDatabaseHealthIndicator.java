package io.tfmesh.system.database;

import javax.sql.DataSource;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.jdbc.health.DataSourceHealthIndicator;

/**
 * The {@code db} health of the embedded server: DOWN at once while its postmaster is gone,
 * instead of after the connection pool's timeout; otherwise the usual query on a connection.
 */
class EmbeddedDatabaseHealthIndicator implements HealthIndicator {

	private final EmbeddedPostgresServer server;

	private final DataSourceHealthIndicator query;

	EmbeddedDatabaseHealthIndicator(EmbeddedPostgresServer server, DataSource dataSource) {
		this.server = server;
		this.query = new DataSourceHealthIndicator(dataSource);
	}

	@Override
	public Health health() {
		if (!server.isAvailable()) {
			return Health.down()
				.withDetail("database", "PostgreSQL")
				.withDetail("error", "the embedded PostgreSQL is not running; tfmesh is starting it again")
				.build();
		}
		return query.health();
	}

}
