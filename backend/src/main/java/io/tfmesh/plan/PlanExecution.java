package io.tfmesh.plan;

/**
 * Carries approved plans out. Plans decide who may start one and when; this decides how its
 * steps run.
 */
public interface PlanExecution {

	/**
	 * Starts an approved plan: observes its clusters again and, when any of them no longer has
	 * the plan's base revision, makes the plan stale and writes nothing; otherwise moves it to
	 * applying and hands its steps to the workers. Returns once the plan is applying or stale.
	 * @param actor who asked, or {@code system} for a plan that starts by itself
	 * @return the plan's state afterwards: {@link PlanState#APPLYING} or {@link PlanState#STALE}
	 * @throws IllegalStateException when the plan is not approved
	 */
	PlanState start(long planId, String actor);

}
