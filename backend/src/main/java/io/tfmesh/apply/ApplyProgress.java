package io.tfmesh.apply;

import java.time.Instant;
import java.util.List;

import io.tfmesh.plan.PlanState;
import io.tfmesh.plan.StepState;
import org.jspecify.annotations.Nullable;

/**
 * How far a plan's apply has come: what the plan page's progress bar and step list show.
 *
 * @param done steps done out of {@code total}
 * @param percent of the steps finished in any way (done, failed, skipped or cancelled)
 * @param failure each failed step with its reason, once the plan failed
 * @param remainingDrift what the observation after apply still found different; null until it was
 * read, or when it could not be
 */
public record ApplyProgress(long planId, PlanState state, int total, int done, int running, int pending, int failed,
		int skipped, int cancelled, int percent, @Nullable Instant applyStartedAt, @Nullable String applyRequestedBy,
		@Nullable Instant finishedAt, @Nullable String failure, @Nullable List<String> remainingDrift,
		List<Step> steps) {

	/**
	 * @param result what the worker did: written, already in place, or the pods it deleted
	 * @param error why it failed or was skipped, or why its last attempt failed while it waits
	 * for the next
	 */
	public record Step(int position, String key, String clusterName, String objectType, String object, String action,
			StepState state, int attempts, @Nullable Instant startedAt, @Nullable Instant finishedAt,
			@Nullable Long durationMs, @Nullable String result, @Nullable String error) {
	}

}
