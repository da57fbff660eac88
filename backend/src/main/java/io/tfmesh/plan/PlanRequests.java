package io.tfmesh.plan;

import java.time.Instant;

import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

/** The bodies of the plan API's requests. */
final class PlanRequests {

	private PlanRequests() {
	}

	/**
	 * @param clusterId one member to plan for; without it, every member of the mesh
	 * @param draft whether the plan waits as a draft instead of going to approval
	 */
	record Create(@NotNull Long meshId, @Nullable Long clusterId, @Nullable Boolean draft) {
	}

	/** @param applyAt when the plan is to start, inside the mesh's change window; without it, on request */
	record Approve(@Nullable Instant applyAt) {
	}

	record Reject(@Nullable String reason) {
	}

}
