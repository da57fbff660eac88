package io.tfmesh.apply;

import java.time.Instant;
import java.util.List;

import io.tfmesh.plan.StepState;
import org.jspecify.annotations.Nullable;

/**
 * One step as the workers see it.
 *
 * @param operation the stored operation, as JSON
 * @param firstStartedAt when its first attempt started; a restart deletes only pods created before
 */
record StepRow(long id, long planId, int position, String key, long clusterId, String clusterName, String objectType,
		String object, String action, List<String> dependsOn, StepState state, int attempts,
		@Nullable Instant firstStartedAt, @Nullable Instant startedAt, @Nullable Instant finishedAt,
		@Nullable Long durationMs, String operation, @Nullable String result, @Nullable String error) {

	StepRow {
		dependsOn = List.copyOf(dependsOn);
	}

	/** The db-scheduler instance id of the step's execution. */
	String executionId() {
		return executionId(planId, id);
	}

	static String executionId(long planId, long stepId) {
		return "plan-" + planId + "-step-" + stepId;
	}

}
