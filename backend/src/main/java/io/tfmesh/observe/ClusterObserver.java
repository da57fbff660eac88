package io.tfmesh.observe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

import io.tfmesh.fabric.ClusterAccess;
import io.tfmesh.fabric.FabricException;
import io.tfmesh.fabric.FabricSettings;
import io.tfmesh.fabric.introspect.IntrospectClient;
import io.tfmesh.fabric.kubernetes.ClusterCounts;
import io.tfmesh.fabric.kubernetes.ConfigMapData;
import io.tfmesh.fabric.kubernetes.DaemonSetInfo;
import io.tfmesh.fabric.kubernetes.KubeadmConfig;
import io.tfmesh.fabric.kubernetes.KubernetesConnector;
import io.tfmesh.fabric.kubernetes.KubernetesConnectors;
import io.tfmesh.fabric.kubernetes.NamespaceInfo;
import io.tfmesh.fabric.kubernetes.NodeInfo;
import io.tfmesh.fabric.kubernetes.PodInfo;
import io.tfmesh.fabric.kubernetes.ServiceInfo;
import io.tfmesh.fabric.tf.GlobalSystemConfig;
import io.tfmesh.fabric.tf.NetworkIpam;
import io.tfmesh.fabric.tf.TfConfigApi;
import io.tfmesh.fabric.tf.TfConfigApis;
import io.tfmesh.fabric.tf.VirtualNetwork;
import io.tfmesh.observe.ObservedState.Forwarding;
import io.tfmesh.observe.ObservedState.ProcessHealth;
import io.tfmesh.observe.ObservedState.Setting;
import io.tfmesh.observe.ObservedState.SettingDrift;
import io.tfmesh.observe.ObservedState.SourceReading;
import io.tfmesh.observe.ObservedState.TfConfig;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Reads one cluster through its three APIs at once. Each source has to answer before the
 * observation's deadline; one that does not is reported as timed out and the observation goes
 * on without it, so a cluster that stops answering cannot hold it.
 */
@Component
class ClusterObserver {

	static final String KUBEADM = ObservedState.KUBEADM_SOURCE;

	static final String CONFIG_MAPS = "kubernetes/kube-manager-configmaps";

	static final String DAEMON_SETS = "kubernetes/tf-daemonsets";

	static final String NAMESPACES = "kubernetes/namespaces";

	static final String NODES = "kubernetes/nodes";

	static final String PODS = "kubernetes/tf-pods";

	static final String TF = "tungsten-fabric/config-api";

	static final String COUNTS = "kubernetes/counts";

	static final String SERVICES = "kubernetes/services";

	static final String INTROSPECT = "introspect";

	private final KubernetesConnectors kubernetes;

	private final TfConfigApis tungstenFabric;

	private final IntrospectClient introspect;

	private final Executor executor;

	private final FabricSettings settings;

	private final Clock clock;

	private final ProcessHealthReader healthReader;

	ClusterObserver(KubernetesConnectors kubernetes, TfConfigApis tungstenFabric, IntrospectClient introspect,
			@Qualifier("fabricExecutor") Executor executor, FabricSettings settings, Clock clock) {
		this.kubernetes = kubernetes;
		this.tungstenFabric = tungstenFabric;
		this.introspect = introspect;
		this.executor = executor;
		this.settings = settings;
		this.clock = clock;
		this.healthReader = new ProcessHealthReader(introspect, clock);
	}

