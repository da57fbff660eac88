package io.tfmesh.plan.compile;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.tfmesh.plan.PlannedStep;

/**
 * Steps in an order in which every step comes after the steps it depends on, and otherwise in
 * the order they were found, so that the same input always gives the same plan.
 */
final class StepOrder {

	private StepOrder() {
	}

	/**
	 * @throws IllegalStateException when the dependencies form a cycle, which the compiler never
	 * builds
	 */
	static List<PlannedStep> sorted(List<PlannedStep> steps) {
		Map<String, PlannedStep> byKey = new LinkedHashMap<>();
		steps.forEach(step -> byKey.put(step.key(), step));
		List<PlannedStep> sorted = new ArrayList<>();
		Set<String> done = new HashSet<>();
		while (sorted.size() < byKey.size()) {
			PlannedStep next = byKey.values()
				.stream()
				.filter(step -> !done.contains(step.key()))
				.filter(step -> step.dependsOn().stream().allMatch(key -> done.contains(key) || !byKey.containsKey(key)))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("the steps' dependencies form a cycle"));
			sorted.add(next);
			done.add(next.key());
		}
		return sorted;
	}

}
