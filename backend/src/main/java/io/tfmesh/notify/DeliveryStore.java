package io.tfmesh.notify;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.tfmesh.system.web.PageQuery;
import io.tfmesh.system.web.PageView;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Deliveries in PostgreSQL. A delivery is sent by the instance that claimed it: the claim is
 * taken with {@code FOR UPDATE SKIP LOCKED}, so two instances never take the same row, and an
 * attempt's outcome is written only by the instance that still holds the claim.
 */
@Component
class DeliveryStore {

	/** A claimed delivery, ready to be sent. */
	record Claimed(long id, long webhookId, UUID eventId, String eventType, String payload, int attempts) {
	}

	private final JdbcTemplate jdbc;

	DeliveryStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Queues an event for a webhook, due at once; an event already queued for it is not queued again. */
	void insert(long webhookId, UUID eventId, EventType type, String payload, Instant now) {
		jdbc.update("""
				INSERT INTO webhook_delivery (webhook_id, event_id, event_type, payload, state, created_at, next_attempt_at)
				VALUES (?, ?, ?, ?, 'pending', ?, ?)
				ON CONFLICT (webhook_id, event_id) DO NOTHING""", webhookId, eventId, type.id(), payload,
				Timestamp.from(now), Timestamp.from(now));
	}

	/**
	 * Takes the longest-waiting due delivery of an enabled webhook for this instance until
	 * {@code until}, or nothing when none is due.
	 */
	Optional<Claimed> claim(String instance, Instant now, Instant until) {
		return jdbc.query("""
				UPDATE webhook_delivery SET claimed_by = ?, claimed_until = ?
				WHERE id = (SELECT d.id FROM webhook_delivery d JOIN webhook w ON w.id = d.webhook_id
				            WHERE d.state = 'pending' AND w.enabled AND d.next_attempt_at <= ?
				              AND (d.claimed_until IS NULL OR d.claimed_until < ?)
				            ORDER BY d.next_attempt_at, d.id LIMIT 1 FOR UPDATE OF d SKIP LOCKED)
				RETURNING id, webhook_id, event_id, event_type, payload, attempts""",
				(rs, row) -> new Claimed(rs.getLong("id"), rs.getLong("webhook_id"), rs.getObject("event_id", UUID.class),
						rs.getString("event_type"), rs.getString("payload"), rs.getInt("attempts")),
				instance, Timestamp.from(until), Timestamp.from(now), Timestamp.from(now)).stream().findFirst();
	}

	/** Records a successful attempt; false when the claim was lost meanwhile. */
	boolean delivered(long id, String instance, int status, Instant at) {
		return jdbc.update("""
				UPDATE webhook_delivery SET state = 'delivered', attempts = attempts + 1, last_attempt_at = ?,
				       last_status = ?, last_error = NULL, delivered_at = ?, next_attempt_at = NULL,
				       claimed_by = NULL, claimed_until = NULL
				WHERE id = ? AND claimed_by = ? AND state = 'pending'""", Timestamp.from(at), status,
				Timestamp.from(at), id, instance) == 1;
	}

	/**
	 * Records a failed attempt.
	 * @param next when to try again, null to give up
	 */
	boolean failed(long id, String instance, @Nullable Integer status, String error, Instant at,
			@Nullable Instant next) {
		return jdbc.update("""
				UPDATE webhook_delivery SET state = ?, attempts = attempts + 1, last_attempt_at = ?, last_status = ?,
				       last_error = ?, next_attempt_at = ?, claimed_by = NULL, claimed_until = NULL
				WHERE id = ? AND claimed_by = ? AND state = 'pending'""", next == null ? "failed" : "pending",
				Timestamp.from(at), status, error, next == null ? null : Timestamp.from(next), id, instance) == 1;
	}

	/** Gives the claim back untouched, for a delivery that was not attempted. */
	void release(long id, String instance) {
		jdbc.update("UPDATE webhook_delivery SET claimed_by = NULL, claimed_until = NULL WHERE id = ? AND claimed_by = ?",
				id, instance);
	}

	/** Deletes the deliveries that were delivered or given up before the time; returns how many. */
	int prune(Instant before) {
		return jdbc.update("""
				DELETE FROM webhook_delivery
				WHERE state <> 'pending' AND coalesce(delivered_at, last_attempt_at, created_at) < ?""",
				Timestamp.from(before));
	}

	/** A webhook's deliveries, newest first. */
	PageView<DeliveryView> list(long webhookId, @Nullable String state, PageQuery page) {
		Long total = jdbc.queryForObject(
				"SELECT count(*) FROM webhook_delivery WHERE webhook_id = ? AND (?::text IS NULL OR state = ?)",
				Long.class, webhookId, state, state);
		List<DeliveryView> items = jdbc.query("""
				SELECT * FROM webhook_delivery WHERE webhook_id = ? AND (?::text IS NULL OR state = ?)
				ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?""", DeliveryStore::view, webhookId, state, state,
				page.size(), page.offset());
		return PageView.of(items, page, total == null ? 0 : total);
	}

	private static DeliveryView view(ResultSet rs, int row) throws SQLException {
		return new DeliveryView(rs.getLong("id"), rs.getLong("webhook_id"), rs.getObject("event_id", UUID.class),
				rs.getString("event_type"), rs.getString("state"), rs.getInt("attempts"), instant(rs, "created_at"),
				instant(rs, "last_attempt_at"), (Integer) rs.getObject("last_status"), rs.getString("last_error"),
				instant(rs, "next_attempt_at"), instant(rs, "delivered_at"));
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return value == null ? null : value.toInstant();
	}

}
