package io.tfmesh.fabric.kubernetes;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tfmesh.fabric.ClusterAccess;
import io.tfmesh.fabric.FabricException;
import io.tfmesh.fabric.FabricException.Kind;
import io.tfmesh.fabric.FabricSettings;
import io.vertx.core.net.SelfSignedCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KubernetesConnectorsTest {

	private static final String API = "https://127.0.0.1:6443";

	private static final String TOKEN = "stored-token-1c9e";

	private static final String KUBECONFIG = """
			apiVersion: v1
			kind: Config
			clusters:
			- name: aws-east
			  cluster:
			    server: https://10.0.0.1:6443
			    insecure-skip-tls-verify: true
			users:
			- name: tfmesh
			  user:
			    token: kubeconfig-token-77aa
			contexts:
			- name: aws-east
			  context:
			    cluster: aws-east
			    user: tfmesh
			current-context: aws-east
			""";

	private final FabricSettings settings = new FabricSettings(Duration.ofMillis(1500), Duration.ofMillis(4500), 2,
			Duration.ofSeconds(20), Duration.ofMinutes(5));

	private final KubernetesConnectors connectors = new KubernetesConnectors(settings);

	@TempDir
	Path dir;

	@AfterEach
	void close() {
		connectors.close();
	}

	@Test
	void reusesTheClientWhileTheCredentialsStayTheSame() {
		KubernetesConnector first = connectors.forCluster(tokenAccess(1, 7));

		assertThat(connectors.forCluster(tokenAccess(1, 7))).isSameAs(first);
		assertThat(client(first).getHttpClient().isClosed()).isFalse();
	}

	@Test
	void rebuildsTheClientAndClosesTheOldOneWhenTheCredentialsChange() {
		KubernetesConnector first = connectors.forCluster(tokenAccess(1, 7));

		KubernetesConnector second = connectors.forCluster(kubeconfigAccess(1, 8));

		assertThat(second).isNotSameAs(first);
		assertThat(client(first).getHttpClient().isClosed()).isTrue();
		assertThat(client(second).getHttpClient().isClosed()).isFalse();
		assertThat(client(second).getConfiguration().getAutoOAuthToken()).isEqualTo("kubeconfig-token-77aa");
		assertThat(connectors.forCluster(kubeconfigAccess(1, 8))).isSameAs(second);
	}

	@Test
	void keepsOneClientPerClusterAndClosesAllOnShutdown() {
		KubernetesConnector aws = connectors.forCluster(tokenAccess(1, 7));
		KubernetesConnector gcp = connectors.forCluster(tokenAccess(2, 7));

		assertThat(gcp).isNotSameAs(aws);
		connectors.close();

		assertThat(client(aws).getHttpClient().isClosed()).isTrue();
		assertThat(client(gcp).getHttpClient().isClosed()).isTrue();
	}

	@Test
	void configuresATokenWithItsCaCertificateAndTheTimeBounds() throws Exception {
		SelfSignedCertificate certificate = SelfSignedCertificate.create("kubernetes");
		String pem = Files.readString(Path.of(certificate.certificatePath()));
		ClusterAccess access = access(1, 3, new ClusterAccess.Kubernetes(API, null, TOKEN, pem));

		Config config = KubernetesConnectors.config(access, settings);

		assertThat(config.getMasterUrl()).startsWith(API);
		assertThat(config.getOauthToken()).isEqualTo(TOKEN);
		assertThat(new String(Base64.getDecoder().decode(config.getCaCertData()), StandardCharsets.UTF_8))
			.isEqualTo(pem);
		assertThat(config.getConnectionTimeout()).isEqualTo(1500);
		assertThat(config.getRequestTimeout()).isEqualTo(4500);
		assertThat(config.getRequestRetryBackoffLimit()).isZero();
		assertThat(client(connectors.forCluster(access)).getConfiguration().getCaCertData())
			.isEqualTo(config.getCaCertData());
		certificate.delete();
	}

	@Test
	void takesTheKubeconfigsCredentialsButTheStoredApiUrl() {
		Config config = KubernetesConnectors.config(kubeconfigAccess(1, 1), settings);

		assertThat(config.getMasterUrl()).startsWith(API).doesNotContain("10.0.0.1");
		assertThat(config.getAutoOAuthToken()).isEqualTo("kubeconfig-token-77aa");
		assertThat(config.getRequestRetryBackoffLimit()).isZero();
	}

	@Test
	void ignoresTheMachinesOwnKubernetesConfiguration() throws Exception {
		Path machineKubeconfig = dir.resolve("config");
		Files.writeString(machineKubeconfig, KUBECONFIG.replace("kubeconfig-token-77aa", "machine-token"));
		System.setProperty("kubeconfig", machineKubeconfig.toString());
		System.setProperty("kubernetes.master", "https://machine.example:6443");
		System.setProperty("kubernetes.auth.token", "machine-token");
		try {
			Config config = KubernetesConnectors.config(tokenAccess(1, 1), settings);

			assertThat(config.getMasterUrl()).startsWith(API);
			assertThat(config.getOauthToken()).isEqualTo(TOKEN);
		}
		finally {
			System.clearProperty("kubeconfig");
			System.clearProperty("kubernetes.master");
			System.clearProperty("kubernetes.auth.token");
		}
	}

	@Test
	void refusesAClusterWithoutCredentials() {
		assertThatThrownBy(
				() -> connectors.forCluster(access(1, 1, new ClusterAccess.Kubernetes(API, null, null, null))))
			.isInstanceOfSatisfying(FabricException.class, ex -> assertThat(ex.kind()).isEqualTo(Kind.UNAUTHORIZED));
	}

	@Test
	void refusesAnUnreadableKubeconfigWithoutQuotingIt() {
		String broken = "users: [ {name: tfmesh, user: {token: secret-in-broken-file";
		ClusterAccess access = access(1, 1, new ClusterAccess.Kubernetes(API, broken, null, null));

		assertThatThrownBy(() -> connectors.forCluster(access))
			.isInstanceOfSatisfying(FabricException.class, ex -> {
				assertThat(ex.kind()).isEqualTo(Kind.BAD_REQUEST);
				assertThat(ex.getMessage()).contains("aws-east").doesNotContain("secret-in-broken-file");
			});
	}

	private static KubernetesClient client(KubernetesConnector connector) {
		return ((Fabric8KubernetesConnector) connector).client();
	}

	private static ClusterAccess tokenAccess(long clusterId, long credentialsVersion) {
		return access(clusterId, credentialsVersion, new ClusterAccess.Kubernetes(API, null, TOKEN, null));
	}

	private static ClusterAccess kubeconfigAccess(long clusterId, long credentialsVersion) {
		return access(clusterId, credentialsVersion, new ClusterAccess.Kubernetes(API, KUBECONFIG, null, null));
	}

	private static ClusterAccess access(long clusterId, long credentialsVersion, ClusterAccess.Kubernetes kubernetes) {
		return new ClusterAccess(clusterId, "aws-east", kubernetes,
				new ClusterAccess.TungstenFabric("http://127.0.0.1:8082", null), List.of("127.0.10.1"), "kube-system",
				List.of("env", "kube-manager-config"), credentialsVersion);
	}

}
