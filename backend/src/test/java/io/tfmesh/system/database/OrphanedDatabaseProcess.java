package io.tfmesh.system.database;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * Runs in a separate JVM that the test kills with SIGKILL, leaving its PostgreSQL server
 * running without an owner, as a crashed tfmesh would.
 */
public final class OrphanedDatabaseProcess {

	private OrphanedDatabaseProcess() {
	}

	public static void main(String[] args) throws Exception {
		EmbeddedPostgresServer server = EmbeddedPostgresServer.start(Path.of(args[0]),
				new EmbeddedDatabaseSettings(0, "tfmesh"));
		try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.username(),
				server.password());
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE survivor (note text)");
			statement.execute("INSERT INTO survivor VALUES ('written before the crash')");
		}
		System.out.println("READY");
		System.out.flush();
		System.in.read();
	}

}
