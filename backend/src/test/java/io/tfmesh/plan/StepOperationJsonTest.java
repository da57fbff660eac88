package io.tfmesh.plan;

import java.util.List;
import java.util.Map;

import io.tfmesh.fabric.kubernetes.ServiceExport;
import io.tfmesh.fabric.kubernetes.ServicePort;
import io.tfmesh.fabric.tf.BgpRouter;
import io.tfmesh.fabric.tf.BgpRouter.BgpPeering;
import io.tfmesh.fabric.tf.BgpRouter.BgpRouterParameters;
import io.tfmesh.fabric.tf.GlobalSystemConfig;
import io.tfmesh.fabric.tf.NetworkIpam;
import io.tfmesh.fabric.tf.NetworkPolicy;
import io.tfmesh.fabric.tf.NetworkPolicy.PolicyAddress;
import io.tfmesh.fabric.tf.NetworkPolicy.PolicyRule;
import io.tfmesh.fabric.tf.NetworkPolicy.PortRange;
import io.tfmesh.fabric.tf.VirtualNetwork;
import io.tfmesh.fabric.tf.VirtualNetwork.IpamRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Operations are stored as JSON with their step and read back by whichever worker claims it. */
class StepOperationJsonTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static List<StepOperation> operations() {
		List<String> pod = List.of("default-domain", "k8s-default", "k8s-default-pod-network");
		return List.of(
				new StepOperation.SetConfigMapKeys("kube-system", "env",
						Map.of("KUBERNETES_POD_SUBNETS", "10.48.0.0/16"), List.of("OLD")),
				new StepOperation.RestartPods("kube-system", "contrail-kube-manager"),
				new StepOperation.RestartPods("kube-system", "contrail-controller-control", "k8s-master"),
				new StepOperation.ImportService(new ServiceExport("frontend", "orders-gcp-west",
						List.of(new ServicePort("http", "TCP", 8080, 8080)), List.of("10.112.0.10"),
						Map.of("tfmesh.io/intent", "1"))),
				new StepOperation.WriteTfObject(new NetworkIpam(null,
						List.of("default-domain", "k8s-default", "k8s-pod-ipam"), "flat-subnet",
						List.of("10.32.0.0/12", "10.48.0.0/16"))),
				new StepOperation.WriteTfObject(new VirtualNetwork("u1", pod,
						List.of(new IpamRef(List.of("default-domain", "k8s-default", "k8s-pod-ipam"), List.of())),
						List.of("target:64513:10001"), List.of(), List.of(), List.of(), "flat-subnet-only", false)),
				new StepOperation.WriteTfObject(new GlobalSystemConfig(null, GlobalSystemConfig.DEFAULT_FQ_NAME, 64513,
						false, true)),
				new StepOperation.WriteTfObject(new BgpRouter(null,
						List.of("default-domain", "default-project", "ip-fabric", "__default__", "aws-east-master"),
						new BgpRouterParameters("external-control-node", null, "192.0.2.1", "192.0.2.1", 64514, 179,
								0, List.of("route-target", "inet-vpn"), false),
						List.of(new BgpPeering(List.of("default-domain", "default-project", "ip-fabric", "__default__",
								"gcp-west-master"), List.of("inet-vpn"))))),
				new StepOperation.WriteTfObject(new NetworkPolicy(null,
						List.of("default-domain", "k8s-backend", "tfmesh-orders"),
						List.of(new PolicyRule(">", "tcp",
								List.of(new PolicyAddress(null, "10.48.0.0/16", null)), List.of(new PortRange(-1, -1)),
								List.of(new PolicyAddress(String.join(":", pod), null, null)),
								List.of(new PortRange(8080, 8080)), "pass")))),
				new StepOperation.DeleteTfObject("bgp-router", List.of("a", "b")),
				new StepOperation.RemoveImportedService("frontend", "orders-gcp-west"));
	}

	@ParameterizedTest
	@MethodSource("operations")
	void readsBackWhatItWrote(StepOperation operation) {
		String text = JSON.writeValueAsString(operation);

		assertThat(JSON.readValue(text, StepOperation.class)).isEqualTo(operation);
	}

	@Test
	void aRestartStoredBeforeItCouldNameANodeRestartsEveryNode() {
		String stored = "{\"kind\": \"restart-pods\", \"namespace\": \"kube-system\", \"daemonSet\": \"contrail-agent\"}";

		assertThat(JSON.readValue(stored, StepOperation.class))
			.isEqualTo(new StepOperation.RestartPods("kube-system", "contrail-agent", null));
	}

}
