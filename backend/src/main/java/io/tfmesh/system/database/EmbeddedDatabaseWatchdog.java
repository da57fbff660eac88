package io.tfmesh.system.database;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Notices when the embedded server is lost (its postmaster killed or crashed) and starts it again
 * in place. The server is a child of tfmesh on a port its connection pool already knows, so a
 * restart here brings service back within seconds, where exiting would take the whole
 * application and its supervisor's back-off with it.
 */
class EmbeddedDatabaseWatchdog implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseWatchdog.class);

	private final EmbeddedPostgresServer server;

	private final HikariDataSource dataSource;

	private final EmbeddedDatabaseSettings settings;

	private final Clock clock;

	private @Nullable ScheduledExecutorService executor;

	private @Nullable Instant lostAt;

	EmbeddedDatabaseWatchdog(EmbeddedPostgresServer server, HikariDataSource dataSource,
			EmbeddedDatabaseSettings settings, Clock clock) {
		this.server = server;
		this.dataSource = dataSource;
		this.settings = settings;
		this.clock = clock;
	}

	/** One look at the server: notes a loss, and restarts once the server has been down long enough. */
	void check() {
		if (server.isAvailable()) {
			return;
		}
		Instant now = clock.instant();
		if (lostAt == null) {
			lostAt = now;
			log.error("The embedded PostgreSQL (postmaster {}) has stopped; requests get 503 until it runs again",
					server.postmasterPid().map(String::valueOf).orElse("unknown"));
		}
		if (Duration.between(lostAt, now).compareTo(settings.restartDelay()) < 0) {
			return;
		}
		if (server.restart()) {
			lostAt = null;
			// pooled connections still point at the lost server's backends
			HikariPoolMXBean pool = dataSource.getHikariPoolMXBean();
			if (pool != null) {
				pool.softEvictConnections();
			}
		}
	}

	@Override
	public synchronized void start() {
		executor = Executors.newSingleThreadScheduledExecutor(task -> {
			Thread thread = new Thread(task, "embedded-db-watchdog");
			thread.setDaemon(true);
			return thread;
		});
		long interval = Math.max(1, settings.watchInterval().toMillis());
		executor.scheduleWithFixedDelay(this::checkSafely, interval, interval, TimeUnit.MILLISECONDS);
	}

	@Override
	public synchronized void stop() {
		if (executor != null) {
			executor.shutdownNow();
			executor = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return executor != null;
	}

	private void checkSafely() {
		try {
			check();
		}
		catch (RuntimeException ex) {
			log.error("Checking the embedded PostgreSQL failed", ex);
		}
	}

}
