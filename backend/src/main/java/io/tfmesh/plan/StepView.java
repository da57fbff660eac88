package io.tfmesh.plan;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One step of a stored plan, as the review and the progress show it.
 *
 * @param result what the worker did: written, already in place, or the pods it deleted
 * @param error why the step failed, or was skipped
 */
public record StepView(int position, String key, long clusterId, String clusterName, StepSystem system,
		String objectType, String object, StepAction action, Map<String, String> before, Map<String, String> after,
		List<String> dependsOn, String risk, StepOperation operation, @Nullable StepOperation undo, StepState state,
		int attempts, @Nullable Instant startedAt, @Nullable Instant finishedAt, @Nullable Long durationMs,
		@Nullable String result, @Nullable String error) {

	/** The fields the step changes, each with its value before and after; null means absent. */
	public List<FieldChange> changes() {
		return FieldChange.of(before, after);
	}

	PlannedStep planned() {
		return new PlannedStep(key, clusterId, clusterName, system, objectType, object, action, before, after,
				dependsOn, risk, operation, undo);
	}

}
