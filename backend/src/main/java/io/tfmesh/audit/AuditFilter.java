package io.tfmesh.audit;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** Which audit entries to list; every criterion is optional. */
public record AuditFilter(@Nullable String actor, @Nullable String action, @Nullable String objectType,
		@Nullable String objectId, @Nullable Instant from, @Nullable Instant to) {

	public static AuditFilter none() {
		return new AuditFilter(null, null, null, null, null, null);
	}

}
