package io.tfmesh.audit;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One recorded change.
 *
 * @param before the object's public view before the change, without secrets
 * @param after the public view after it
 * @param changes the fields that differ, for people reading the log
 */
public record AuditEntry(long id, Instant at, String actor, String action, String objectType,
		@Nullable String objectId, @Nullable String objectName, @Nullable JsonNode before, @Nullable JsonNode after,
		List<FieldChange> changes) {

	/** One field that differs between before and after, by its path such as {@code kubernetes.apiUrl}. */
	public record FieldChange(String field, @Nullable String before, @Nullable String after) {
	}

}
