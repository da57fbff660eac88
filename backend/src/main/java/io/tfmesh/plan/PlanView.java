package io.tfmesh.plan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A stored plan: its steps as computed for review and as they were carried out, and its life.
 *
 * @param clusterId the one cluster the plan was computed for, null for the whole mesh
 * @param baseRevision cluster id → revision of the observation the plan was computed against
 * @param approvals the decision of the admin who approved or rejected it, if any
 * @param applyAfter the time chosen at approval, null when the plan starts on request
 * @param cancelRequested whether cancellation was asked while it was applying
 * @param remainingDrift what the observation after apply still found different, null until then
 * @param meshName the mesh's name, null for a plan made from a diagnosis of a cluster outside any mesh
 * @param reverseOf the plan whose applied steps this one undoes
 * @param origin the diagnosis it was made from, null for a plan computed from desired state
 */
public record PlanView(long id, @Nullable Long meshId, @Nullable String meshName, @Nullable Long clusterId, PlanState state,
		String author, Instant createdAt, Instant updatedAt, @Nullable Instant expiresAt,
		Map<Long, String> baseRevision, List<String> notes, List<Approval> approvals, @Nullable Instant applyAfter,
		@Nullable String applyRequestedBy, @Nullable Instant applyStartedAt, @Nullable Instant finishedAt,
		boolean cancelRequested, @Nullable String failure, @Nullable List<String> remainingDrift,
		@Nullable Long reverseOf, long version, Progress progress, List<StepView> steps,
		@Nullable PlanOrigin origin) {

	/**
	 * @param decision {@code approved} or {@code rejected}
	 * @param reason why it was rejected
	 */
	public record Approval(String admin, String decision, Instant at, @Nullable String reason) {
	}

	/** What the plan is for, as its name shows it: its mesh, or its one cluster when it has no mesh. */
	public String scope() {
		if (meshName != null) {
			return meshName;
		}
		return (clusterId != null) ? clusterName(clusterId) : "no mesh";
	}

	/** A cluster of the plan by its name, which its steps give, or by its id when no step names it. */
	public String clusterName(long clusterId) {
		return steps.stream()
			.filter(step -> step.clusterId() == clusterId)
			.map(StepView::clusterName)
			.findFirst()
			.orElse("cluster " + clusterId);
	}

	/** The names of the clusters the steps touch, in the order they first appear. */
	public List<String> clustersTouched() {
		Set<String> names = new LinkedHashSet<>();
		steps.forEach(step -> names.add(step.clusterName()));
		return List.copyOf(names);
	}

	/** Steps that restart pods. */
	public long restarts() {
		return steps.stream().filter(step -> step.action() == StepAction.RESTART).count();
	}

	public @Nullable Approval approval() {
		return approvals.isEmpty() ? null : approvals.get(0);
	}

	/** The steps grouped by cluster, in plan order. */
	public Map<String, List<StepView>> stepsByCluster() {
		Map<String, List<StepView>> grouped = new LinkedHashMap<>();
		steps.forEach(step -> grouped.computeIfAbsent(step.clusterName(), name -> new ArrayList<>()).add(step));
		return grouped;
	}

	/** Whether the page should keep reading the plan's progress. */
	public boolean live() {
		return state == PlanState.APPLYING;
	}

}
