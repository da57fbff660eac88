package io.tfmesh.plan;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

import io.tfmesh.audit.AuditAction;
import io.tfmesh.audit.AuditLog;
import io.tfmesh.mesh.ChangeWindow;
import io.tfmesh.mesh.MeshService;
import io.tfmesh.mesh.MeshView;
import io.tfmesh.system.error.ConflictException;
import io.tfmesh.system.error.NotFoundException;
import io.tfmesh.system.web.ListSort;
import io.tfmesh.system.web.PageQuery;
import io.tfmesh.system.web.PageView;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Change plans: computed against the clusters' latest observations, approved by a second admin,
 * started on request, by themselves or at the time chosen at approval, cancelled, reversed.
 * Every transition is audited in the transaction that makes it.
 */
@Service
public class PlanService {

	/** The columns the plan list sorts by, each a column of the plan table; newest first by default. */
	public static final Map<String, String> SORT_COLUMNS = ListSort.columns("plan", "id", "mesh", "mesh_name", "state",
			"state", "author", "author", "approvedBy", "approved_by", "created", "created_at", "expires", "expires_at");

	/** The plan list's order without a sort parameter. */
	public static final String DEFAULT_SORT = "-created";

	static final String KIND = "plan";

	/** A start that was claimed this long ago without the plan applying was lost with its caller. */
	static final Duration ABANDONED_START = Duration.ofMinutes(2);

	private static final Logger log = LoggerFactory.getLogger(PlanService.class);

	private final PlanStore plans;

	private final PlanningInputs inputs;

	private final PlanCompiler compiler;

	private final ObjectProvider<PlanExecution> execution;

	private final MeshService meshes;

	private final AuditLog audit;

	private final PlanSettings settings;

	private final TransactionTemplate transaction;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	/**
	 * @param execution looked up when a plan starts: the workers read plans through this module,
	 * so resolving it later keeps the two free of a construction cycle
	 */
	PlanService(PlanStore plans, PlanningInputs inputs, PlanCompiler compiler, ObjectProvider<PlanExecution> execution,
			MeshService meshes, AuditLog audit, PlanSettings settings, PlatformTransactionManager transactions,
			ApplicationEventPublisher events, Clock clock) {
		this.plans = plans;
		this.inputs = inputs;
		this.compiler = compiler;
		this.execution = execution;
		this.meshes = meshes;
		this.audit = audit;
		this.settings = settings;
		this.transaction = new TransactionTemplate(transactions);
		this.events = events;
		this.clock = clock;
	}

	/** What computing a plan gave: the stored plan, or why there is none. */
	public record Created(@Nullable PlanView plan, String message) {
	}

	/**
	 * Computes and stores a plan for a mesh, or for one of its members. Targets observed longer
	 * ago than the configured bound are observed first; a target whose observation is
	 * incomplete is refused, and nothing is stored.
	 * @param draft whether the plan waits as a draft instead of going to approval at once
	 */
	public Created create(long meshId, @Nullable Long clusterId, boolean draft) {
		String author = AuditLog.currentActor();
		PlanningInputs.Gathered gathered = inputs.gather(meshId, clusterId, true);
		if (!gathered.incomplete().isEmpty()) {
			throw new IncompleteObservationException(gathered.incomplete());
		}
		CompiledPlan compiled = compiler.compile(gathered.input(), clusterId);
		String scope = clusterId == null ? "mesh " + gathered.mesh().name()
				: gathered.input().members().stream().filter(m -> m.clusterId() == clusterId).findFirst().orElseThrow().clusterName();
		if (compiled.empty()) {
			return new Created(null, "Nothing to change: the clusters of " + scope
					+ " already match their allocations, ASNs and intents" + notes(compiled));
		}
		Instant now = clock.instant();
		PlanState state = draft ? PlanState.DRAFT : PlanState.PENDING_APPROVAL;
		PlanView plan = transaction.execute(status -> {
			long id = plans.insert(new PlanStore.NewPlan(meshId, gathered.mesh().name(), clusterId, state, author, now,
					now.plus(settings.expireAfter()), gathered.baseRevision(), compiled.notes(), null, compiled.steps(),
					null));
			PlanView stored = find(id);
			audit.record(draft ? AuditAction.CREATE : AuditAction.SUBMIT, KIND, id, name(stored), null, auditView(stored));
			if (!draft) {
				announce(stored, author);
			}
			return stored;
		});
		return new Created(plan, "Plan " + plan.id() + " with " + plan.steps().size() + " steps for " + scope
				+ (draft ? " is a draft; submit it for approval" : " awaits approval by an admin other than " + author));
	}

