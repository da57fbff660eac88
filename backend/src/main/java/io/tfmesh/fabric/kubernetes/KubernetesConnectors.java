package io.tfmesh.fabric.kubernetes;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.vertx5.Vertx5HttpClientFactory;
import io.tfmesh.fabric.ClusterAccess;
import io.tfmesh.fabric.ClusterAccessChanged;
import io.tfmesh.fabric.FabricException;
import io.tfmesh.fabric.FabricException.Kind;
import io.tfmesh.fabric.FabricSettings;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The {@link KubernetesConnector} of each cluster, over fabric8 clients built from the
 * cluster's stored credentials. Only those credentials are used: never the machine's
 * {@code ~/.kube/config}, environment or service account.
 *
 * <p>What a fleet costs does not grow with its size: at most
 * {@code tfmesh.fabric.client-pool-size} clients are kept, the least recently used beyond that
 * are closed and built again when next needed, and every client sends and receives on the same
 * few event loops. A client is closed when its cluster is deleted or its endpoint or credentials
 * change; closing it closes its connections at once, and leaves no thread or selector behind
 * (a JDK HTTP client on Java 17 keeps its selector thread and sockets until it is collected).
 */
@Component
public class KubernetesConnectors implements AutoCloseable {

	/** Event loops that every client's requests and answers share: the waiting is done by the callers. */
	static final int HTTP_THREADS = 4;

	private final FabricSettings settings;

	private final ClientPool<Fabric8KubernetesConnector> clients;

	private final Vertx vertx;

	private final HttpClient.Factory httpClients;

	public KubernetesConnectors(FabricSettings settings) {
		this.settings = settings;
		this.clients = new ClientPool<>(settings.clientPoolSize());
		this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(HTTP_THREADS)
			.setWorkerPoolSize(HTTP_THREADS)
			.setInternalBlockingPoolSize(HTTP_THREADS)
			.setUseDaemonThread(true));
		// given its Vert.x, fabric8 leaves it open when a client closes
		this.httpClients = new Vertx5HttpClientFactory(vertx);
	}

	/**
	 * The cluster's connector. It holds no connection itself: each call borrows the cluster's
	 * pooled client, built again when it was closed since.
	 * @throws FabricException {@code UNAUTHORIZED} when the cluster has no Kubernetes
	 * credentials, {@code BAD_REQUEST} when its kubeconfig cannot be read
	 */
	public KubernetesConnector forCluster(ClusterAccess access) {
		// builds the client now, so that unusable credentials are refused here and not at the first call
		call(access, connector -> connector);
		return new PooledKubernetesConnector(access, this);
	}

	/** Closes the cluster's client once its calls in flight have returned. */
	public void release(long clusterId) {
		clients.remove(clusterId);
	}

	/** Once the change is committed: a client rebuilt before that would hold what was stored before. */
	@TransactionalEventListener(fallbackExecution = true)
	void on(ClusterAccessChanged changed) {
		release(changed.clusterId());
	}

	/** How many clusters have a client now. */
	public int openClients() {
		return clients.size();
	}

	@Override
	public void close() {
		clients.close();
		vertx.close();
	}

	<T> T call(ClusterAccess access, Function<KubernetesConnector, T> call) {
		return clients.call(access.clusterId(), access.credentialsVersion(), () -> build(access), call::apply);
	}

	Optional<Fabric8KubernetesConnector> client(long clusterId) {
		return clients.client(clusterId);
	}

	private Fabric8KubernetesConnector build(ClusterAccess access) {
		Config config = config(access, settings);
		try {
			return new Fabric8KubernetesConnector(
					new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(httpClients).build());
		}
		catch (KubernetesClientException ex) {
			// the TLS material could not be loaded: no connection can be made with it
			KubernetesFailures failures = new KubernetesFailures(config.getOauthToken(), config.getAutoOAuthToken());
			throw failures.failure(Kind.UNREACHABLE, 0, "cannot set up a Kubernetes client for cluster "
					+ access.clusterName() + " with its stored credentials", null);
		}
	}

	static Config config(ClusterAccess access, FabricSettings settings) {
		ClusterAccess.Kubernetes kubernetes = access.kubernetes();
		ConfigBuilder builder;
		if (hasText(kubernetes.kubeconfig())) {
			builder = new ConfigBuilder(fromKubeconfig(access));
		}
		else if (hasText(kubernetes.token())) {
			builder = new ConfigBuilder(Config.empty()).withOauthToken(kubernetes.token());
			if (hasText(kubernetes.caCertificate())) {
				builder.withCaCertData(Base64.getEncoder()
					.encodeToString(kubernetes.caCertificate().getBytes(StandardCharsets.UTF_8)));
			}
		}
		else {
			throw new FabricException(KubernetesFailures.SOURCE, Kind.UNAUTHORIZED, 0,
					"cluster " + access.clusterName() + " has no Kubernetes credentials (kubeconfig or token)");
		}
		if (hasText(kubernetes.apiUrl())) {
			builder.withMasterUrl(kubernetes.apiUrl());
		}
		return builder.withAutoConfigure(false)
			.withConnectionTimeout(millis(settings.connectTimeout()))
			.withRequestTimeout(millis(settings.requestTimeout()))
			// fabric8 retries failed requests with back-off by default, which would stretch a
			// call far beyond the request timeout
			.withRequestRetryBackoffLimit(0)
			.build();
	}

	private static Config fromKubeconfig(ClusterAccess access) {
		try {
			return Config.fromKubeconfig(access.kubernetes().kubeconfig());
		}
		catch (RuntimeException ex) {
			// the parser's message may quote the file, credentials included
			throw new FabricException(KubernetesFailures.SOURCE, Kind.BAD_REQUEST, 0,
					"the kubeconfig stored for cluster " + access.clusterName() + " cannot be read");
		}
	}

	private static int millis(Duration duration) {
		return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
	}

	private static boolean hasText(@Nullable String text) {
		return text != null && !text.isBlank();
	}

}
