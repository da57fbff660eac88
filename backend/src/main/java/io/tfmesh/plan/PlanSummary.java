package io.tfmesh.plan;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A plan in a list.
 *
 * @param meshName null for a plan made from a diagnosis of a cluster outside any mesh
 */
public record PlanSummary(long id, @Nullable Long meshId, @Nullable String meshName, @Nullable Long clusterId, PlanState state,
		String author, Instant createdAt, @Nullable Instant expiresAt, @Nullable String approvedBy,
		@Nullable Long reverseOf, Progress progress) {
}
