package io.tfmesh.fabric.kubernetes;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.tfmesh.fabric.ClusterAccess;
import io.tfmesh.fabric.FabricException;
import io.tfmesh.fabric.FabricException.Kind;
import io.tfmesh.fabric.FabricSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * One {@link KubernetesConnector} per cluster, built from the cluster's stored credentials and
 * kept until they change. Only those credentials are used: never the machine's
 * {@code ~/.kube/config}, environment or service account.
 */
@Component
public class KubernetesConnectors implements AutoCloseable {

	private final FabricSettings settings;

	private final Map<Long, Cached> connectors = new HashMap<>();

	public KubernetesConnectors(FabricSettings settings) {
		this.settings = settings;
	}

	/**
	 * @throws FabricException {@code UNAUTHORIZED} when the cluster has no Kubernetes
	 * credentials, {@code BAD_REQUEST} when its kubeconfig cannot be read
	 */
	public synchronized KubernetesConnector forCluster(ClusterAccess access) {
		Cached cached = connectors.get(access.clusterId());
		if (cached != null && cached.credentialsVersion() == access.credentialsVersion()) {
			return cached.connector();
		}
		Fabric8KubernetesConnector connector = build(access);
		connectors.put(access.clusterId(), new Cached(access.credentialsVersion(), connector));
		if (cached != null) {
			cached.connector().close();
		}
		return connector;
	}

	@Override
	public synchronized void close() {
		connectors.values().forEach(cached -> cached.connector().close());
		connectors.clear();
	}

	private Fabric8KubernetesConnector build(ClusterAccess access) {
		Config config = config(access, settings);
		try {
			return new Fabric8KubernetesConnector(new KubernetesClientBuilder().withConfig(config).build());
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

	private record Cached(long credentialsVersion, Fabric8KubernetesConnector connector) {
	}

}
