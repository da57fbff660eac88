package io.tfmesh.apply;

import java.util.ArrayList;
import java.util.List;

import io.tfmesh.plan.StepState;
import io.tfmesh.system.error.NotFoundException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;

/** Reads how far plans have come, for the API and the plan page. */
@Service
public class ApplyProgressService {

	private final PlanRecords records;

	private final JsonMapper json;

	ApplyProgressService(PlanRecords records, JsonMapper json) {
		this.records = records;
		this.json = json;
	}

	/** @throws NotFoundException when there is no such plan */
	public ApplyProgress progress(long planId) {
		PlanRow plan = records.plan(planId).orElseThrow(() -> new NotFoundException("plan", planId));
		List<StepRow> steps = records.steps(planId);
		int[] counts = new int[StepState.values().length];
		List<ApplyProgress.Step> views = new ArrayList<>();
		for (StepRow step : steps) {
			counts[step.state().ordinal()]++;
			views.add(new ApplyProgress.Step(step.position(), step.key(), step.clusterName(), step.objectType(),
					step.object(), step.action(), step.state(), step.attempts(), step.startedAt(), step.finishedAt(),
					step.durationMs(), step.result(), step.error()));
		}
		int total = steps.size();
		int open = counts[StepState.PENDING.ordinal()] + counts[StepState.RUNNING.ordinal()];
		int percent = total == 0 ? 100 : (int) Math.floor(100.0 * (total - open) / total);
		List<String> drift = plan.remainingDrift() == null ? null
				: List.of(json.readValue(plan.remainingDrift(), String[].class));
		return new ApplyProgress(planId, plan.state(), total, counts[StepState.DONE.ordinal()],
				counts[StepState.RUNNING.ordinal()], counts[StepState.PENDING.ordinal()],
				counts[StepState.FAILED.ordinal()], counts[StepState.SKIPPED.ordinal()],
				counts[StepState.CANCELLED.ordinal()], percent, plan.applyStartedAt(), plan.applyRequestedBy(),
				plan.finishedAt(), plan.failure(), drift, views);
	}

}
