package io.tfmesh.apply;

import java.time.Instant;
import java.util.Map;

import io.tfmesh.plan.PlanState;
import org.jspecify.annotations.Nullable;

/**
 * A plan as the workers see it.
 *
 * @param meshName null for a plan made from a diagnosis of a cluster outside any mesh
 * @param baseRevision cluster id → revision of the observation the plan was computed against
 */
record PlanRow(long id, @Nullable String meshName, PlanState state, Map<Long, String> baseRevision, boolean cancelRequested,
		@Nullable String applyRequestedBy, @Nullable Instant applyStartedAt, @Nullable Instant finishedAt,
		@Nullable String failure, @Nullable String remainingDrift) {

	/** How the plan is named in the audit log and in messages. */
	String name() {
		return meshName == null ? "plan " + id : "plan " + id + " (" + meshName + ")";
	}

}
