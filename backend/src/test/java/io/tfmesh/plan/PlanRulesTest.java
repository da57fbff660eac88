package io.tfmesh.plan;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import io.tfmesh.mesh.ChangeWindow;
import io.tfmesh.system.error.ConflictException;
import io.tfmesh.system.error.InvalidInputException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Who may do what to a plan in which state, and when. */
class PlanRulesTest {

	/** A Saturday, 03:00 UTC. */
	static final Instant SATURDAY_3AM = Instant.parse("2026-11-28T03:00:00Z");

	static final ChangeWindow WEEKEND_NIGHTS = new ChangeWindow(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
			LocalTime.of(2, 0), LocalTime.of(6, 0));

	static PlanView plan(PlanState state, String author, @Nullable Instant expiresAt, @Nullable Instant applyAfter) {
		return new PlanView(7, 1L, "prod", null, state, author, SATURDAY_3AM, SATURDAY_3AM, expiresAt, Map.of(1L, "r1"),
				List.of(), List.of(), applyAfter, null, null, null, false, null, null, null, 3,
				Progress.of(List.of()), List.of(), null);
	}

	static PlanView pending(String author) {
		return plan(PlanState.PENDING_APPROVAL, author, SATURDAY_3AM.plusSeconds(72 * 3600), null);
	}

	@Test
	void theAuthorCannotApproveNorRejectTheirOwnPlan() {
		assertThatThrownBy(() -> PlanRules.checkApprove(pending("alice"), "alice", null, null))
			.isInstanceOf(SecondAdminRequiredException.class)
			.hasMessageContaining("a second admin");
		assertThatThrownBy(() -> PlanRules.checkReject(pending("alice"), "alice", "no"))
			.isInstanceOf(SecondAdminRequiredException.class);
		assertThatCode(() -> PlanRules.checkApprove(pending("alice"), "bob", null, null)).doesNotThrowAnyException();
		assertThat(PlanRules.checkReject(pending("alice"), "bob", "  too risky ")).isEqualTo("too risky");
	}

	@ParameterizedTest
	@EnumSource(value = PlanState.class, names = "PENDING_APPROVAL", mode = EnumSource.Mode.EXCLUDE)
	void onlyAPlanPendingApprovalIsApprovedOrRejectedAndTheAnswerNamesItsState(PlanState state) {
		PlanView plan = plan(state, "alice", null, null);

		assertThatThrownBy(() -> PlanRules.checkApprove(plan, "bob", null, null)).isInstanceOf(ConflictException.class)
			.hasMessageContaining("is " + state.id());
		assertThatThrownBy(() -> PlanRules.checkReject(plan, "bob", "why")).isInstanceOf(ConflictException.class)
			.hasMessageContaining("is " + state.id());
	}

	@Test
	void aRejectionNeedsAReason() {
		assertThatThrownBy(() -> PlanRules.checkReject(pending("alice"), "bob", " ")).isInstanceOf(InvalidInputException.class);
		assertThatThrownBy(() -> PlanRules.checkReject(pending("alice"), "bob", null))
			.isInstanceOf(InvalidInputException.class);
	}

	@Test
	void aChosenApplyTimeMustLieInsideTheWindowAndBeforeExpiry() {
		assertThatCode(() -> PlanRules.checkApprove(pending("alice"), "bob", WEEKEND_NIGHTS, SATURDAY_3AM))
			.doesNotThrowAnyException();
		assertThatThrownBy(() -> PlanRules.checkApprove(pending("alice"), "bob", WEEKEND_NIGHTS,
				SATURDAY_3AM.plusSeconds(4 * 3600)))
			.isInstanceOf(OutsideChangeWindowException.class)
			.hasMessageContaining("sat,sun 02:00–06:00 UTC");
		assertThatThrownBy(() -> PlanRules.checkApprove(pending("alice"), "bob", null, SATURDAY_3AM.plusSeconds(73 * 3600)))
			.isInstanceOf(OutsideChangeWindowException.class)
			.hasMessageContaining("after the plan expires");
		// without a window any time before expiry will do
		assertThatCode(() -> PlanRules.checkApprove(pending("alice"), "bob", null, SATURDAY_3AM.plusSeconds(3600)))
			.doesNotThrowAnyException();
	}

	@Test
	void aPlanExpiresOnlyWhileItWaitsAndOnlyAfterItsExpiry() {
		Instant expiry = SATURDAY_3AM.plusSeconds(60);
		for (PlanState state : PlanState.values()) {
			PlanView plan = plan(state, "alice", expiry, null);
			boolean waits = state == PlanState.DRAFT || state == PlanState.PENDING_APPROVAL || state == PlanState.APPROVED;
			assertThat(PlanRules.expired(plan, expiry.plusSeconds(1))).as(state.id()).isEqualTo(waits);
			assertThat(PlanRules.expired(plan, expiry)).as(state.id()).isFalse();
		}
	}