	/**
	 * What a plan made from a diagnosis's proposed fix is made of: steps for one cluster, computed
	 * elsewhere against one observation of it.
	 *
	 * @param baseRevision the revision of the observation the steps were computed against; the
	 * plan goes stale on apply when the cluster no longer has it
	 */
	public record FixChange(long clusterId, String baseRevision, List<PlannedStep> steps, PlanOrigin origin) {

		public FixChange {
			steps = List.copyOf(steps);
		}

	}

	/**
	 * Stores a plan that carries out a diagnosis's fix, under the rules of every plan: pending
	 * approval by a second admin (or a draft), applied by the workers, stale when the cluster
	 * changed before it starts. It belongs to the cluster's mesh when the cluster is in one, so
	 * that the mesh's change window holds for it.
	 */
	public PlanView createFromFix(FixChange change, boolean draft) {
		String author = AuditLog.currentActor();
		MeshView mesh = meshes.meshOf(change.clusterId()).orElse(null);
		Instant now = clock.instant();
		PlanState state = draft ? PlanState.DRAFT : PlanState.PENDING_APPROVAL;
		return transaction.execute(status -> {
			long id = plans.insert(new PlanStore.NewPlan(mesh == null ? null : mesh.id(),
					mesh == null ? null : mesh.name(), change.clusterId(), state, author, now,
					now.plus(settings.expireAfter()), Map.of(change.clusterId(), change.baseRevision()), List.of(), null,
					change.steps(), change.origin()));
			PlanView stored = find(id);
			audit.record(draft ? AuditAction.CREATE : AuditAction.SUBMIT, KIND, id, name(stored), null,
					auditView(stored));
			if (!draft) {
				announce(stored, author);
			}
			return stored;
		});
	}

	/** The plan, expired first if it has waited past its expiry. */
	public PlanView get(long id) {
		PlanView plan = find(id);
		return PlanRules.expired(plan, clock.instant()) ? expire(plan) : plan;
	}

	public PageView<PlanSummary> list(String q, @Nullable PlanState state, @Nullable Long meshId, PageQuery page,
			ListSort sort) {
		expireDue();
		return plans.list(q, state, meshId, page, sort);
	}

	public PlanView submit(long id) {
		String author = AuditLog.currentActor();
		return transition(id, AuditAction.SUBMIT, plan -> {
			PlanRules.checkSubmit(plan);
			if (!plans.submit(id, plan.version(), clock.instant())) {
				return false;
			}
			announce(plan, author);
			return true;
		});
	}

	/**
	 * @param applyAt when the plan is to start, inside the mesh's change window; null to start on
	 * request (or at once, when the mesh applies on approval)
	 */
	@PreAuthorize("hasRole('ADMIN')")
	public PlanView approve(long id, @Nullable Instant applyAt) {
		String admin = AuditLog.currentActor();
		return transition(id, AuditAction.APPROVE, plan -> {
			PlanRules.checkApprove(plan, admin, window(plan), applyAt);
			return plans.approve(id, plan.version(), admin, clock.instant(), applyAt);
		});
	}

	@PreAuthorize("hasRole('ADMIN')")
	public PlanView reject(long id, @Nullable String reason) {
		String admin = AuditLog.currentActor();
		return transition(id, AuditAction.REJECT, plan -> {
			String why = PlanRules.checkReject(plan, admin, reason);
			return plans.reject(id, plan.version(), admin, clock.instant(), why);
		});
	}

