package io.tfmesh.system.database;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.util.PSQLState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedPostgresServerIT {

	private static final String INSUFFICIENT_PRIVILEGE = "42501";

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
				Connection connection = connect(server);
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
			try (Connection connection = connect(first)) {
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
				Connection connection = connect(server)) {
			assertThat(connection.isValid(5)).isTrue();
			assertThat(List.of(postgresDir.toFile().list())).contains("postgresql.conf");
		}
	}

	@Test
	void aConnectionWithoutThePasswordIsRefused() throws Exception {
		try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir.resolve("postgres"),
				new EmbeddedDatabaseSettings(0, "tfmesh"))) {
			for (String user : List.of("postgres", "tfmesh")) {
				assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl() + "?user=" + user).close())
					.as("%s without a password", user)
					.isInstanceOfSatisfying(SQLException.class,
							ex -> assertThat(ex.getSQLState()).isEqualTo(PSQLState.CONNECTION_REJECTED.getState()));
				assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), user, "guessed").close())
					.as("%s with a wrong password", user)
					.hasMessageContaining("password authentication failed");
			}
			try (Connection connection = connect(server)) {
				assertThat(connection.isValid(5)).isTrue();
			}
		}
	}

	@Test
	void tfmeshWorksAsARoleThatCannotRunProgramsOrReadServerFiles() throws Exception {
		try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir.resolve("postgres"),
				new EmbeddedDatabaseSettings(0, "tfmesh"));
				Connection connection = connect(server);
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE owned_by_tfmesh (id int)");
			try (ResultSet role = statement
				.executeQuery("SELECT rolsuper, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = current_user")) {
				assertThat(role.next()).isTrue();
				assertThat(List.of(role.getBoolean(1), role.getBoolean(2), role.getBoolean(3))).containsOnly(false);
			}
			assertThatThrownBy(() -> statement.execute("COPY (SELECT 1) TO PROGRAM 'true'"))
				.isInstanceOfSatisfying(SQLException.class,
						ex -> assertThat(ex.getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE))
				.hasMessageContaining("permission denied");
			assertThatThrownBy(() -> statement.execute("SELECT pg_read_file('pg_hba.conf')"))
				.isInstanceOfSatisfying(SQLException.class,
						ex -> assertThat(ex.getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE));
		}
	}

	@Test
	void thePasswordFileAndTheDataDirectoryAreTheOwnersOnly() throws Exception {
		Path postgresDir = dataDir.resolve("postgres");
		try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(postgresDir,
				new EmbeddedDatabaseSettings(0, "tfmesh"))) {
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(postgresDir))).isEqualTo("rwx------");
			Path credentials = postgresDir.resolve(DatabaseCredentials.FILE);
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials)))
				.isEqualTo("rw-------");
			assertThat(Files.readString(credentials)).contains(server.password());
		}
	}

	@Test
	void aDataDirectoryThatTrustedEveryConnectionIsLockedWithItsDataKept() throws Exception {
		Path postgresDir = dataDir.resolve("postgres");
		// what tfmesh created before it set passwords: the library's trust setup, all owned by postgres
		try (EmbeddedPostgres old = EmbeddedPostgres.builder()
			.setDataDirectory(postgresDir)
			.setCleanDataDirectory(false)
			.setPGStartupWait(Duration.ofSeconds(120))
			.start()) {
			try (Connection connection = old.getPostgresDatabase().getConnection();
					Statement statement = connection.createStatement()) {
				statement.execute("CREATE DATABASE tfmesh");
			}
			try (Connection connection = old.getDatabase("postgres", "tfmesh").getConnection();
					Statement statement = connection.createStatement()) {
				statement.execute("CREATE TABLE cloud (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text)");
				statement.execute("CREATE SEQUENCE free_sequence");
				statement.execute("INSERT INTO cloud (name) VALUES ('kept across the upgrade')");
			}
		}

		try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(postgresDir,
				new EmbeddedDatabaseSettings(0, "tfmesh"))) {
			try (Connection connection = connect(server); Statement statement = connection.createStatement()) {
				try (ResultSet rows = statement.executeQuery("SELECT name FROM cloud")) {
					assertThat(rows.next()).isTrue();
					assertThat(rows.getString(1)).isEqualTo("kept across the upgrade");
				}
				// owning the table is what lets migrations alter it
				statement.execute("ALTER TABLE cloud ADD COLUMN note text");
				statement.execute("INSERT INTO cloud (name) VALUES ('written by tfmesh')");
				statement.execute("SELECT nextval('free_sequence')");
				assertThatThrownBy(() -> statement.execute("COPY (SELECT 1) TO PROGRAM 'true'"))
					.isInstanceOfSatisfying(SQLException.class,
							ex -> assertThat(ex.getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE));
			}
			assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl() + "?user=postgres").close())
				.as("the superuser without a password")
				.isInstanceOf(SQLException.class);
		}
	}

	private static Connection connect(EmbeddedPostgresServer server) throws SQLException {
		return DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
	}

}
