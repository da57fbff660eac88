package io.tfmesh.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Records who changed what. Entries are written in the transaction of the change itself, so
 * a change without its entry (or an entry without its change) cannot be committed.
 */
@Component
public class AuditLog {

	/** The actor of changes made by tfmesh itself, such as the first admin account. */
	public static final String SYSTEM = "system";

	private final JdbcTemplate jdbc;

	private final JsonMapper json;

	private final Clock clock;

	AuditLog(JdbcTemplate jdbc, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * @param before the object's public view before the change (null for a creation); views
	 * never hold secrets, only whether one is set
	 * @param after the public view after the change (null for a deletion)
	 * @param changedSecrets names of the secrets the change replaced; their values are never
	 * recorded
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void record(AuditAction action, String objectType, Object objectId, String objectName,
			@Nullable Object before, @Nullable Object after, String... changedSecrets) {
		jdbc.update("""
				INSERT INTO audit_event (at, actor, action, object_type, object_id, object_name, before_state, after_state)
				VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)""", Timestamp.from(clock.instant()), currentActor(),
				action.json(), objectType, String.valueOf(objectId), objectName, toJson(before, new String[0]),
				toJson(after, changedSecrets));
	}

	/**
	 * Creates an object and records its creation in one statement, for changes made often
	 * enough that a round trip each counts; the entry is the one {@link #record} writes.
	 * @param insert an {@code INSERT ... RETURNING id} of the object, with its arguments
	 * @param after the object's public view
	 * @return the object's id
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public long recordCreated(String insert, Object[] insertArguments, String objectType, String objectName,
			Object after) {
		Object[] arguments = Arrays.copyOf(insertArguments, insertArguments.length + 6);
		Object[] entry = { Timestamp.from(clock.instant()), currentActor(), AuditAction.CREATE.json(), objectType,
				objectName, toJson(after, new String[0]) };
		System.arraycopy(entry, 0, arguments, insertArguments.length, entry.length);
		Long id = jdbc.queryForObject("""
				WITH created AS (%s),
				entry AS (INSERT INTO audit_event (at, actor, action, object_type, object_id, object_name, before_state,
				                                   after_state)
				          SELECT ?, ?, ?, ?, id::text, ?, NULL, ?::jsonb FROM created)
				SELECT id FROM created""".formatted(insert), Long.class, arguments);
		if (id == null) {
			throw new IllegalStateException("The insert returned no id: " + insert);
		}
		return id;
	}

	/**
	 * Records a login attempt under the username tried (whether or not such a user exists),
	 * in a transaction of its own: a login changes nothing else.
	 * @param state what to keep about the attempt, such as the client address
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void recordLogin(AuditAction action, String actor, Object state) {
		jdbc.update("""
				INSERT INTO audit_event (at, actor, action, object_type, object_id, object_name, before_state, after_state)
				VALUES (?, ?, ?, 'login', NULL, ?, NULL, ?::jsonb)""", Timestamp.from(clock.instant()), actor,
				action.json(), actor, toJson(state, new String[0]));
	}

	public static String currentActor() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication == null || !authentication.isAuthenticated() ? SYSTEM : authentication.getName();
	}

	private @Nullable String toJson(@Nullable Object state, String[] changedSecrets) {
		if (state == null) {
			return null;
		}
		JsonNode node = json.valueToTree(state);
		if (changedSecrets.length > 0 && node instanceof ObjectNode object) {
			ArrayNode names = object.putArray("changedSecrets");
			for (String name : changedSecrets) {
				names.add(name);
			}
		}
		return json.writeValueAsString(node);
	}

}