	/**
	 * Cancels a plan that has not started at once; one that is applying stops at its next step
	 * boundary, where its workers finish it as cancelled.
	 */
	public PlanView cancel(long id) {
		return transition(id, AuditAction.CANCEL, plan -> {
			PlanState to = PlanRules.checkCancel(plan);
			return to == PlanState.CANCELLED ? plans.close(id, plan.version(), PlanState.CANCELLED, clock.instant())
					: plans.requestCancel(id, plan.version(), clock.instant());
		});
	}

	/**
	 * Starts an approved plan on request: its clusters are observed again and, when one changed
	 * since the plan was computed, the plan goes stale and nothing is written.
	 * @throws StalePlanException when it went stale
	 */
	public PlanView apply(long id) {
		String actor = AuditLog.currentActor();
		PlanView plan = get(id);
		PlanRules.checkApply(plan, window(plan), clock.instant());
		PlanState state = start(plan, actor);
		if (state == PlanState.STALE) {
			throw new StalePlanException(id, plan.meshId());
		}
		return find(id);
	}

	/** Plans that waited past their expiry become expired; returns how many did. */
	public int expireDue() {
		int expired = 0;
		for (long id : plans.expiredBy(clock.instant())) {
			PlanView plan = find(id);
			if (PlanRules.expired(plan, clock.instant())) {
				try {
					expire(plan);
					expired++;
				}
				catch (ConflictException ex) {
					log.debug("plan {} changed while it was expired: {}", id, ex.getMessage());
				}
			}
		}
		return expired;
	}

	/** Starts the approved plans that are due: their mesh applies on approval, or their chosen time came. */
	public int startDue() {
		Instant now = clock.instant();
		int started = 0;
		for (long id : plans.dueToStart(now, now.minus(ABANDONED_START))) {
			PlanView plan = find(id);
			MeshView mesh = plan.meshId() == null ? null : meshes.get(plan.meshId());
			if (mesh != null && PlanRules.startsByItself(plan, mesh.applyOnApproval(), mesh.changeWindow(), now)) {
				try {
					start(plan, AuditLog.SYSTEM);
					started++;
				}
				catch (RuntimeException ex) {
					log.warn("plan {} could not be started: {}", id, ex.getMessage());
				}
			}
		}
		return started;
	}

	/**
	 * A new plan, pending approval, whose steps restore what the done steps of an applied plan
	 * changed, last change first.
	 */
	public PlanView reverse(long id) {
		String author = AuditLog.currentActor();
		PlanView original = get(id);
		PlanRules.checkReverse(original);
		List<PlannedStep> steps = ReverseSteps.of(original.steps());
		if (steps.isEmpty()) {
			throw new ConflictException("Plan " + id + " has no done step that can be undone; nothing to reverse");
		}
		if (original.meshId() == null && original.origin() != null) {
			throw new ConflictException("Plan " + id + " was made from a diagnosis of " + original.scope()
					+ ", which belongs to no mesh; a plan outside a mesh is not reversed");
		}
		if (original.meshId() == null) {
			throw new ConflictException("The mesh of plan " + id + " was deleted; its clusters can no longer be planned");
		}
		PlanningInputs.Gathered gathered = inputs.gather(original.meshId(), original.clusterId(), true);
		if (!gathered.incomplete().isEmpty()) {
			throw new IncompleteObservationException(gathered.incomplete());
		}
		Map<Long, String> revisions = new LinkedHashMap<>();
		steps.forEach(step -> revisions.put(step.clusterId(), gathered.baseRevision().get(step.clusterId())));
		revisions.values().removeIf(Objects::isNull);
		Instant now = clock.instant();
		return transaction.execute(status -> {
			long reverseId = plans.insert(new PlanStore.NewPlan(original.meshId(), original.meshName(),
					original.clusterId(), PlanState.PENDING_APPROVAL, author, now, now.plus(settings.expireAfter()),
					revisions, List.of("Restores what plan " + id + " changed, in reverse order."), id, steps, null));
			PlanView stored = find(reverseId);
			audit.record(AuditAction.REVERSE, KIND, reverseId, name(stored), null, auditView(stored));
			announce(stored, author);
			return stored;
		});
	}

