package io.tfmesh.apply;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.tfmesh.plan.PlanState;
import io.tfmesh.plan.StepState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StepGraphTest {

	private static long ids;

	static StepRow step(String key, StepState state, String... dependsOn) {
		return new StepRow(++ids, 1, (int) ids, key, 1, "east", "configmap", key, "update", List.of(dependsOn), state,
				0, null, null, null, null, "{}", null, state == StepState.FAILED ? "refused" : null);
	}

	@Test
	void aStepIsReadyWhenEveryDependencyIsDone() {
		StepGraph graph = new StepGraph(List.of(step("ipam", StepState.DONE), step("env", StepState.PENDING, "ipam"),
				step("restart", StepState.PENDING, "env"), step("other", StepState.PENDING),
				step("both", StepState.PENDING, "ipam", "other")));

		assertThat(graph.ready()).extracting(StepRow::key).containsExactly("env", "other");
	}

	@Test
	void runningAndFinishedStepsAreNeverReady() {
		StepGraph graph = new StepGraph(List.of(step("a", StepState.RUNNING), step("b", StepState.DONE),
				step("c", StepState.FAILED)));

		assertThat(graph.ready()).isEmpty();
	}

	@Test
	void aDependencyThatIsNotInThePlanNeverCountsAsDone() {
		assertThat(new StepGraph(List.of(step("a", StepState.PENDING, "missing"))).ready()).isEmpty();
	}

	@Test
	void stepsThatDependOnAFailedOneDirectlyOrThroughOthersAreBlockedNamingIt() {
		StepGraph graph = new StepGraph(List.of(step("ipam", StepState.FAILED), step("env", StepState.PENDING, "ipam"),
				step("restart", StepState.PENDING, "env"), step("west", StepState.PENDING),
				step("after-west", StepState.PENDING, "west")));

		Map<String, String> blocked = graph.blocked()
			.entrySet()
			.stream()
			.collect(Collectors.toMap(entry -> entry.getKey().key(), Map.Entry::getValue));
		assertThat(blocked).containsOnly(Map.entry("env", "ipam"), Map.entry("restart", "ipam"));
	}

	@Test
	void aStepSkippedEarlierPassesItsCauseOn() {
		StepGraph graph = new StepGraph(List.of(step("ipam", StepState.FAILED), step("env", StepState.SKIPPED, "ipam"),
				step("restart", StepState.PENDING, "env")));

		assertThat(graph.blocked().values()).containsExactly("ipam");
	}

	@Test
	void thePlanEndsOnlyWhenNoStepIsPendingOrRunning() {
		assertThat(new StepGraph(List.of(step("a", StepState.DONE), step("b", StepState.RUNNING))).outcome()).isEmpty();
		assertThat(new StepGraph(List.of(step("a", StepState.DONE), step("b", StepState.PENDING))).outcome()).isEmpty();
		assertThat(new StepGraph(List.of(step("a", StepState.DONE), step("b", StepState.DONE))).outcome())
			.contains(PlanState.APPLIED);
		assertThat(new StepGraph(List.of()).outcome()).contains(PlanState.APPLIED);
	}

	@Test
	void aFailedStepFailsThePlanEvenWhenOthersWereCancelled() {
		assertThat(new StepGraph(List.of(step("a", StepState.FAILED), step("b", StepState.CANCELLED))).outcome())
			.contains(PlanState.FAILED);
		assertThat(new StepGraph(List.of(step("a", StepState.DONE), step("b", StepState.CANCELLED))).outcome())
			.contains(PlanState.CANCELLED);
	}

	@Test
	void theFailureNamesEachFailedStepWithItsReasonAndCountsTheSkipped() {
		StepGraph graph = new StepGraph(List.of(step("ipam", StepState.FAILED), step("env", StepState.SKIPPED, "ipam"),
				step("restart", StepState.SKIPPED, "env"), step("west", StepState.DONE)));

		assertThat(graph.failure()).isEqualTo("step ipam failed: refused\n2 dependent steps were skipped");
		assertThat(new StepGraph(List.of(step("a", StepState.DONE))).failure()).isNull();
	}

}
