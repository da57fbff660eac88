package io.tfmesh.plan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The steps that restore the before-images of a plan's done steps: each done step's undo, in
 * reverse order, so that what was written last is restored first (route targets before the ASN
 * they use, the ConfigMap before the IPAM it names).
 * <p>
 * A restart is the exception: it makes pods read their settings again, so in the reverse plan
 * it must come after the steps that restore those settings rather than before them. It is
 * placed after the restorations of the steps it depended on, and depends on them.
 */
final class ReverseSteps {

	private ReverseSteps() {
	}

	static List<PlannedStep> of(List<StepView> steps) {
		List<StepView> done = steps.stream().filter(step -> step.state() == StepState.DONE && step.undo() != null).toList();
		Set<String> reversed = new HashSet<>();
		done.forEach(step -> reversed.add(step.key()));
		// who depended on each step: in the reverse plan, those are restored first
		Map<String, List<String>> dependents = new LinkedHashMap<>();
		for (StepView step : done) {
			for (String dependency : step.dependsOn()) {
				if (reversed.contains(dependency) && !isRestart(step)) {
					dependents.computeIfAbsent(dependency, key -> new ArrayList<>()).add(step.key());
				}
			}
		}
		List<PlannedStep> order = new ArrayList<>();
		for (int i = done.size() - 1; i >= 0; i--) {
			StepView step = done.get(i);
			if (!isRestart(step)) {
				order.add(reverse(step, dependents.getOrDefault(step.key(), List.of())));
			}
		}
		for (StepView restart : done) {
			if (!isRestart(restart)) {
				continue;
			}
			List<String> after = restart.dependsOn().stream().filter(reversed::contains).toList();
			int position = 0;
			for (int i = 0; i < order.size(); i++) {
				if (after.contains(order.get(i).key())) {
					position = i + 1;
				}
			}
			order.add(position, reverse(restart, after));
		}
		return order;
	}

	private static boolean isRestart(StepView step) {
		return step.action() == StepAction.RESTART;
	}

	private static PlannedStep reverse(StepView step, List<String> dependsOn) {
		StepAction action = switch (step.action()) {
			case CREATE -> StepAction.DELETE;
			case DELETE -> StepAction.CREATE;
			default -> step.action();
		};
		String risk = isRestart(step) ? step.risk() : "restores what plan step " + step.key() + " changed: " + step.risk();
		return new PlannedStep(step.key(), step.clusterId(), step.clusterName(), step.system(), step.objectType(),
				step.object(), action, step.after(), step.before(), dependsOn, risk, step.undo(), step.operation());
	}

}
