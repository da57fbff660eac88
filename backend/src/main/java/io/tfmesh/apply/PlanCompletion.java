package io.tfmesh.apply;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import io.tfmesh.audit.AuditAction;
import io.tfmesh.audit.AuditLog;
import io.tfmesh.plan.PlanDrift;
import io.tfmesh.plan.PlanState;
import io.tfmesh.plan.StepState;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves an applying plan on from what its steps' states allow: cancels the pending steps of a
 * plan whose cancel was asked for, skips the steps that depend on a failed one, queues those
 * whose dependencies are done, and closes the plan once no step is pending or running. Called
 * after every step, and by the sweep that repairs what a stopped instance left half done; every
 * change it makes is conditional, so any number of instances may call it at once.
 */
@Component
class PlanCompletion {

	private static final Logger log = LoggerFactory.getLogger(PlanCompletion.class);

	static final String PLAN = "plan";

	private final PlanRecords records;

	private final StepQueue queue;

	private final AuditLog audit;

	private final TransactionTemplate transactions;

	private final ParallelObservation parallel;

	private final ObjectProvider<PlanDrift> drift;

	private final Clock clock;

	PlanCompletion(PlanRecords records, StepQueue queue, AuditLog audit, TransactionTemplate transactions,
			ParallelObservation parallel, ObjectProvider<PlanDrift> drift, Clock clock) {
		this.records = records;
		this.queue = queue;
		this.audit = audit;
		this.transactions = transactions;
		this.parallel = parallel;
		this.drift = drift;
		this.clock = clock;
	}

	void settle(long planId) {
		settle(planId, null);
	}

	/**
	 * @param finished the key of the step whose end called this, if any: only the steps waiting
	 * for it can have become ready, since every other ready step was queued when it became so
	 * (and the sweep queues any that an instance stopped before queuing)
	 */
	void settle(long planId, @Nullable String finished) {
		Optional<PlanRow> found = records.plan(planId);
		if (found.isEmpty() || found.get().state() != PlanState.APPLYING) {
			return;
		}
		PlanRow plan = found.get();
		Instant now = clock.instant();
		if (plan.cancelRequested()) {
			records.cancelPending(planId, now);
		}
		List<StepRow> steps = records.stepStates(planId);
		Map<StepRow, String> blocked = new StepGraph(steps).blocked();
		if (!blocked.isEmpty()) {
			Map<String, StepRow> byKey = new LinkedHashMap<>();
			steps.forEach(step -> byKey.put(step.key(), step));
			blocked.forEach((step, cause) -> records.skip(step.id(), "skipped: step " + cause
					+ (byKey.get(cause).state() == StepState.CANCELLED ? " was cancelled" : " failed"), now));
			steps = records.stepStates(planId);
		}
		StepGraph graph = new StepGraph(steps);
		Optional<PlanState> outcome = graph.outcome();
		if (outcome.isEmpty()) {
			queue.schedule(graph.ready()
				.stream()
				.filter(step -> finished == null || step.dependsOn().contains(finished))
				.toList());
			return;
		}
		if (close(plan, outcome.get(), graph.failure()) && outcome.get() != PlanState.CANCELLED) {
			observeAgain(plan, steps);
		}
	}

	private boolean close(PlanRow plan, PlanState outcome, String failure) {
		Boolean closed = transactions.execute(status -> {
			if (!records.finish(plan.id(), outcome, failure, clock.instant())) {
				return false;
			}
			AuditAction action = switch (outcome) {
				case APPLIED -> AuditAction.APPLIED;
				case FAILED -> AuditAction.FAILED;
				default -> AuditAction.CANCEL;
			};
			Map<String, Object> after = new LinkedHashMap<>();
			after.put("state", outcome.id());
			if (failure != null) {
				after.put("failure", failure);
			}
			audit.record(action, PLAN, plan.id(), plan.name(), Map.of("state", PlanState.APPLYING.id()), after);
			return true;
		});
		return Boolean.TRUE.equals(closed);
	}

	/**
	 * Reads the plan's clusters again, so that the plan shows what its apply left, and stores
	 * what still differs from the desired state. A cluster that cannot be read leaves the drift
	 * unknown rather than empty.
	 */
	private void observeAgain(PlanRow plan, List<StepRow> steps) {
		TreeSet<Long> clusters = new TreeSet<>(plan.baseRevision().keySet());
		steps.forEach(step -> clusters.add(step.clusterId()));
		for (var outcome : parallel.observe(clusters).entrySet()) {
			if (outcome.getValue().failed()) {
				log.warn("Could not observe cluster {} after {}: {}", outcome.getKey(), plan.name(),
						outcome.getValue().failure());
				return;
			}
		}
		PlanDrift remaining = drift.getIfAvailable();
		if (remaining == null) {
			return;
		}
		try {
			records.remainingDrift(plan.id(), remaining.remaining(plan.id()));
		}
		catch (RuntimeException ex) {
			log.warn("Could not compute what remains after {}: {}", plan.name(), ex.getMessage());
		}
	}

}
