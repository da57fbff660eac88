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
 * survives restarts of tfmesh. Every connection needs a password; tfmesh works as a role that
 * owns its database and nothing else, and a server that stops underneath tfmesh is started
 * again on the same port.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

	private static final Duration ORPHAN_STOP_TIMEOUT = Duration.ofSeconds(60);

	private static final Duration FIRST_STARTUP_WAIT = Duration.ofSeconds(120);

	private static final Duration RESTART_WAIT = Duration.ofSeconds(30);

	/**
	 * Tables, views and free-standing sequences of the public schema not yet owned by tfmesh's
	 * role; indexes and the sequences of identity and serial columns follow their table.
	 */
	private static final String HAND_OVER_OBJECTS = """
			DO $$
			DECLARE
				object record;
			BEGIN
				ALTER SCHEMA public OWNER TO APPLICATION_ROLE;
				FOR object IN
					SELECT c.oid::regclass AS name,
						CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW'
							WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END AS kind
					FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
					WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
						AND pg_get_userbyid(c.relowner) <> 'APPLICATION_ROLE'
						AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
							AND d.objid = c.oid AND d.deptype IN ('a', 'i'))
				LOOP
					EXECUTE format('ALTER %s %s OWNER TO APPLICATION_ROLE', object.kind, object.name);
				END LOOP;
			END $$""";

	private final Path dataDirectory;

	private final String database;

	private final int port;

	private final DatabaseCredentials credentials;

	private volatile EmbeddedPostgres postgres;

	private volatile Optional<ProcessHandle> postmaster;

	private volatile boolean closed;

	private EmbeddedPostgresServer(Path dataDirectory, String database, EmbeddedPostgres postgres,
			DatabaseCredentials credentials) {
		this.dataDirectory = dataDirectory;
		this.database = database;
		this.postgres = postgres;
		this.port = postgres.getPort();
		this.credentials = credentials;
		this.postmaster = findPostmaster(dataDirectory);
	}

	static EmbeddedPostgresServer start(Path dataDirectory, EmbeddedDatabaseSettings settings) {
		try {
			Files.createDirectories(dataDirectory);
			ensureNotInUse(dataDirectory);
			stopOrphanedPostmaster(dataDirectory);
			clearUnfinishedInitdb(dataDirectory);
			ServerLockdown lockdown = new ServerLockdown(PostgresBinaries.INSTANCE);
			DatabaseCredentials credentials = lockdown.credentials(dataDirectory);
			EmbeddedPostgres postgres = launch(dataDirectory, settings.port(), credentials, lockdown,
					FIRST_STARTUP_WAIT);
			EmbeddedPostgresServer server = new EmbeddedPostgresServer(dataDirectory, settings.database(), postgres,
					credentials);
			server.prepareDatabase();
			log.info("Embedded PostgreSQL serves {} from {}", server.jdbcUrl(), dataDirectory);
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start the embedded PostgreSQL in " + dataDirectory, ex);
		}
	}

	private static EmbeddedPostgres launch(Path dataDirectory, int port, DatabaseCredentials credentials,
			ServerLockdown lockdown, Duration startupWait) throws IOException {
		return EmbeddedPostgres.builder()
			.setPgBinaryResolver(PostgresBinaries.INSTANCE)
			.setOverrideWorkingDirectory(PostgresBinaries.workingDirectory())
			.setDataDirectory(dataDirectory)
			.setCleanDataDirectory(false)
			.setPort(port)
			.setPGStartupWait(startupWait)
			// after initdb and before the server first listens, so it never trusts a connection
			.setDataDirectoryCustomizer(directory -> lockdown.apply(directory.toPath(), credentials))
			// the library's readiness check connects as the superuser
			.setConnectConfig("password", credentials.superuserPassword())
			// the library's defaults favour throw-away test databases; this one keeps real data
			.setServerConfig("fsync", "on")
			.setServerConfig("synchronous_commit", "on")
			.setServerConfig("listen_addresses", "localhost")
			.setServerConfig("max_connections", "100")
			.setServerConfig("password_encryption", "scram-sha-256")
			.start();
	}

	/** JDBC URL of tfmesh's database, without credentials. */
	public String jdbcUrl() {
		return "jdbc:postgresql://localhost:" + port + "/" + database;
	}

	/** The unprivileged role tfmesh connects as. */
	public String username() {
		return ServerLockdown.APPLICATION_ROLE;
	}

	public String password() {
		return credentials.applicationPassword();
	}

	public int port() {
		return port;
	}

	/** Process id of the postmaster, as PostgreSQL records it in its data directory. */
	public Optional<Long> postmasterPid() {
		return postmaster.map(ProcessHandle::pid);
	}

	/**
	 * Whether the postmaster this server started is alive: cheap enough to ask on every request,
	 * and false from the moment the server is lost until it runs again.
	 */
	public boolean isAvailable() {
		return !closed && postmaster.map(ProcessHandle::isAlive).orElse(false);
	}

	/**
	 * Starts the server again after its postmaster is gone (killed, or crashed), on the same port
	 * so that connection pools reach it again.
	 * @return whether the server runs again
	 */
	synchronized boolean restart() {
		if (closed) {
			return false;
		}
		if (isAvailable()) {
			return true;
		}
		log.warn("Starting the embedded PostgreSQL in {} again", dataDirectory);
		try {
			postgres.close();
		}
		catch (IOException | RuntimeException ex) {
			log.debug("Releasing the stopped server", ex);
		}
		try {
			postgres = launch(dataDirectory, port, credentials, new ServerLockdown(PostgresBinaries.INSTANCE),
					RESTART_WAIT);
			postmaster = findPostmaster(dataDirectory);
			log.warn("The embedded PostgreSQL in {} runs again on port {}", dataDirectory, port);
			return true;
		}
		catch (IOException | RuntimeException ex) {
			log.error("Cannot start the embedded PostgreSQL in {} again", dataDirectory, ex);
			return false;
		}
	}

	private static Optional<ProcessHandle> findPostmaster(Path dataDirectory) {
		try {
			return postmasterPid(dataDirectory).flatMap(ProcessHandle::of);
		}
		catch (IOException ex) {
			log.warn("Cannot read the postmaster's process id in {}", dataDirectory, ex);
			return Optional.empty();
		}
	}

	@Override
	public synchronized void close() throws IOException {
		closed = true;
		postgres.close();
	}

	/**
	 * Creates tfmesh's database owned by its own role, and hands over what an earlier tfmesh
	 * created as the superuser, so that tfmesh never needs the superuser after this point.
	 */
	private void prepareDatabase() {
		String quotedDatabase = quote(database);
		try (Connection connection = superuserConnection("postgres")) {
			try (PreparedStatement exists = connection
				.prepareStatement("SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = ?")) {
				exists.setString(1, database);
				try (ResultSet rows = exists.executeQuery(); Statement statement = connection.createStatement()) {
					if (!rows.next()) {
						statement.execute("CREATE DATABASE " + quotedDatabase + " OWNER " + username());
					}
					else if (!username().equals(rows.getString(1))) {
						statement.execute("ALTER DATABASE " + quotedDatabase + " OWNER TO " + username());
					}
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot create database " + database, ex);
		}
		try (Connection connection = superuserConnection(database); Statement statement = connection.createStatement()) {
			statement.execute(HAND_OVER_OBJECTS.replace("APPLICATION_ROLE", username()));
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot give the objects of database " + database + " to role "
					+ username(), ex);
		}
	}

	private Connection superuserConnection(String databaseName) throws SQLException {
		return postgres.getDatabase(ServerLockdown.SUPERUSER, databaseName).getConnection();
	}

	private static String quote(String identifier) {
		return "\"" + identifier.replace("\"", "\"\"") + "\"";
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
