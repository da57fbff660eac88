package io.tfmesh.apply.bench;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.tfmesh.plan.PlannedStep;
import io.tfmesh.plan.StepOperation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BenchPlanTest {

	@Test
	void eachClusterGetsSixStepsThatDependOnlyOnItsOwnEarlierSteps() {
		List<PlannedStep> steps = BenchPlan.forCluster(7, "bench-007", 7);

		assertThat(steps).hasSize(6).allSatisfy(step -> assertThat(step.clusterId()).isEqualTo(7));
		for (int i = 0; i < steps.size(); i++) {
			Set<String> earlier = steps.subList(0, i).stream().map(PlannedStep::key).collect(Collectors.toSet());
			assertThat(earlier).containsAll(steps.get(i).dependsOn()).doesNotContain(steps.get(i).key());
		}
		assertThat(steps).filteredOn(step -> step.operation() instanceof StepOperation.RestartPods)
			.extracting(step -> step.dependsOn().size())
			.containsExactly(2, 1);
	}

	@Test
	void theObjectsCountedAreTheOnesTheStepsWrite() {
		List<PlannedStep> steps = BenchPlan.forCluster(1, "bench-001", 1);

		assertThat(steps).filteredOn(step -> step.operation() instanceof StepOperation.SetConfigMapKeys)
			.extracting(step -> "configmaps/" + step.object())
			.containsExactlyElementsOf(BenchPlan.kubernetesObjects());
		assertThat(steps).filteredOn(step -> step.operation() instanceof StepOperation.WriteTfObject)
			.extracting(step -> step.objectType() + "/" + step.object())
			.containsExactlyElementsOf(BenchPlan.tfObjects());
	}

}