	private PlanState start(PlanView plan, String actor) {
		Instant now = clock.instant();
		boolean claimed = Boolean.TRUE.equals(transaction.execute(status -> {
			if (!plans.claimStart(plan.id(), actor, now, now.minus(ABANDONED_START))) {
				return false;
			}
			audit.record(AuditAction.APPLY, KIND, plan.id(), name(plan), auditView(plan),
					Map.of("state", PlanState.APPROVED.id(), "applyRequestedBy", actor));
			return true;
		}));
		if (!claimed) {
			throw new ConflictException("Plan " + plan.id() + " is being started by someone else");
		}
		try {
			return execution.getObject().start(plan.id(), actor);
		}
		catch (IllegalStateException ex) {
			throw new ConflictException("Plan " + plan.id() + " could not be started: " + ex.getMessage());
		}
		catch (RuntimeException ex) {
			plans.releaseStart(plan.id());
			throw ex;
		}
	}

	private PlanView expire(PlanView plan) {
		try {
			return transition(plan.id(), AuditAction.EXPIRE, current -> PlanRules.expired(current, clock.instant())
					&& plans.close(current.id(), current.version(), PlanState.EXPIRED, clock.instant()));
		}
		catch (ConflictException ex) {
			// expired or decided by another caller meanwhile: what it is now is the answer
			return find(plan.id());
		}
	}

	/** A change of state that must find the plan as it was read, or it answers 409. */
	private PlanView transition(long id, AuditAction action, Predicate<PlanView> change) {
		if (action != AuditAction.EXPIRE) {
			// an expired plan is closed first, in a transaction of its own, and then refused in its new state
			get(id);
		}
		return transaction.execute(status -> {
			PlanView before = find(id);
			if (!change.test(before)) {
				PlanView now = find(id);
				throw new ConflictException("Plan " + id + " was changed by someone else meanwhile; it is "
						+ now.state().id() + " now");
			}
			PlanView after = find(id);
			audit.record(action, KIND, id, name(after), auditView(before), auditView(after));
			return after;
		});
	}

	/** Tells listeners, in the caller's transaction, that the plan now waits for an admin. */
	private void announce(PlanView plan, String submittedBy) {
		String changes = plan.steps().size() + (plan.steps().size() == 1 ? " step" : " steps")
				+ (plan.steps().isEmpty() ? "" : " on " + String.join(", ", plan.clustersTouched()));
		events.publishEvent(new PlanAwaitsApproval(plan.id(), name(plan), changes, submittedBy, plan.meshId(),
				plan.clusterId(), clock.instant()));
	}

	private PlanView find(long id) {
		return plans.find(id).orElseThrow(() -> new NotFoundException(KIND, id));
	}

	private @Nullable ChangeWindow window(PlanView plan) {
		return plan.meshId() == null ? null : meshes.get(plan.meshId()).changeWindow();
	}

	private static String name(PlanView plan) {
		return plan.scope() + " #" + plan.id();
	}

	private static String notes(CompiledPlan compiled) {
		return compiled.notes().isEmpty() ? "" : " (" + String.join("; ", compiled.notes()) + ")";
	}

	/** What the audit log keeps of a plan: its life, not its steps. */
	private static Map<String, Object> auditView(PlanView plan) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("state", plan.state().id());
		view.put("mesh", plan.scope());
		if (plan.origin() != null) {
			view.put("fromDiagnosis", plan.origin().code() + (plan.origin().node() == null ? "" : " on " + plan.origin().node()));
		}
		view.put("steps", plan.steps().size());
		view.put("author", plan.author());
		if (plan.approval() != null) {
			view.put(plan.approval().decision() + "By", plan.approval().admin());
			if (plan.approval().reason() != null) {
				view.put("reason", plan.approval().reason());
			}
		}
		if (plan.applyAfter() != null) {
			view.put("applyAfter", plan.applyAfter().toString());
		}
		if (plan.cancelRequested()) {
			view.put("cancelRequested", true);
		}
		if (plan.reverseOf() != null) {
			view.put("reverseOf", plan.reverseOf());
		}
		return view;
	}

}
