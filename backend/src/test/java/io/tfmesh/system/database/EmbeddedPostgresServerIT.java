package io.tfmesh.system.database;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedPostgresServerIT {

	@TempDir
	Path dataDir;

	@Test
	void aKilledTfmeshLeavesADatabaseTheNextStartTakesOver() throws Exception {
		Path postgresDir = dataDir.resolve("postgres");
		Process crashing = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), OrphanedDatabaseProcess.class.getName(), postgresDir.toString())
			.redirectErrorStream(true)
			.start();
		try (BufferedReader output = new BufferedReader(
				new InputStreamReader(crashing.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			do {
				line = output.readLine();
			}
			while (line != null && !line.equals("READY"));
			assertThat(line).as("the child process started its database").isEqualTo("READY");
		}
		crashing.destroyForcibly();
		assertThat(crashing.waitFor(30, TimeUnit.SECONDS)).isTrue();
		long orphanPid = Long.parseLong(Files.readAllLines(postgresDir.resolve("postmaster.pid")).get(0).trim());
		assertThat(ProcessHandle.of(orphanPid)).as("postgres outlived the killed JVM").isPresent();

		try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(postgresDir,
				new EmbeddedDatabaseSettings(0, "tfmesh"));
				Connection connection = DriverManager.getConnection(server.jdbcUrl());
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT note FROM survivor")) {
			assertThat(rows.next()).isTrue();
			assertThat(rows.getString(1)).isEqualTo("written before the crash");
			assertThat(ProcessHandle.of(orphanPid).filter(ProcessHandle::isAlive)).isEmpty();
		}
	}

	@Test
	void aSecondServerOnTheSameDataDirectoryIsRefused() throws Exception {
		Path postgresDir = dataDir.resolve("postgres");
		try (EmbeddedPostgresServer first = EmbeddedPostgresServer.start(postgresDir,
				new EmbeddedDatabaseSettings(0, "tfmesh"))) {
			assertThatThrownBy(() -> EmbeddedPostgresServer.start(postgresDir, new EmbeddedDatabaseSettings(0, "tfmesh")))
				.hasMessageContaining("used by another running tfmesh");
			try (Connection connection = DriverManager.getConnection(first.jdbcUrl())) {
				assertThat(connection.isValid(5)).isTrue();
			}
		}
	}

	@Test
	void anInterruptedFirstInitdbIsCleanedUp() throws Exception {
		Path postgresDir = dataDir.resolve("postgres");
		Files.createDirectories(postgresDir.resolve("base"));
		Files.writeString(postgresDir.resolve("PG_VERSION"), "17\n");
		try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(postgresDir,
				new EmbeddedDatabaseSettings(0, "tfmesh"));
				Connection connection = DriverManager.getConnection(server.jdbcUrl())) {
			assertThat(connection.isValid(5)).isTrue();
			assertThat(List.of(postgresDir.toFile().list())).contains("postgresql.conf");
		}
	}

}
