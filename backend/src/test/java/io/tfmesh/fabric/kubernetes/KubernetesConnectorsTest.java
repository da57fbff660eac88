package io.tfmesh.fabric.kubernetes;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tfmesh.fabric.ClusterAccess;
import io.tfmesh.fabric.ClusterAccessChanged;
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
		connectors.forCluster(tokenAccess(1, 7));
		KubernetesClient first = client(1);

		connectors.forCluster(tokenAccess(1, 7));

		assertThat(client(1)).isSameAs(first);
		assertThat(first.getHttpClient().isClosed()).isFalse();
	}

	@Test
	void rebuildsTheClientAndClosesTheOldOneWhenTheCredentialsChange() {
		connectors.forCluster(tokenAccess(1, 7));
		KubernetesClient first = client(1);

		connectors.forCluster(kubeconfigAccess(1, 8));
		KubernetesClient second = client(1);

		assertThat(second).isNotSameAs(first);
		assertThat(first.getHttpClient().isClosed()).isTrue();
		assertThat(second.getHttpClient().isClosed()).isFalse();
		assertThat(second.getConfiguration().getAutoOAuthToken()).isEqualTo("kubeconfig-token-77aa");
		connectors.forCluster(kubeconfigAccess(1, 8));
		assertThat(client(1)).isSameAs(second);
	}

	@Test
	void aConnectorHeldAcrossACredentialChangeDoesNotDisplaceTheNewClient() {
		KubernetesConnector held = connectors.forCluster(tokenAccess(1, 7));
		connectors.forCluster(kubeconfigAccess(1, 8));
		KubernetesClient current = client(1);

		// nothing listens there: the call fails, on a client of its own made with the old token
		assertThatThrownBy(held::nodes).isInstanceOf(FabricException.class);

		assertThat(client(1)).isSameAs(current);
		assertThat(current.getHttpClient().isClosed()).isFalse();
		assertThat(connectors.openClients()).isEqualTo(1);
	}

	@Test
	void closesTheClientOfAClusterThatIsDeletedOrChanged() {
		connectors.forCluster(tokenAccess(1, 7));
		connectors.forCluster(tokenAccess(2, 7));
		KubernetesClient aws = client(1);

		connectors.on(new ClusterAccessChanged(1, true));

		assertThat(aws.getHttpClient().isClosed()).isTrue();
		assertThat(connectors.client(1)).isEmpty();
		assertThat(connectors.openClients()).isEqualTo(1);
		assertThat(client(2).getHttpClient().isClosed()).isFalse();
	}

	@Test
	void keepsAtMostThePoolSizeAndClosesTheLeastRecentlyUsed() {
		try (KubernetesConnectors small = new KubernetesConnectors(new FabricSettings(Duration.ofMillis(1500),
				Duration.ofMillis(4500), 2, Duration.ofSeconds(20), Duration.ofMinutes(5), Duration.ofMillis(200),
				Duration.ofMillis(100), Duration.ofSeconds(2), 1, 2))) {
			small.forCluster(tokenAccess(1, 7));
			small.forCluster(tokenAccess(2, 7));
			KubernetesClient first = small.client(1).orElseThrow().client();
			KubernetesClient second = small.client(2).orElseThrow().client();
			small.forCluster(tokenAccess(1, 7));

			small.forCluster(tokenAccess(3, 7));

			assertThat(small.openClients()).isEqualTo(2);
			assertThat(second.getHttpClient().isClosed()).isTrue();
			assertThat(small.client(2)).isEmpty();
			assertThat(first.getHttpClient().isClosed()).isFalse();
		}
	}

	@Test
	void clientsClosedByThePoolLeaveNoThreadsOrFileDescriptorsBehind() throws IOException {
		HttpServer apiServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		apiServer.createContext("/", exchange -> {
			byte[] body = "{\"kind\":\"NodeList\",\"apiVersion\":\"v1\",\"items\":[]}".getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		apiServer.start();
		String url = "http://127.0.0.1:" + apiServer.getAddress().getPort();
		try (KubernetesConnectors small = new KubernetesConnectors(new FabricSettings(Duration.ofMillis(1500),
				Duration.ofMillis(4500), 2, Duration.ofSeconds(20), Duration.ofMinutes(5), Duration.ofMillis(200),
				Duration.ofMillis(100), Duration.ofSeconds(2), 1, 2))) {
			// every event loop and the first clients in use before counting
			for (long id = 1; id <= 8; id++) {
				small.forCluster(access(id, 1, new ClusterAccess.Kubernetes(url, null, TOKEN, null))).nodes();
			}
			int threadsBefore = Thread.activeCount();
			long descriptorsBefore = openFileDescriptors();

			for (long id = 9; id <= 108; id++) {
				assertThat(small.forCluster(access(id, 1, new ClusterAccess.Kubernetes(url, null, TOKEN, null))).nodes())
					.isEmpty();
			}

			assertThat(small.openClients()).isEqualTo(2);
			// a hundred clients were built, used and closed: what they held is gone with them
			assertThat(Thread.activeCount()).isLessThanOrEqualTo(threadsBefore + KubernetesConnectors.HTTP_THREADS);
			assertThat(openFileDescriptors()).isLessThan(descriptorsBefore + 20);
		}
		finally {
			apiServer.stop(0);
		}
	}

	private static long openFileDescriptors() throws IOException {
		try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
			return descriptors.count();
		}
	}

	@Test
	void keepsOneClientPerClusterAndClosesAllOnShutdown() {
		connectors.forCluster(tokenAccess(1, 7));
		connectors.forCluster(tokenAccess(2, 7));
		KubernetesClient aws = client(1);
		KubernetesClient gcp = client(2);

		assertThat(gcp).isNotSameAs(aws);
		connectors.close();

		assertThat(aws.getHttpClient().isClosed()).isTrue();
		assertThat(gcp.getHttpClient().isClosed()).isTrue();
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
		connectors.forCluster(access);
		assertThat(client(1).getConfiguration().getCaCertData())
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

	private KubernetesClient client(long clusterId) {
		return connectors.client(clusterId).orElseThrow().client();
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
