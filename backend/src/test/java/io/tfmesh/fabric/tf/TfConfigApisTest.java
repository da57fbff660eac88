package io.tfmesh.fabric.tf;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.tfmesh.fabric.ClusterAccess;
import io.tfmesh.fabric.ClusterAccessChanged;
import io.tfmesh.fabric.FabricSettings;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class TfConfigApisTest {

	private final TfConfigApis apis = new TfConfigApis(FabricSettings.defaults(), JsonMapper.builder().build(),
			Clock.systemUTC());

	@Test
	void keepsOneClientPerClusterUntilItsCredentialsChange() {
		TfConfigApi first = apis.forCluster(access(1, 7));
		assertThat(apis.forCluster(access(1, 7))).isSameAs(first);
		assertThat(apis.forCluster(access(2, 7))).isNotSameAs(first);
		TfConfigApi rebuilt = apis.forCluster(access(1, 8));
		assertThat(rebuilt).isNotSameAs(first).isInstanceOf(TfConfigApiClient.class);
		assertThat(apis.forCluster(access(1, 8))).isSameAs(rebuilt);
	}

	@Test
	void dropsTheClientOfAClusterThatIsDeletedOrChanged() {
		TfConfigApi first = apis.forCluster(access(1, 7));
		apis.forCluster(access(2, 7));

		apis.on(new ClusterAccessChanged(1, true));

		assertThat(apis.holds(1)).isFalse();
		assertThat(apis.holds(2)).isTrue();
		assertThat(apis.forCluster(access(1, 7))).isNotSameAs(first);
	}

	@Test
	void keepsAtMostThePoolSizeDroppingTheLeastRecentlyUsed() {
		TfConfigApis small = new TfConfigApis(new FabricSettings(Duration.ofSeconds(3), Duration.ofSeconds(10), 2,
				Duration.ofSeconds(20), Duration.ofMinutes(5), Duration.ofMillis(200), Duration.ofMillis(100),
				Duration.ofSeconds(2), 1, 2), JsonMapper.builder().build(), Clock.systemUTC());
		small.forCluster(access(1, 7));
		small.forCluster(access(2, 7));
		small.forCluster(access(1, 7));

		small.forCluster(access(3, 7));

		assertThat(small.openClients()).isEqualTo(2);
		assertThat(small.holds(2)).isFalse();
		assertThat(small.holds(1)).isTrue();
		assertThat(small.holds(3)).isTrue();
	}

	private static ClusterAccess access(long clusterId, long credentialsVersion) {
		return new ClusterAccess(clusterId, "aws-east",
				new ClusterAccess.Kubernetes("https://127.0.0.1:6443", null, "token", null),
				new ClusterAccess.TungstenFabric("http://127.0.0.1:8082", null), List.of("127.0.10.1"), "kube-system",
				List.of("env", "kube-manager-config"), credentialsVersion);
	}

}
