package io.tfmesh.plan.compile;

import java.util.List;
import java.util.Map;

import io.tfmesh.plan.PlannedStep;
import io.tfmesh.plan.StepAction;
import io.tfmesh.plan.StepOperation.RestartPods;
import io.tfmesh.plan.StepSystem;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StepOrderTest {

	@Test
	void putsEachStepAfterItsDependenciesAndKeepsTheFoundOrderOtherwise() {
		List<PlannedStep> sorted = StepOrder.sorted(List.of(step("restart", "configmap"), step("other"),
				step("configmap", "ipam"), step("ipam")));

		assertThat(sorted).extracting(PlannedStep::key).containsExactly("other", "ipam", "configmap", "restart");
	}

	@Test
	void refusesACycle() {
		assertThatThrownBy(() -> StepOrder.sorted(List.of(step("a", "b"), step("b", "a"))))
			.isInstanceOf(IllegalStateException.class);
	}

	private static PlannedStep step(String key, String... dependsOn) {
		return new PlannedStep(key, 1, "c", StepSystem.KUBERNETES, "daemonset", key, StepAction.RESTART, Map.of(),
				Map.of(), List.of(dependsOn), "", new RestartPods("kube-system", key), null);
	}

}
