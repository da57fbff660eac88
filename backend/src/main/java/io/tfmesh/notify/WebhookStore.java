package io.tfmesh.notify;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.tfmesh.system.web.PageQuery;
import io.tfmesh.system.web.PageView;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;

/** Webhooks in PostgreSQL; the secret column is written here and read only for signing. */
@Component
class WebhookStore {

	/** A webhook's address and sealed secret, for sending. */
	record Target(long id, String name, String url, byte[] secret, boolean enabled) {
	}

	private static final String VIEW = """
			SELECT w.id, w.name, w.url, w.event_types, w.enabled, w.created_at, w.updated_at, w.version,
			       (SELECT count(*) FROM webhook_delivery d WHERE d.webhook_id = w.id AND d.state = 'pending') AS pending,
			       (SELECT count(*) FROM webhook_delivery d WHERE d.webhook_id = w.id AND d.state = 'failed') AS failed
			FROM webhook w""";

	private final JdbcTemplate jdbc;

	WebhookStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	long insert(String name, String url, List<String> events, byte[] secret, boolean enabled, Instant now) {
		KeyHolder key = new GeneratedKeyHolder();
		jdbc.update(connection -> {
			var statement = connection.prepareStatement("""
					INSERT INTO webhook (name, url, event_types, secret, enabled, created_at, updated_at)
					VALUES (?, ?, ?, ?, ?, ?, ?)""", new String[] { "id" });
			statement.setString(1, name);
			statement.setString(2, url);
			statement.setArray(3, connection.createArrayOf("text", events.toArray()));
			statement.setBytes(4, secret);
			statement.setBoolean(5, enabled);
			statement.setTimestamp(6, Timestamp.from(now));
			statement.setTimestamp(7, Timestamp.from(now));
			return statement;
		}, key);
		return key.getKey().longValue();
	}

	/** @param secret null keeps the stored one */
	boolean update(long id, long version, String name, String url, List<String> events, byte @Nullable [] secret,
			boolean enabled, Instant now) {
		return jdbc.update(connection -> {
			var statement = connection.prepareStatement("""
					UPDATE webhook SET name = ?, url = ?, event_types = ?, secret = coalesce(?, secret), enabled = ?,
					                   updated_at = ?, version = version + 1
					WHERE id = ? AND version = ?""");
			statement.setString(1, name);
			statement.setString(2, url);
			statement.setArray(3, connection.createArrayOf("text", events.toArray()));
			statement.setBytes(4, secret);
			statement.setBoolean(5, enabled);
			statement.setTimestamp(6, Timestamp.from(now));
			statement.setLong(7, id);
			statement.setLong(8, version);
			return statement;
		}) == 1;
	}

	boolean delete(long id) {
		return jdbc.update("DELETE FROM webhook WHERE id = ?", id) == 1;
	}

	Optional<WebhookView> find(long id) {
		return jdbc.query(VIEW + " WHERE w.id = ?", WebhookStore::view, id).stream().findFirst();
	}

	boolean nameTaken(String name, @Nullable Long except) {
		Integer count = jdbc.queryForObject("SELECT count(*) FROM webhook WHERE lower(name) = lower(?) AND id <> ?",
				Integer.class, name, except == null ? -1 : except);
		return count != null && count > 0;
	}

	PageView<WebhookView> list(PageQuery page) {
		Long total = jdbc.queryForObject("SELECT count(*) FROM webhook", Long.class);
		List<WebhookView> items = jdbc.query(VIEW + " ORDER BY lower(w.name), w.id LIMIT ? OFFSET ?",
				WebhookStore::view, page.size(), page.offset());
		return PageView.of(items, page, total == null ? 0 : total);
	}

	/** The enabled webhooks that receive the type. */
	List<Long> subscribedTo(EventType type) {
		return jdbc.queryForList("SELECT id FROM webhook WHERE enabled AND ? = ANY (event_types) ORDER BY id",
				Long.class, type.id());
	}

	Optional<Target> target(long id) {
		return jdbc.query("SELECT id, name, url, secret, enabled FROM webhook WHERE id = ?",
				(rs, row) -> new Target(rs.getLong("id"), rs.getString("name"), rs.getString("url"),
						rs.getBytes("secret"), rs.getBoolean("enabled")),
				id).stream().findFirst();
	}

	private static WebhookView view(ResultSet rs, int row) throws SQLException {
		Array events = rs.getArray("event_types");
		return new WebhookView(rs.getLong("id"), rs.getString("name"), rs.getString("url"),
				Arrays.asList((String[]) events.getArray()), rs.getBoolean("enabled"),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
				rs.getLong("version"), rs.getLong("pending"), rs.getLong("failed"));
	}

}
