package io.tfmesh.health.fix;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tfmesh.fabric.kubernetes.ContainerInfo;
import io.tfmesh.fabric.kubernetes.PodInfo;
import io.tfmesh.fabric.tf.BgpRouter;
import io.tfmesh.health.diagnose.Finding;
import io.tfmesh.health.diagnose.Finding.Fix;
import io.tfmesh.observe.ObservedState;
import io.tfmesh.plan.PlannedStep;
import io.tfmesh.plan.StepAction;
import io.tfmesh.plan.StepOperation.DeleteTfObject;
import io.tfmesh.plan.StepOperation.RestartPods;
import io.tfmesh.plan.StepOperation.WriteTfObject;
import io.tfmesh.plan.StepSystem;
import io.tfmesh.system.error.FieldProblem;
import io.tfmesh.system.error.UnprocessableException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class FixStepsTest {

	private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

	private static final String CONTROL_POD = "contrail-controller-control-x7k2p";

	@Test
	void aMissingBgpRouterIsCreatedWithTheAddressAndAsnTheFindingRead() {
		Finding finding = finding("create-bgp-router", Map.of("hostname", "master", "address", "10.0.0.11", "asn", "64513"));

		List<PlannedStep> steps = FixSteps.of(finding, observed(List.of()));

		assertThat(steps).singleElement().satisfies(step -> {
			List<String> fqName = List.of("default-domain", "default-project", "ip-fabric", "__default__", "master");
			assertThat(step.system()).isEqualTo(StepSystem.TUNGSTEN_FABRIC);
			assertThat(step.action()).isEqualTo(StepAction.CREATE);
			assertThat(step.clusterId()).isEqualTo(3);
			assertThat(step.clusterName()).isEqualTo("gcp-west");
			assertThat(step.object()).isEqualTo(String.join(":", fqName));
			assertThat(step.before()).isEmpty();
			assertThat(step.after()).containsEntry("address", "10.0.0.11:179").containsEntry("autonomous_system", "64513");
			BgpRouter router = (BgpRouter) ((WriteTfObject) step.operation()).object();
			assertThat(router.fqName()).isEqualTo(fqName);
			assertThat(router.parameters()).isEqualTo(new BgpRouter.BgpRouterParameters("control-node", "contrail",
					"10.0.0.11", "10.0.0.11", 64513, 179, 0,
					List.of("route-target", "inet-vpn", "e-vpn", "erm-vpn", "inet6-vpn"), false));
			assertThat(step.undo()).isEqualTo(new DeleteTfObject("bgp-router", fqName));
		});
	}

	@Test
	void aBgpRouterWhoseAddressOrAsnWasNotReadIsRefusedNotDefaulted() {
		UnprocessableException noAddress = catchThrowableOfType(UnprocessableException.class,
				() -> FixSteps.of(finding("create-bgp-router", Map.of("hostname", "master", "asn", "64513")),
						observed(List.of())));
		UnprocessableException neither = catchThrowableOfType(UnprocessableException.class,
				() -> FixSteps.of(finding("create-bgp-router", Map.of("hostname", "master")), observed(List.of())));

		assertThat(noAddress.problems()).extracting(FieldProblem::field).containsExactly("address");
		assertThat(noAddress.problems().get(0).message()).contains("was not read");
		assertThat(neither.problems()).extracting(FieldProblem::field).containsExactly("address", "asn");
	}

	@Test
	void aControlPodRestartDeletesThePodOfItsDaemonSetOnThatNodeOnly() {
		Finding finding = finding("restart-pod", Map.of("namespace", "kube-system", "pod", CONTROL_POD, "node", "master"));

		List<PlannedStep> steps = FixSteps.of(finding,
				observed(List.of(pod(CONTROL_POD, "master", "DaemonSet", "contrail-controller-control"))));

		assertThat(steps).singleElement().satisfies(step -> {
			assertThat(step.system()).isEqualTo(StepSystem.KUBERNETES);
			assertThat(step.action()).isEqualTo(StepAction.RESTART);
			assertThat(step.operation())
				.isEqualTo(new RestartPods("kube-system", "contrail-controller-control", "master"));
			assertThat(step.before()).containsEntry("pod", CONTROL_POD);
			assertThat(step.undo()).isNull();
		});
	}

	@Test
	void aRestartOfAPodThatWasNotReadOrIsNoDaemonSetsIsRefused() {
		Map<String, String> unread = new LinkedHashMap<>(Map.of("namespace", "kube-system", "node", "master"));
		Map<String, String> named = Map.of("namespace", "kube-system", "pod", CONTROL_POD, "node", "master");

		assertThat(refusal(finding("restart-pod", unread), observed(List.of()))).contains("was not read");
		assertThat(refusal(finding("restart-pod", named), observed(List.of())))
			.contains("not in the cluster's latest observation");
		assertThat(refusal(finding("restart-pod", named), observed(List.of(pod(CONTROL_POD, "master", "ReplicaSet",
				"contrail-control-abc"))))).contains("does not belong to a DaemonSet");
	}

	@Test
	void fixesOfOtherKindsAndFindingsWithoutAFixAreRefused() {
		assertThat(refusal(finding("sync-ntp", Map.of("node", "master")), observed(List.of())))
			.contains("sync-ntp")
			.contains("only create-bgp-router and restart-pod");
		Finding unknown = new Finding("no-bgp-configuration-for-self", Finding.UNKNOWN, "master", "unknown cause",
				List.of(), null);
		assertThat(refusal(unknown, observed(List.of()))).contains("proposes no fix");
	}

	private static String refusal(Finding finding, ObservedState observed) {
		UnprocessableException refused = catchThrowableOfType(UnprocessableException.class,
				() -> FixSteps.of(finding, observed));
		assertThat(refused).as("refused").isNotNull();
		return refused.problems().get(0).message();
	}

	private static Finding finding(String kind, Map<String, String> parameters) {
		return new Finding("no-bgp-configuration-for-self", Finding.CRITICAL, "master", "cause",
				List.of(new Finding.Evidence("control/control on master", "control: initializing", "introspect", 5)),
				new Fix("fix it", kind, parameters));
	}

	private static ObservedState observed(List<PodInfo> pods) {
		return new ObservedState(3, "gcp-west", NOW.minusSeconds(60), 10, true, "r", List.of(), null, List.of(),
				List.of(), List.of(), new ArrayList<>(pods), null, List.of(), null, List.of(), List.of(), null,
				List.of(), List.of(), List.of());
	}

	private static PodInfo pod(String name, String node, String ownerKind, String ownerName) {
		ContainerInfo container = new ContainerInfo("contrail-controller-control", null, null,
				ContainerInfo.State.RUNNING, null, true, 0);
		return new PodInfo("kube-system", name, Map.of(), "Running", true, 0, node, ownerKind, ownerName, null,
				List.of(container), true, null);
	}

}
