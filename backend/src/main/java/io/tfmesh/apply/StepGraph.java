package io.tfmesh.apply;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.tfmesh.plan.PlanState;
import io.tfmesh.plan.StepState;

/** What the steps of a plan allow next, from their states and dependencies alone. */
final class StepGraph {

	private final List<StepRow> steps;

	private final Map<String, StepRow> byKey;

	StepGraph(List<StepRow> steps) {
		this.steps = List.copyOf(steps);
		this.byKey = steps.stream()
			.collect(Collectors.toMap(StepRow::key, Function.identity(), (a, b) -> a, LinkedHashMap::new));
	}

	/** Pending steps whose dependencies are all done, in plan order. */
	List<StepRow> ready() {
		return steps.stream().filter(step -> step.state() == StepState.PENDING).filter(this::dependenciesDone).toList();
	}

	boolean dependenciesDone(StepRow step) {
		return step.dependsOn().stream().allMatch(key -> {
			StepRow dependency = byKey.get(key);
			return dependency != null && dependency.state() == StepState.DONE;
		});
	}

	/**
	 * Pending steps that can never run because a step they depend on, directly or through
	 * others, failed or was cancelled; each with the key of that step.
	 */
	Map<StepRow, String> blocked() {
		Map<String, String> cause = new LinkedHashMap<>();
		for (StepRow step : steps) {
			if (step.state() == StepState.FAILED || step.state() == StepState.CANCELLED) {
				cause.put(step.key(), step.key());
			}
		}
		boolean changed = true;
		while (changed) {
			changed = false;
			for (StepRow step : steps) {
				if (step.state() != StepState.PENDING && step.state() != StepState.SKIPPED
						|| cause.containsKey(step.key())) {
					continue;
				}
				for (String dependency : step.dependsOn()) {
					if (cause.containsKey(dependency)) {
						cause.put(step.key(), cause.get(dependency));
						changed = true;
						break;
					}
				}
			}
		}
		Map<StepRow, String> blocked = new LinkedHashMap<>();
		for (StepRow step : steps) {
			if (step.state() == StepState.PENDING && cause.containsKey(step.key())) {
				blocked.put(step, cause.get(step.key()));
			}
		}
		return blocked;
	}

	/**
	 * How the plan ends, once no step is pending or running: failed when any step failed,
	 * cancelled when any was cancelled, applied otherwise.
	 */
	Optional<PlanState> outcome() {
		if (steps.stream().anyMatch(step -> !step.state().finished())) {
			return Optional.empty();
		}
		if (steps.stream().anyMatch(step -> step.state() == StepState.FAILED)) {
			return Optional.of(PlanState.FAILED);
		}
		if (steps.stream().anyMatch(step -> step.state() == StepState.CANCELLED)) {
			return Optional.of(PlanState.CANCELLED);
		}
		return Optional.of(PlanState.APPLIED);
	}

	/** Each failed step with its reason, one line each; null when none failed. */
	String failure() {
		List<String> lines = new ArrayList<>();
		for (StepRow step : steps) {
			if (step.state() == StepState.FAILED) {
				lines.add("step " + step.key() + " failed: " + step.error());
			}
		}
		long skipped = steps.stream().filter(step -> step.state() == StepState.SKIPPED).count();
		if (lines.isEmpty()) {
			return null;
		}
		if (skipped > 0) {
			lines.add(skipped + " dependent step" + (skipped == 1 ? " was" : "s were") + " skipped");
		}
		return String.join("\n", lines);
	}

}
