package io.tfmesh.plan;

import org.jspecify.annotations.Nullable;

/**
 * Turns a mesh's allocations, ASNs and intents into the steps that bring its members from what
 * they were observed to have to what they should have. A pure function of its input.
 */
public interface PlanCompiler {

	/**
	 * @param onlyCluster when set, only steps whose target is this cluster are returned (the
	 * others are still computed, since a cluster's desired state depends on its peers)
	 */
	CompiledPlan compile(PlanningInput input, @Nullable Long onlyCluster);

}
