package io.tfmesh.plan;

import java.util.List;
import java.util.Map;

import io.tfmesh.fabric.tf.GlobalSystemConfig;
import io.tfmesh.fabric.tf.NetworkIpam;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The reverse of a plan restores its done steps' before-images, last change first. */
class ReverseStepsTest {

	static final List<String> POD_IPAM = List.of("default-domain", "k8s-default", "k8s-pod-ipam");

	static StepView step(int position, String key, StepAction action, StepState state, List<String> dependsOn,
			StepOperation operation, @Nullable StepOperation undo, Map<String, String> before, Map<String, String> after) {
		return new StepView(position, key, 1, "aws-east", StepSystem.KUBERNETES, "configmap", key, action, before, after,
				dependsOn, "risk of " + key, operation, undo, state, 1, null, null, null, null, null);
	}

	static StepOperation ipam(String... subnets) {
		return new StepOperation.WriteTfObject(new NetworkIpam(null, POD_IPAM, "flat-subnet", List.of(subnets)));
	}

	static StepOperation keys(String value) {
		return new StepOperation.SetConfigMapKeys("kube-system", "env", Map.of("KUBERNETES_POD_SUBNETS", value), List.of());
	}

	static final StepOperation RESTART = new StepOperation.RestartPods("kube-system", "contrail-kube-manager");

	@Test
	void doneStepsAreUndoneInReverseOrderWithBeforeAndAfterSwappedAndDependenciesTurnedAround() {
		StepView asn = step(0, "asn", StepAction.UPDATE, StepState.DONE, List.of(),
				new StepOperation.WriteTfObject(new GlobalSystemConfig(null, GlobalSystemConfig.DEFAULT_FQ_NAME, 64513, false, true)),
				new StepOperation.WriteTfObject(new GlobalSystemConfig(null, GlobalSystemConfig.DEFAULT_FQ_NAME, 64512, false, true)),
				Map.of("autonomous_system", "64512"), Map.of("autonomous_system", "64513"));
		StepView ipam = step(1, "ipam", StepAction.UPDATE, StepState.DONE, List.of(), ipam("10.32.0.0/12", "100.64.0.0/16"),
				ipam("10.32.0.0/12"), Map.of("subnets", "10.32.0.0/12"), Map.of("subnets", "10.32.0.0/12 100.64.0.0/16"));
		StepView configMap = step(2, "env", StepAction.UPDATE, StepState.DONE, List.of("ipam"), keys("100.64.0.0/16"),
				keys("10.32.0.0/12"), Map.of("KUBERNETES_POD_SUBNETS", "10.32.0.0/12"),
				Map.of("KUBERNETES_POD_SUBNETS", "100.64.0.0/16"));
		StepView restart = step(3, "restart", StepAction.RESTART, StepState.DONE, List.of("env"), RESTART, RESTART,
				Map.of(), Map.of());
		StepView route = step(4, "route", StepAction.CREATE, StepState.DONE, List.of("asn"), keys("x"),
				new StepOperation.DeleteTfObject("virtual-network", List.of("a")), Map.of(), Map.of("route_target", "t"));

		List<PlannedStep> reverse = ReverseSteps.of(List.of(asn, ipam, configMap, restart, route));

		assertThat(reverse).extracting(PlannedStep::key).containsExactly("route", "env", "restart", "ipam", "asn");
		PlannedStep env = reverse.get(1);
		assertThat(env.operation()).isEqualTo(keys("10.32.0.0/12"));
		assertThat(env.undo()).isEqualTo(keys("100.64.0.0/16"));
		assertThat(env.before()).containsEntry("KUBERNETES_POD_SUBNETS", "100.64.0.0/16");
		assertThat(env.after()).containsEntry("KUBERNETES_POD_SUBNETS", "10.32.0.0/12");
		// the ConfigMap named the new subnet: it is restored before the IPAM drops it
		assertThat(reverse.get(3).dependsOn()).containsExactly("env");
		assertThat(reverse.get(4).dependsOn()).containsExactly("route");
		// pods re-read the restored ConfigMap, so they restart after it
		assertThat(reverse.get(2).dependsOn()).containsExactly("env");
		assertThat(reverse.get(0).action()).isEqualTo(StepAction.DELETE);
		assertThat(reverse.get(0).operation()).isInstanceOf(StepOperation.DeleteTfObject.class);
	}

	@Test
	void stepsThatWereNotDoneOrCannotBeUndoneAreLeftOut() {
		StepView done = step(0, "done", StepAction.UPDATE, StepState.DONE, List.of(), keys("a"), keys("b"), Map.of(), Map.of());
		StepView noUndo = step(1, "no-undo", StepAction.UPDATE, StepState.DONE, List.of(), keys("a"), null, Map.of(), Map.of());
		StepView failed = step(2, "failed", StepAction.UPDATE, StepState.FAILED, List.of("done"), keys("a"), keys("b"),
				Map.of(), Map.of());
		StepView skipped = step(3, "skipped", StepAction.UPDATE, StepState.SKIPPED, List.of("failed"), keys("a"),
				keys("b"), Map.of(), Map.of());

		List<PlannedStep> reverse = ReverseSteps.of(List.of(done, noUndo, failed, skipped));

		assertThat(reverse).extracting(PlannedStep::key).containsExactly("done");
		assertThat(reverse.get(0).dependsOn()).isEmpty();
	}

}
