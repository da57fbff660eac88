package io.tfmesh.system.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL 17 server whose data directory outlives the process, so the inventory
 * survives restarts of tfmesh.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

	static final String SUPERUSER = "postgres";

	private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

	private static final Duration ORPHAN_STOP_TIMEOUT = Duration.ofSeconds(60);

	private final EmbeddedPostgres postgres;

	private final String database;

	private EmbeddedPostgresServer(EmbeddedPostgres postgres, String database) {
		this.postgres = postgres;
		this.database = database;
	}

	static EmbeddedPostgresServer start(Path dataDirectory, EmbeddedDatabaseSettings settings) {
		try {
			Files.createDirectories(dataDirectory);
			ensureNotInUse(dataDirectory);
			stopOrphanedPostmaster(dataDirectory);
			clearUnfinishedInitdb(dataDirectory);
			EmbeddedPostgres postgres = EmbeddedPostgres.builder()
				.setDataDirectory(dataDirectory)
				.setCleanDataDirectory(false)
				.setPort(settings.port())
				.setPGStartupWait(Duration.ofSeconds(120))
				// the library's defaults favour throw-away test databases; this one keeps real data
				.setServerConfig("fsync", "on")
				.setServerConfig("synchronous_commit", "on")
				.setServerConfig("listen_addresses", "localhost")
				.setServerConfig("max_connections", "100")
				.start();
			EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres, settings.database());
			server.createDatabaseIfMissing();
			log.info("Embedded PostgreSQL serves {} from {}", server.jdbcUrl(), dataDirectory);
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start the embedded PostgreSQL in " + dataDirectory, ex);
		}
	}

	public String jdbcUrl() {
		return postgres.getJdbcUrl(SUPERUSER, database);
	}

	public int port() {
		return postgres.getPort();
	}

	@Override
	public void close() throws IOException {
		postgres.close();
	}

	private void createDatabaseIfMissing() {
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
			exists.setString(1, database);
			try (ResultSet rows = exists.executeQuery()) {
				if (rows.next()) {
					return;
				}
			}
			try (Statement create = connection.createStatement()) {
				create.execute("CREATE DATABASE \"" + database.replace("\"", "\"\"") + "\"");
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot create database " + database, ex);
		}
	}

	/**
	 * The library holds a file lock for as long as its server runs; a lock we cannot take
	 * means another live tfmesh owns this data directory.
	 */
	private static void ensureNotInUse(Path dataDirectory) throws IOException {
		Path lockFile = dataDirectory.resolve("epg-lock");
		if (!Files.exists(lockFile)) {
			return;
		}
		try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
			FileLock lock = channel.tryLock();
			if (lock == null) {
				throw inUse(dataDirectory);
			}
			lock.release();
		}
		catch (OverlappingFileLockException ex) {
			// the holder is this very JVM
			throw inUse(dataDirectory);
		}
	}

	private static IllegalStateException inUse(Path dataDirectory) {
		return new IllegalStateException("The data directory " + dataDirectory
				+ " is used by another running tfmesh; stop it or choose another TFMESH_DATA_DIR");
	}

	/**
	 * A tfmesh that was killed leaves its postmaster running, which would refuse a new
	 * server on the same data directory; stop it the way pg_ctl does (SIGINT, fast shutdown).
	 */
	private static void stopOrphanedPostmaster(Path dataDirectory) throws IOException {
		Optional<ProcessHandle> orphan = postmasterPid(dataDirectory).flatMap(ProcessHandle::of)
			.filter(ProcessHandle::isAlive)
			// after a reboot the pid may belong to an unrelated process
			.filter(process -> process.info().command().map(command -> command.contains("postgres")).orElse(false));
		if (orphan.isEmpty()) {
			return;
		}
		ProcessHandle postmaster = orphan.get();
		log.warn("Stopping PostgreSQL {} left running on {} by an earlier tfmesh", postmaster.pid(), dataDirectory);
		signal(postmaster.pid(), "INT");
		try {
			postmaster.onExit().get(ORPHAN_STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while stopping PostgreSQL " + postmaster.pid(), ex);
		}
		catch (Exception ex) {
			throw new IllegalStateException("PostgreSQL " + postmaster.pid() + " on " + dataDirectory
					+ " did not stop within " + ORPHAN_STOP_TIMEOUT.toSeconds() + "s", ex);
		}
	}

	/**
	 * initdb refuses a non-empty directory; one without postgresql.conf holds no database yet,
	 * only what an interrupted first start left behind.
	 */
	private static void clearUnfinishedInitdb(Path dataDirectory) throws IOException {
		if (Files.exists(dataDirectory.resolve("postgresql.conf"))) {
			return;
		}
		try (var entries = Files.walk(dataDirectory)) {
			List<Path> leftovers = entries.filter(path -> !path.equals(dataDirectory))
				.sorted(Comparator.reverseOrder())
				.toList();
			for (Path leftover : leftovers) {
				Files.delete(leftover);
			}
		}
	}

	private static Optional<Long> postmasterPid(Path dataDirectory) throws IOException {
		Path pidFile = dataDirectory.resolve("postmaster.pid");
		if (!Files.isRegularFile(pidFile)) {
			return Optional.empty();
		}
		String firstLine = Files.readAllLines(pidFile, StandardCharsets.US_ASCII).stream().findFirst().orElse("");
		try {
			return Optional.of(Long.parseLong(firstLine.trim()));
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

	private static void signal(long pid, String signal) throws IOException {
		Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
		try {
			kill.waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
