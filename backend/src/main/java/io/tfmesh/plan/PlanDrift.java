package io.tfmesh.plan;

import java.util.List;

/** What still differs from the desired state, read after a plan was applied. */
public interface PlanDrift {

	/**
	 * Compiles the plan's scope again against the latest observations.
	 * @return one line per step that would still be needed; empty when nothing remains
	 */
	List<String> remaining(long planId);

}