	Observation observe(ClusterAccess access) {
		Instant start = clock.instant();
		Instant deadline = start.plus(settings.observationTimeout());
		KubernetesConnector k8s = kubernetes.forCluster(access);
		TfConfigApi tf = tungstenFabric.forCluster(access);

		Timed<Optional<KubeadmConfig>> kubeadm = timed(k8s::kubeadmConfig);
		Timed<List<DaemonSetInfo>> daemonSets = timed(() -> k8s.tfDaemonSets(access.kubeManagerNamespace()));
		// the ConfigMaps the DaemonSets refer to, once they are known; the configured ones either way
		Timed<List<ConfigMapData>> configMaps = timed(daemonSets.future.handle((found, error) -> found),
				found -> k8s.configMaps(access.kubeManagerNamespace(),
						ConsumerSettings.configMapNames(found, access.kubeManagerConfigMaps())));
		Timed<List<NodeInfo>> nodes = timed(k8s::nodes);
		Timed<List<PodInfo>> pods = timed(() -> k8s.tfPods(access.kubeManagerNamespace()));
		Timed<List<NamespaceInfo>> namespaces = timed(k8s::namespaces);
		Timed<TfConfig> tfConfig = timed(() -> readTf(tf));
		Timed<ClusterCounts> counts = timed(k8s::counts);
		Timed<List<ServiceInfo>> services = timed(k8s::services);
		CompletableFuture<List<ProcessHealth>> health = nodes.future.thenCombine(pods.future,
				(found, placed) -> healthReader.read(found, placed, access.introspect(), executor))
			.thenCompose(reading -> reading);

		Map<String, SourceReading> sources = new LinkedHashMap<>();
		Optional<KubeadmConfig> kubeadmResult = kubeadm.await(KUBEADM, deadline, sources).flatMap(found -> found);
		List<DaemonSetInfo> daemonSetResult = daemonSets.await(DAEMON_SETS, deadline, sources).orElse(null);
		List<ConfigMapData> configMapResult = configMaps.await(CONFIG_MAPS, deadline, sources).orElse(List.of())
			.stream()
			.map(ConfigMapMasking::mask)
			.toList();
		List<NodeInfo> nodeResult = nodes.await(NODES, deadline, sources).orElse(List.of());
		List<PodInfo> podResult = pods.await(PODS, deadline, sources).orElse(List.of());
		List<NamespaceInfo> namespaceResult = namespaces.await(NAMESPACES, deadline, sources).orElse(null);
		TfConfig tfResult = tfConfig.await(TF, deadline, sources).orElse(null);
		ClusterCounts countResult = counts.await(COUNTS, deadline, sources).orElse(null);
		List<ServiceInfo> serviceResult = services.await(SERVICES, deadline, sources).orElse(List.of());
		List<ProcessHealth> healthResult = awaitHealth(health, deadline, sources, nodes, pods);

		ConsumerSettings settings = ConsumerSettings.of(daemonSetResult, configMapResult, configMaps.succeeded(),
				access.kubeManagerConfigMaps());
		Forwarding forwarding = ForwardingReading.of(tfResult, settings.kubeManager(), namespaceResult);
		Duration took = Duration.between(start, clock.instant());
		return new Observation(start, took, List.copyOf(sources.values()), kubeadmResult.orElse(null), configMapResult,
				settings.kubeManager(), nodeResult, podResult, tfResult, healthResult, countResult,
				settings.vrouterAgent(), EffectiveSettings.drift(settings.kubeManager(), settings.vrouterAgent()),
				forwarding, (namespaceResult == null) ? List.of()
						: namespaceResult.stream().map(NamespaceInfo::name).toList(),
				serviceResult);
	}

	private static TfConfig readTf(TfConfigApi tf) {
		GlobalSystemConfig global = tf.globalSystemConfig();
		List<NetworkIpam> ipams = tf.networkIpams();
		List<VirtualNetwork> networks = tf.virtualNetworks();
		return new TfConfig(global.autonomousSystem(), ipams, networks, tf.bgpRouters(), tf.networkPolicies(),
				global.enable4ByteAs(), global.ibgpAutoMesh(), AddressUse.count(ipams, networks, tf.instanceIpAddresses()));
	}

