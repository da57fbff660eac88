package io.tfmesh.system.database;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Locks a data directory before its server starts: password (SCRAM) authentication for every
 * connection, a generated superuser password, and an unprivileged role for tfmesh. A directory
 * written by an earlier tfmesh, which trusted every local connection, is converted the same way:
 * the passwords are set in single-user mode, so the server never listens while it trusts.
 */
final class ServerLockdown {

	static final String APPLICATION_ROLE = "tfmesh";

	static final String SUPERUSER = "postgres";

	private static final Logger log = LoggerFactory.getLogger(ServerLockdown.class);

	private static final String HBA = """
			# Written by tfmesh at every start: every connection authenticates with its password (SCRAM).
			# TYPE  DATABASE  USER  ADDRESS       METHOD
			local   all       all                 scram-sha-256
			host    all       all   127.0.0.1/32  scram-sha-256
			host    all       all   ::1/128       scram-sha-256
			""";

	private final PostgresBinaries binaries;

	ServerLockdown(PostgresBinaries binaries) {
		this.binaries = binaries;
	}

	/** The passwords of this data directory, generated and set on the first start after initdb or an upgrade. */
	DatabaseCredentials credentials(Path dataDirectory) {
		return DatabaseCredentials.read(dataDirectory).orElseGet(DatabaseCredentials::generate);
	}

	void apply(Path dataDirectory, DatabaseCredentials credentials) {
		try {
			Files.setPosixFilePermissions(dataDirectory, PosixFilePermissions.fromString("rwx------"));
			if (DatabaseCredentials.read(dataDirectory).isEmpty()) {
				log.info("Setting the passwords of the embedded PostgreSQL in {}", dataDirectory);
				setPasswords(dataDirectory, credentials);
				credentials.write(dataDirectory);
			}
			Files.writeString(dataDirectory.resolve("pg_hba.conf"), HBA, StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot lock the embedded PostgreSQL in " + dataDirectory, ex);
		}
	}

	private void setPasswords(Path dataDirectory, DatabaseCredentials credentials) throws IOException {
		List<String> command = new ArrayList<>(binaries.command("postgres"));
		command.addAll(List.of("--single", "-D", dataDirectory.toString(), "-F", "-c", "exit_on_error=true", "-c",
				"password_encryption=scram-sha-256",
				// a failing statement is never logged, since it holds a password
				"-c", "log_min_error_statement=panic", SUPERUSER));
		Process postgres = new ProcessBuilder(command).redirectErrorStream(true).start();
		// one statement per line: single-user mode ends a statement at a newline
		String statements = "ALTER ROLE " + SUPERUSER + " PASSWORD '" + credentials.superuserPassword() + "'\n"
				+ "DO $$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + APPLICATION_ROLE
				+ "') THEN CREATE ROLE " + APPLICATION_ROLE + "; END IF; END$$\n" + "ALTER ROLE " + APPLICATION_ROLE
				+ " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD '"
				+ credentials.applicationPassword() + "'\n";
		try (OutputStream input = postgres.getOutputStream()) {
			input.write(statements.getBytes(StandardCharsets.US_ASCII));
		}
		String output = new String(postgres.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		try {
			if (!postgres.waitFor(120, TimeUnit.SECONDS)) {
				postgres.destroyForcibly();
				throw new IllegalStateException("PostgreSQL in single-user mode did not finish in " + dataDirectory);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while setting the database passwords", ex);
		}
		if (postgres.exitValue() != 0) {
			throw new IllegalStateException("Cannot set the passwords of the embedded PostgreSQL in " + dataDirectory
					+ " (exit " + postgres.exitValue() + "): " + output.strip());
		}
	}

}