	@Test
	void applyWaitsForTheChosenTimeAndOtherwiseForTheWindow() {
		PlanView scheduled = plan(PlanState.APPROVED, "alice", null, SATURDAY_3AM);
		assertThatThrownBy(() -> PlanRules.checkApply(scheduled, WEEKEND_NIGHTS, SATURDAY_3AM.minusSeconds(1)))
			.isInstanceOf(ConflictException.class)
			.hasMessageContaining("starts by itself then");
		assertThatCode(() -> PlanRules.checkApply(scheduled, WEEKEND_NIGHTS, SATURDAY_3AM)).doesNotThrowAnyException();

		PlanView onRequest = plan(PlanState.APPROVED, "alice", null, null);
		assertThatCode(() -> PlanRules.checkApply(onRequest, null, SATURDAY_3AM.plusSeconds(86400 * 3)))
			.doesNotThrowAnyException();
		assertThatThrownBy(() -> PlanRules.checkApply(onRequest, WEEKEND_NIGHTS, SATURDAY_3AM.plusSeconds(86400 * 3)))
			.isInstanceOf(ConflictException.class)
			.hasMessageContaining("change window");
		assertThatThrownBy(() -> PlanRules.checkApply(pending("alice"), null, SATURDAY_3AM))
			.isInstanceOf(ConflictException.class)
			.hasMessageContaining("is pending-approval");
	}

	@Test
	void anApprovedPlanStartsByItselfWhenItsTimeCameOrItsMeshAppliesOnApprovalInsideTheWindow() {
		PlanView onRequest = plan(PlanState.APPROVED, "alice", null, null);
		assertThat(PlanRules.startsByItself(onRequest, false, null, SATURDAY_3AM)).isFalse();
		assertThat(PlanRules.startsByItself(onRequest, true, null, SATURDAY_3AM)).isTrue();
		assertThat(PlanRules.startsByItself(onRequest, true, WEEKEND_NIGHTS, SATURDAY_3AM)).isTrue();
		assertThat(PlanRules.startsByItself(onRequest, true, WEEKEND_NIGHTS, SATURDAY_3AM.plusSeconds(4 * 3600))).isFalse();

		PlanView scheduled = plan(PlanState.APPROVED, "alice", null, SATURDAY_3AM);
		assertThat(PlanRules.startsByItself(scheduled, false, null, SATURDAY_3AM.minusSeconds(1))).isFalse();
		assertThat(PlanRules.startsByItself(scheduled, false, null, SATURDAY_3AM)).isTrue();
		assertThat(PlanRules.startsByItself(plan(PlanState.PENDING_APPROVAL, "alice", null, null), true, null,
				SATURDAY_3AM)).isFalse();
	}

	@Test
	void cancelEndsAWaitingPlanAtOnceAndAnApplyingOneAtItsNextStep() {
		for (PlanState state : List.of(PlanState.DRAFT, PlanState.PENDING_APPROVAL, PlanState.APPROVED)) {
			assertThat(PlanRules.checkCancel(plan(state, "alice", null, null))).isEqualTo(PlanState.CANCELLED);
		}
		assertThat(PlanRules.checkCancel(plan(PlanState.APPLYING, "alice", null, null))).isEqualTo(PlanState.APPLYING);
		for (PlanState state : List.of(PlanState.APPLIED, PlanState.REJECTED, PlanState.EXPIRED, PlanState.STALE,
				PlanState.FAILED, PlanState.CANCELLED)) {
			assertThatThrownBy(() -> PlanRules.checkCancel(plan(state, "alice", null, null)))
				.isInstanceOf(ConflictException.class)
				.hasMessageContaining("is " + state.id());
		}
	}

	@Test
	void onlyADraftIsSubmittedAndOnlyAFinishedApplyIsReversed() {
		assertThatCode(() -> PlanRules.checkSubmit(plan(PlanState.DRAFT, "alice", null, null))).doesNotThrowAnyException();
		assertThatThrownBy(() -> PlanRules.checkSubmit(pending("alice"))).isInstanceOf(ConflictException.class);
		assertThatCode(() -> PlanRules.checkReverse(plan(PlanState.APPLIED, "alice", null, null)))
			.doesNotThrowAnyException();
		assertThatThrownBy(() -> PlanRules.checkReverse(plan(PlanState.APPROVED, "alice", null, null)))
			.isInstanceOf(ConflictException.class);
	}

}
