package io.tfmesh.fabric.kubernetes;

import java.util.Map;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.tfmesh.fabric.FabricException;
import io.tfmesh.fabric.FabricException.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KubeadmConfigsTest {

	@Test
	void readsADualStackClusterConfigurationAsWritten() {
		KubeadmConfig config = KubeadmConfigs.parse(kubeadmConfig("""
				apiVersion: kubeadm.k8s.io/v1beta3
				kind: ClusterConfiguration
				kubernetesVersion: v1.29.1
				networking:
				  dnsDomain: cluster1.local
				  podSubnet: 10.244.0.0/16,fd00:10:244::/56
				  serviceSubnet: 10.112.0.0/12
				"""));

		assertThat(config).isEqualTo(new KubeadmConfig("10.244.0.0/16,fd00:10:244::/56", "10.112.0.0/12", "v1.29.1",
				"cluster1.local", "42"));
	}

	@Test
	void leavesOutWhatKubeadmDidNotRecord() {
		KubeadmConfig config = KubeadmConfigs.parse(kubeadmConfig("kind: ClusterConfiguration\n"));

		assertThat(config).isEqualTo(new KubeadmConfig(null, null, null, null, "42"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "networking: [unclosed", "- just\n- a list\n", "networking: 10.0.0.0/8\n",
			"networking:\n  podSubnet: [10.0.0.0/8]\n" })
	void refusesWhatIsNotAClusterConfiguration(String yaml) {
		assertThatThrownBy(() -> KubeadmConfigs.parse(kubeadmConfig(yaml))).isInstanceOfSatisfying(
				FabricException.class, ex -> {
					assertThat(ex.kind()).isEqualTo(Kind.INVALID_RESPONSE);
					assertThat(ex.getMessage()).contains("kube-system/kubeadm-config");
				});
	}

	@Test
	void refusesAConfigMapWithoutClusterConfiguration() {
		ConfigMap map = new ConfigMapBuilder(kubeadmConfig("kind: ClusterConfiguration")).withData(Map.of()).build();

		assertThatThrownBy(() -> KubeadmConfigs.parse(map)).isInstanceOfSatisfying(FabricException.class,
				ex -> assertThat(ex.kind()).isEqualTo(Kind.INVALID_RESPONSE));
	}

	private static ConfigMap kubeadmConfig(String clusterConfiguration) {
		return new ConfigMapBuilder().withNewMetadata()
			.withNamespace("kube-system")
			.withName("kubeadm-config")
			.withResourceVersion("42")
			.endMetadata()
			.addToData("ClusterConfiguration", clusterConfiguration)
			.build();
	}

}
