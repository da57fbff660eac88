package io.tfmesh.apply;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.tfmesh.audit.AuditAction;
import io.tfmesh.audit.AuditLog;
import io.tfmesh.observe.ObservedState;
import io.tfmesh.plan.PlanExecution;
import io.tfmesh.plan.PlanState;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts approved plans: a plan whose clusters changed since it was computed is stale and
 * writes nothing; any other goes to applying and its first steps to the workers.
 */
@Service
class PlanApplier implements PlanExecution {

	private final PlanRecords records;

	private final PlanCompletion completion;

	private final ParallelObservation parallel;

	private final AuditLog audit;

	private final TransactionTemplate transactions;

	private final Clock clock;

	PlanApplier(PlanRecords records, PlanCompletion completion, ParallelObservation parallel, AuditLog audit,
			TransactionTemplate transactions, Clock clock) {
		this.records = records;
		this.completion = completion;
		this.parallel = parallel;
		this.audit = audit;
		this.transactions = transactions;
		this.clock = clock;
	}

	@Override
	public PlanState start(long planId, String actor) {
		PlanRow plan = records.plan(planId)
			.orElseThrow(() -> new IllegalStateException("plan " + planId + " does not exist"));
		if (plan.state() != PlanState.APPROVED) {
			throw notApproved(plan);
		}
		List<String> changed = changedClusters(plan);
		if (!changed.isEmpty()) {
			String reason = String.join("\n", changed);
			move(plan, PlanState.STALE, AuditAction.STALE, actor, reason,
					() -> records.moveStale(planId, clock.instant(), reason));
			return PlanState.STALE;
		}
		move(plan, PlanState.APPLYING, AuditAction.APPLY, actor, null,
				() -> records.moveApplying(planId, clock.instant(), actor));
		completion.settle(planId);
		return PlanState.APPLYING;
	}

	/** Observes every cluster of the plan now; each line names one that is not as the plan found it. */
	private List<String> changedClusters(PlanRow plan) {
		TreeSet<Long> clusters = new TreeSet<>(plan.baseRevision().keySet());
		Map<Long, String> names = new LinkedHashMap<>();
		records.stepStates(plan.id()).forEach(step -> {
			clusters.add(step.clusterId());
			names.putIfAbsent(step.clusterId(), step.clusterName());
		});
		List<String> changed = new ArrayList<>();
		for (var outcome : parallel.observe(clusters).entrySet()) {
			long clusterId = outcome.getKey();
			if (outcome.getValue().failed()) {
				changed.add(unobserved(names.get(clusterId), clusterId, outcome.getValue().failure()));
				continue;
			}
			ObservedState observed = outcome.getValue().observed();
			String base = plan.baseRevision().get(clusterId);
			if (!observed.complete()) {
				changed.add(incomplete(observed.clusterName(), observed.failedSources()));
			}
			else if (base == null) {
				changed.add("cluster " + observed.clusterName() + " has no base revision in the plan");
			}
			else if (!base.equals(observed.revision())) {
				changed.add("cluster " + observed.clusterName() + " changed since the plan was computed (revision "
						+ shortened(base) + " is now " + shortened(observed.revision()) + ")");
			}
		}
		return changed;
	}

	/** A cluster that could not be observed, by its name when a step of the plan gives it. */
	static String unobserved(@Nullable String name, long clusterId, @Nullable String failure) {
		return (name == null ? "cluster " + clusterId : "cluster " + name) + " could not be observed: " + failure;
	}

	static String incomplete(String name, List<String> failedSources) {
		return "cluster " + name + " could not be observed completely: " + String.join(", ", failedSources);
	}

	private void move(PlanRow plan, PlanState to, AuditAction action, String actor, String reason,
			java.util.function.BooleanSupplier update) {
		transactions.executeWithoutResult(status -> {
			if (!update.getAsBoolean()) {
				throw notApproved(records.plan(plan.id()).orElse(plan));
			}
			Map<String, Object> after = new LinkedHashMap<>();
			after.put("state", to.id());
			after.put("requestedBy", actor);
			if (reason != null) {
				after.put("reason", reason);
			}
			audit.record(action, PlanCompletion.PLAN, plan.id(), plan.name(),
					Map.of("state", PlanState.APPROVED.id()), after);
		});
	}

	private static IllegalStateException notApproved(PlanRow plan) {
		return new IllegalStateException(plan.name() + " is " + plan.state().id() + ", not approved");
	}

	private static String shortened(String revision) {
		return revision.length() > 12 ? revision.substring(0, 12) : revision;
	}

}
