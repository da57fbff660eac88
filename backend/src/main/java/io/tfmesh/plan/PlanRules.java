package io.tfmesh.plan;

import java.time.Instant;
import java.util.Set;

import io.tfmesh.mesh.ChangeWindow;
import io.tfmesh.system.error.ConflictException;
import io.tfmesh.system.error.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * Who may do what to a plan in which state, and when. Pure: the caller passes the plan as read,
 * the actor and the time, and gets an exception for a refusal.
 */
final class PlanRules {

	/** The states in which a plan still waits for someone, and so can expire. */
	static final Set<PlanState> WAITING = Set.of(PlanState.DRAFT, PlanState.PENDING_APPROVAL, PlanState.APPROVED);

	private PlanRules() {
	}

	/** Whether the plan has waited past its expiry and is to become expired now. */
	static boolean expired(PlanView plan, Instant now) {
		return WAITING.contains(plan.state()) && plan.expiresAt() != null && now.isAfter(plan.expiresAt());
	}

	static void checkSubmit(PlanView plan) {
		requireState(plan, PlanState.DRAFT, "submitted");
	}

	/**
	 * @param window the mesh's change window, null when it has none
	 * @param applyAt the time the approver chose, null for on request
	 */
	static void checkApprove(PlanView plan, String admin, @Nullable ChangeWindow window, @Nullable Instant applyAt) {
		requireSecondAdmin(plan, admin);
		requireState(plan, PlanState.PENDING_APPROVAL, "approved");
		if (applyAt == null) {
			return;
		}
		if (window != null && !window.contains(applyAt)) {
			throw new OutsideChangeWindowException("applyAt " + applyAt + " lies outside the change window of mesh "
					+ plan.meshName() + " (" + window.describe() + "); choose a time inside it");
		}
		if (plan.expiresAt() != null && applyAt.isAfter(plan.expiresAt())) {
			throw new OutsideChangeWindowException("applyAt " + applyAt + " lies after the plan expires ("
					+ plan.expiresAt() + "); choose an earlier time or plan again later");
		}
	}

	static String checkReject(PlanView plan, String admin, @Nullable String reason) {
		if (reason == null || reason.isBlank()) {
			throw new InvalidInputException("reason", "is required: say why the plan is rejected");
		}
		if (reason.length() > 2000) {
			throw new InvalidInputException("reason", "must be at most 2000 characters");
		}
		requireSecondAdmin(plan, admin);
		requireState(plan, PlanState.PENDING_APPROVAL, "rejected");
		return reason.strip();
	}

	/**
	 * @param window the mesh's change window, null when it has none
	 */
	static void checkApply(PlanView plan, @Nullable ChangeWindow window, Instant now) {
		requireState(plan, PlanState.APPROVED, "applied");
		if (plan.applyAfter() != null) {
			if (now.isBefore(plan.applyAfter())) {
				throw new ConflictException("Plan " + plan.id() + " is to start at " + plan.applyAfter()
						+ ", the time chosen at its approval; it starts by itself then");
			}
			return;
		}
		if (window != null && !window.contains(now)) {
			throw new ConflictException("Plan " + plan.id() + " may start only inside the change window of mesh "
					+ plan.meshName() + " (" + window.describe() + ")");
		}
	}

	/** Whether a plan with no time chosen at approval may start by itself now. */
	static boolean startsByItself(PlanView plan, boolean applyOnApproval, @Nullable ChangeWindow window, Instant now) {
		if (plan.state() != PlanState.APPROVED) {
			return false;
		}
		if (plan.applyAfter() != null) {
			return !now.isBefore(plan.applyAfter());
		}
		return applyOnApproval && (window == null || window.contains(now));
	}

	/** @return the state the plan is to take: cancelled at once, or applying until its workers stop */
	static PlanState checkCancel(PlanView plan) {
		if (WAITING.contains(plan.state())) {
			return PlanState.CANCELLED;
		}
		if (plan.state() == PlanState.APPLYING) {
			return PlanState.APPLYING;
		}
		throw new ConflictException("Plan " + plan.id() + " is " + plan.state().id()
				+ "; only a plan that is a draft, pending approval, approved or applying can be cancelled");
	}

	static void checkReverse(PlanView plan) {
		if (plan.state() != PlanState.APPLIED && plan.state() != PlanState.FAILED
				&& plan.state() != PlanState.CANCELLED) {
			throw new ConflictException("Plan " + plan.id() + " is " + plan.state().id()
					+ "; only a plan that was applied (or failed or was cancelled part way) can be reversed");
		}
	}

	private static void requireSecondAdmin(PlanView plan, String admin) {
		if (plan.author().equals(admin)) {
			throw new SecondAdminRequiredException(plan.id(), plan.author());
		}
	}

	private static void requireState(PlanView plan, PlanState required, String verb) {
		if (plan.state() != required) {
			String wanted = required == PlanState.DRAFT ? "a draft" : required.id().replace('-', ' ');
			throw new ConflictException("Plan " + plan.id() + " is " + plan.state().id() + "; only a plan that is "
					+ wanted + " can be " + verb);
		}
	}

}
