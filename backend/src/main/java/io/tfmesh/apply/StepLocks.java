package io.tfmesh.apply;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;

/**
 * Keeps a step from running twice at once when db-scheduler takes a step over from an instance
 * that is only slow, not dead (its heartbeats were late). A running step holds a PostgreSQL
 * advisory lock on a connection that this instance keeps open for that purpose: the lock lives
 * exactly as long as the instance's session, so an instance that really died (its connection
 * closed) leaves the step free, and one that is alive keeps it.
 */
@Component
class StepLocks implements AutoCloseable {

	/** The first key of tfmesh's step locks; the second is the step's id. */
	static final int STEP_LOCKS = 0x74660001;

	private final DataSource dataSource;

	/** Advisory locks are re-entrant within a session: this keeps one instance's threads apart. */
	private final Set<Long> held = ConcurrentHashMap.newKeySet();

	private @Nullable Connection session;

	StepLocks(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/**
	 * @return the lock, to close once the step's outcome is recorded; empty when the step runs
	 * elsewhere
	 * @throws DataAccessResourceFailureException when the database cannot be reached
	 */
	Optional<Lock> tryLock(long stepId) {
		if (!held.add(stepId)) {
			return Optional.empty();
		}
		try {
			if (!call("SELECT pg_try_advisory_lock(?, ?)", stepId)) {
				held.remove(stepId);
				return Optional.empty();
			}
			return Optional.of(new Lock(stepId));
		}
		catch (RuntimeException ex) {
			held.remove(stepId);
			throw ex;
		}
	}

	private synchronized boolean call(String sql, long stepId) {
		try {
			if (session == null || session.isClosed()) {
				session = dataSource.getConnection();
				session.setAutoCommit(true);
			}
			try (PreparedStatement statement = session.prepareStatement(sql)) {
				statement.setInt(1, STEP_LOCKS);
				statement.setInt(2, (int) stepId);
				try (ResultSet result = statement.executeQuery()) {
					return result.next() && result.getBoolean(1);
				}
			}
		}
		catch (SQLException ex) {
			// a broken session has lost its locks with it; the next call opens a new one
			closeSession();
			throw new DataAccessResourceFailureException("cannot lock step " + stepId + ": " + ex.getMessage(), ex);
		}
	}

	private synchronized void closeSession() {
		if (session != null) {
			try {
				session.close();
			}
			catch (SQLException ex) {
				// closing is all that was wanted
			}
			session = null;
		}
	}

	@Override
	public void close() {
		closeSession();
	}

	/** A step's lock, held until closed. */
	final class Lock implements AutoCloseable {

		private final long stepId;

		private Lock(long stepId) {
			this.stepId = stepId;
		}

		@Override
		public void close() {
			try {
				call("SELECT pg_advisory_unlock(?, ?)", stepId);
			}
			catch (DataAccessResourceFailureException ex) {
				// the session is gone, and its locks with it
			}
			finally {
				held.remove(stepId);
			}
		}

	}

}
