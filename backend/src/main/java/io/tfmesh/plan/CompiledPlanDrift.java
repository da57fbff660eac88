package io.tfmesh.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.tfmesh.system.error.NotFoundException;

import org.springframework.stereotype.Component;

/**
 * What remains after a plan: its scope compiled again against the latest observations, one line
 * per step that would still be needed. Nothing is observed here; the caller observes first.
 */
@Component
class CompiledPlanDrift implements PlanDrift {

	private final PlanStore plans;

	private final PlanningInputs inputs;

	private final PlanCompiler compiler;

	CompiledPlanDrift(PlanStore plans, PlanningInputs inputs, PlanCompiler compiler) {
		this.plans = plans;
		this.inputs = inputs;
		this.compiler = compiler;
	}

	@Override
	public List<String> remaining(long planId) {
		PlanView plan = plans.find(planId).orElseThrow(() -> new NotFoundException(PlanService.KIND, planId));
		if (plan.origin() != null) {
			// a diagnosis's fix changes no desired state: its finding closes, or not, on the next poll
			return List.of();
		}
		if (plan.meshId() == null) {
			return List.of("the mesh " + plan.meshName() + " was deleted; its clusters can no longer be compared");
		}
		PlanningInputs.Gathered gathered = inputs.gather(plan.meshId(), plan.clusterId(), false);
		List<String> lines = new ArrayList<>();
		gathered.incomplete()
			.forEach(cluster -> lines.add(cluster.clusterName() + ": its last observation is incomplete ("
					+ String.join(", ", cluster.failedSources()) + "), so what remains there is unknown"));
		compiler.compile(gathered.input(), plan.clusterId()).steps().forEach(step -> lines.add(line(step)));
		return lines;
	}

	static String line(PlannedStep step) {
		String changes = FieldChange.of(step.before(), step.after())
			.stream()
			.map(FieldChange::describe)
			.collect(Collectors.joining("; "));
		return step.clusterName() + ": " + step.action().id() + " " + step.objectType() + " " + step.object()
				+ (changes.isEmpty() ? "" : " (" + changes + ")");
	}

}
