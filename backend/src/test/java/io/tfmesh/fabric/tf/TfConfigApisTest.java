package io.tfmesh.fabric.tf;

import java.time.Clock;
import java.util.List;

import io.tfmesh.fabric.ClusterAccess;
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

	private static ClusterAccess access(long clusterId, long credentialsVersion) {
		return new ClusterAccess(clusterId, "aws-east",
				new ClusterAccess.Kubernetes("https://127.0.0.1:6443", null, "token", null),
				new ClusterAccess.TungstenFabric("http://127.0.0.1:8082", null), List.of("127.0.10.1"), "kube-system",
				List.of("env", "kube-manager-config"), credentialsVersion);
	}

}