	private List<ProcessHealth> awaitHealth(CompletableFuture<List<ProcessHealth>> health, Instant deadline,
			Map<String, SourceReading> sources, Timed<?> nodes, Timed<?> pods) {
		Instant start = clock.instant();
		if (!nodes.succeeded() || !pods.succeeded()) {
			sources.put(INTROSPECT, new SourceReading(INTROSPECT, "skipped", null,
					"needs the cluster's nodes and TF pods, which could not be read", 0));
			return List.of();
		}
		try {
			List<ProcessHealth> readings = health.get(remaining(deadline), TimeUnit.MILLISECONDS);
			sources.put(INTROSPECT, introspectReading(readings, millisSince(start)));
			return readings;
		}
		catch (TimeoutException ex) {
			health.cancel(true);
			sources.put(INTROSPECT, new SourceReading(INTROSPECT, "timeout", FabricException.Kind.TIMEOUT.name(),
					"did not answer within the observation's " + settings.observationTimeout().toSeconds() + "s",
					millisSince(start)));
		}
		catch (ExecutionException ex) {
			sources.put(INTROSPECT,
					new SourceReading(INTROSPECT, "failed", null, String.valueOf(ex.getCause()), millisSince(start)));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return List.of();
	}

	/**
	 * The introspect source is ok only when every process it asked answered; otherwise it says
	 * how many did not and why the first did not, and is {@code partial} while others answered.
	 */
	static SourceReading introspectReading(List<ProcessHealth> readings, long durationMs) {
		List<ProcessHealth> unread = readings.stream().filter(ProcessHealth::unread).toList();
		if (unread.isEmpty()) {
			return new SourceReading(INTROSPECT, "ok", null, null, durationMs);
		}
		long asked = readings.stream().filter(reading -> reading.source().startsWith("introspect ")).count();
		ProcessHealth first = unread.get(0);
		String message = unread.size() + " of " + asked + " introspect reads failed; " + first.service() + " on "
				+ first.node() + ": " + first.failure();
		return new SourceReading(INTROSPECT, (unread.size() < asked) ? "partial" : "failed", null, message,
				durationMs);
	}

	private long remaining(Instant deadline) {
		return Math.max(0, Duration.between(clock.instant(), deadline).toMillis());
	}

	private long millisSince(Instant start) {
		return Duration.between(start, clock.instant()).toMillis();
	}

	private <T> Timed<T> timed(Supplier<T> read) {
		return timed(CompletableFuture.supplyAsync(read, executor));
	}

	/** A read that starts once another has answered, with what it gave (null when it failed). */
	private <F, T> Timed<T> timed(CompletableFuture<F> first, Function<F, T> read) {
		return timed(first.thenApplyAsync(read, executor));
	}

	private <T> Timed<T> timed(CompletableFuture<T> future) {
		Instant start = clock.instant();
		CompletableFuture<Instant> finished = future.handle((value, error) -> clock.instant());
		return new Timed<>(start, future, finished);
	}

	/** A source being read, with when it started and finished. */
	private final class Timed<T> {

		private final Instant start;

		private final CompletableFuture<T> future;

		private final CompletableFuture<Instant> finished;

		private boolean succeeded;

		Timed(Instant start, CompletableFuture<T> future, CompletableFuture<Instant> finished) {
			this.start = start;
			this.future = future;
			this.finished = finished;
		}

		/** Waits until the deadline at most and records how the source answered. */
		Optional<T> await(String source, Instant deadline, Map<String, SourceReading> sources) {
			try {
				T value = future.get(remaining(deadline), TimeUnit.MILLISECONDS);
				sources.put(source, new SourceReading(source, "ok", null, null, took()));
				succeeded = true;
				return Optional.ofNullable(value);
			}
			catch (TimeoutException ex) {
				future.cancel(true);
				sources.put(source, new SourceReading(source, "timeout", FabricException.Kind.TIMEOUT.name(),
						"did not answer within the observation's " + settings.observationTimeout().toSeconds() + "s",
						millisSince(start)));
			}
			catch (ExecutionException ex) {
				Throwable cause = ex.getCause();
				if (cause instanceof FabricException fabric) {
					sources.put(source, new SourceReading(source, fabric.kind() == FabricException.Kind.TIMEOUT
							? "timeout" : "failed", fabric.kind().name(), fabric.getMessage(), took()));
				}
				else {
					sources.put(source, new SourceReading(source, "failed", FabricException.Kind.INVALID_RESPONSE.name(),
							String.valueOf(cause), took()));
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				sources.put(source, new SourceReading(source, "failed", null, "interrupted", millisSince(start)));
			}
			return Optional.empty();
		}

		boolean succeeded() {
			return succeeded;
		}

		private long took() {
			return Duration.between(start, finished.getNow(clock.instant())).toMillis();
		}

	}

	/**
	 * What the observer read, before it is stored with its revision.
	 *
	 * @param namespaces the names of every namespace, empty when they could not be read
	 * @param services every Service, empty when they could not be read
	 */
	record Observation(Instant observedAt, Duration duration, List<SourceReading> sources,
			@Nullable KubeadmConfig kubeadm, List<ConfigMapData> configMaps, List<Setting> kubeManager,
			List<NodeInfo> nodes, List<PodInfo> tfPods, @Nullable TfConfig tungstenFabric, List<ProcessHealth> health,
			@Nullable ClusterCounts counts, List<Setting> vrouterAgent, List<SettingDrift> settingDrift,
			Forwarding forwarding, List<String> namespaces, List<ServiceInfo> services) {

		boolean complete() {
			return sources.stream().allMatch(SourceReading::ok);
		}

	}

}
