package io.tfmesh.observe;

import java.time.Instant;
import java.util.List;

import io.tfmesh.fabric.kubernetes.KubeadmConfig;
import io.tfmesh.fabric.tf.NetworkIpam;
import io.tfmesh.observe.ObservedState.Forwarding;
import io.tfmesh.observe.ObservedState.Setting;
import io.tfmesh.observe.ObservedState.SettingDrift;
import io.tfmesh.observe.ObservedState.SourceReading;
import io.tfmesh.observe.ObservedState.TfConfig;
import io.tfmesh.observe.ObservedView.SubnetRow;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ObservedViewTest {

	private static final Instant NOW = Instant.parse("2024-06-01T12:00:00Z");

	private static final List<Setting> KUBE_MANAGER = List.of(
			new Setting("KUBERNETES_POD_SUBNETS", "10.32.0.0/12", "entrypoint default", false),
			new Setting("KUBERNETES_SERVICE_SUBNETS", "10.96.0.0/12", "entrypoint default", false),
			new Setting("KUBERNETES_CLUSTER_NAME", "k8s", "entrypoint default", false));

	private static final TfConfig TF = new TfConfig(64512L,
			List.of(ipam("k8s-pod-ipam", "10.32.0.0/12"), ipam("k8s-ip-fabric-ipam", "10.64.0.0/12"),
					ipam("k8s-service-ipam", "10.96.0.0/12")),
			List.of(), List.of(), List.of(), null, null, null);

	@Test
	void thePodRowShowsTheIpFabricRangeUnderForwardingAndAgreesWithIt() {
		SubnetRow pods = pods(state(TF, forwarding("on", "k8s-ip-fabric-ipam", "10.64.0.0/12"), List.of()));

		assertThat(pods.tfText()).isEqualTo("10.64.0.0/12");
		assertThat(pods.tfSource()).isEqualTo("k8s-ip-fabric-ipam");
		assertThat(pods.kubeManagerText()).isEqualTo("10.32.0.0/12");
		assertThat(pods.agree()).isTrue();
		assertThat(pods(state(TF, forwarding("off", "k8s-pod-ipam", "10.48.0.0/12"), List.of())).agree()).isFalse();
	}

	@Test
	void aDriftOfTheAgentMakesThePodRowDisagree() {
		SubnetRow pods = pods(state(TF, forwarding("off", "k8s-pod-ipam", "10.32.0.0/12"),
				List.of(new SettingDrift("KUBERNETES_POD_SUBNETS", "10.32.0.0/12", "entrypoint default", "10.48.0.0/12",
						"configmap/env"))));

		assertThat(pods.agree()).isFalse();
	}

	@Test
	void showsWhatWasNotReadAsUnknown() {
		ObservedView view = ObservedView.of(state(null, new Forwarding("unknown", "the TF config API could not be read",
				null, null, List.of(), List.of(), List.of()), List.of()), NOW);

		assertThat(view.subnets()).allSatisfy(row -> assertThat(row.tfText()).isEqualTo("unknown"));
		assertThat(view.subnets().get(0).tfSource()).isEqualTo("the TF config API could not be read");
		assertThat(view.failedSources()).containsExactly("tungsten-fabric/config-api failed (UNREACHABLE)");
		assertThat(new SubnetRow("pod", null, null, "unknown: configmap/env could not be read", null, null, List.of(),
				"", false, true).kubeManagerText()).isEqualTo("unknown");
	}

	private static SubnetRow pods(ObservedState state) {
		return ObservedView.of(state, NOW).subnets().get(0);
	}

	private static Forwarding forwarding(String mode, String ipam, String subnet) {
		return new Forwarding(mode, "test", null, "default-domain:k8s-default:k8s-default-pod-network", List.of(ipam),
				List.of(subnet), List.of());
	}

	private static ObservedState state(@Nullable TfConfig tf, Forwarding forwarding, List<SettingDrift> drift) {
		List<SourceReading> sources = tf == null
				? List.of(new SourceReading("tungsten-fabric/config-api", "failed", "UNREACHABLE", "refused", 1))
				: List.of();
		return new ObservedState(1, "a", NOW, 5, tf != null, "r1", sources,
				new KubeadmConfig(null, null, "v1.29.1", "cluster.local", "1"), List.of(), KUBE_MANAGER, List.of(),
				List.of(), tf, List.of(), null, List.of(), drift, forwarding, List.of(), List.of(), List.of());
	}

	private static NetworkIpam ipam(String name, String subnet) {
		return new NetworkIpam(null, List.of("default-domain", "k8s-default", name), "flat-subnet", List.of(subnet));
	}

}
