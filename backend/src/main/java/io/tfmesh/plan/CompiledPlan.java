package io.tfmesh.plan;

import java.util.List;

/**
 * What the compiler found to do: steps in an order in which each one's dependencies come
 * first, and notes for the reviewer on what it left for later (a subnet still in use, a
 * cluster it could not plan).
 */
public record CompiledPlan(List<PlannedStep> steps, List<String> notes) {

	public CompiledPlan {
		steps = List.copyOf(steps);
		notes = List.copyOf(notes);
	}

	public boolean empty() {
		return steps.isEmpty();
	}

}
