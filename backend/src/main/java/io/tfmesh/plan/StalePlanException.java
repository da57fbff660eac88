package io.tfmesh.plan;

import org.jspecify.annotations.Nullable;

/**
 * A plan went stale when it was to start: a cluster changed since the plan was computed, so
 * nothing was written and the plan must be computed again.
 */
class StalePlanException extends RuntimeException {

	private final long planId;

	private final @Nullable Long meshId;

	StalePlanException(long planId, @Nullable Long meshId) {
		super("Plan " + planId + " is stale: a cluster it targets changed since the plan was computed, so nothing was "
				+ "written. Plan again (POST /api/v1/plans) to compute it against what the clusters have now");
		this.planId = planId;
		this.meshId = meshId;
	}

	long planId() {
		return planId;
	}

	@Nullable Long meshId() {
		return meshId;
	}

}
