package io.tfmesh.apply;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

import io.tfmesh.fabric.ClusterAccess;
import io.tfmesh.fabric.FabricException;
import io.tfmesh.fabric.FabricException.Kind;
import io.tfmesh.inventory.ClusterService;
import io.tfmesh.plan.PlanState;
import io.tfmesh.plan.StepOperation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Runs one attempt of one step: claims it, carries its operation out, records what was done,
 * and moves the plan on. A failure that may pass (the API could not be reached, timed out or
 * failed with a 5xx) is retried later with backoff until the attempts run out; any other fails
 * the step at once with the API's reason.
 */
@Component
class StepWorker {

	private static final Logger log = LoggerFactory.getLogger(StepWorker.class);

	/** Failures that another attempt may not meet. */
	static final Set<Kind> TRANSIENT = EnumSet.of(Kind.UNREACHABLE, Kind.TIMEOUT, Kind.SERVER_ERROR);

	private final PlanRecords records;

	private final PlanCompletion completion;

	private final StepOperations operations;

	private final ClusterService clusters;

	private final ApplySettings settings;

	private final JsonMapper json;

	private final Clock clock;

	private final StepLocks locks;

	private final RandomGenerator random = RandomGenerator.getDefault();

	StepWorker(PlanRecords records, PlanCompletion completion, StepOperations operations, ClusterService clusters,
			ApplySettings settings, JsonMapper json, Clock clock, StepLocks locks) {
		this.records = records;
		this.completion = completion;
		this.operations = operations;
		this.clusters = clusters;
		this.settings = settings;
		this.json = json;
		this.clock = clock;
		this.locks = locks;
	}

	/** @return when to try again, or empty when the step needs no further attempt */
	Optional<Instant> run(long planId, long stepId) {
		Optional<PlanRow> plan = records.plan(planId);
		if (plan.isEmpty() || plan.get().state() != PlanState.APPLYING) {
			return Optional.empty();
		}
		if (plan.get().cancelRequested()) {
			// the boundary between two steps: this one does not start
			completion.settle(planId);
			return Optional.empty();
		}
		Optional<StepRow> pending = records.step(stepId);
		if (pending.isEmpty() || pending.get().state().finished()
				|| !new StepGraph(records.steps(planId)).dependenciesDone(pending.get())) {
			return Optional.empty();
		}
		Optional<StepLocks.Lock> lock = locks.tryLock(stepId);
		if (lock.isEmpty()) {
			// still running in an instance taken for dead: look again once that attempt may be over
			return Optional.of(clock.instant().plus(settings.backoff().delay(1, random)));
		}
		Optional<Instant> retry;
		try (StepLocks.Lock held = lock.get()) {
			Instant started = clock.instant();
			Optional<StepRow> claimed = records.claim(stepId, started);
			if (claimed.isEmpty()) {
				return Optional.empty();
			}
			retry = attempt(claimed.get(), started);
		}
		completion.settle(planId);
		return retry;
	}

	private Optional<Instant> attempt(StepRow step, Instant started) {
		try {
			StepOperation operation = json.readValue(step.operation(), StepOperation.class);
			ClusterAccess access = clusters.access(step.clusterId());
			StepProgress progress = new StepProgress(step.result(), note -> records.note(step.id(), note));
			String result = operations.carryOut(operation, access, progress);
			Instant finished = clock.instant();
			records.done(step.id(), result, finished, Duration.between(started, finished).toMillis());
			log.info("Step {} of plan {}: {}", step.key(), step.planId(), result);
			return Optional.empty();
		}
		catch (FabricException ex) {
			if (TRANSIENT.contains(ex.kind()) && step.attempts() < settings.maxAttempts()) {
				Instant retryAt = clock.instant().plus(settings.backoff().delay(step.attempts(), random));
				records.retryLater(step.id(), "attempt " + step.attempts() + " of " + settings.maxAttempts()
						+ " failed: " + ex.getMessage() + "; trying again at " + retryAt);
				return Optional.of(retryAt);
			}
			String reason = TRANSIENT.contains(ex.kind())
					? "gave up after " + step.attempts() + " attempts: " + ex.getMessage() : ex.getMessage();
			fail(step, started, reason);
			return Optional.empty();
		}
		catch (RuntimeException ex) {
			if (isDatabaseFailure(ex)) {
				// the step stays running; db-scheduler offers it again
				throw ex;
			}
			fail(step, started, ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage());
			return Optional.empty();
		}
	}

	private void fail(StepRow step, Instant started, String reason) {
		Instant finished = clock.instant();
		records.failed(step.id(), reason, finished, Duration.between(started, finished).toMillis());
		log.warn("Step {} of plan {} failed: {}", step.key(), step.planId(), reason);
	}

	private static boolean isDatabaseFailure(RuntimeException ex) {
		return ex instanceof org.springframework.dao.DataAccessException
				|| ex instanceof org.springframework.transaction.TransactionException;
	}

}
