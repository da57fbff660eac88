package io.tfmesh.inventory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.tfmesh.fabric.ClusterAccess;
import io.tfmesh.fabric.FabricException;
import io.tfmesh.fabric.introspect.IntrospectClient;
import io.tfmesh.fabric.introspect.NodeStatus;
import io.tfmesh.fabric.introspect.TfService;
import io.tfmesh.fabric.kubernetes.ConfigMapData;
import io.tfmesh.fabric.kubernetes.KubernetesConnectors;
import io.tfmesh.fabric.tf.TfConfigApis;
import jakarta.annotation.PreDestroy;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * Tests a cluster's three connections at once, each with one small read through the connector
 * observation uses: a kube-manager ConfigMap from the Kubernetes API, the global-system-configs
 * from the TF config API, and the NodeStatus of the first control node's control process
 * (introspect port 8083). The whole test is bounded, so a silent cluster cannot hold a
 * registration.
 */
@Component
class ConnectionTester {

	static final String KUBERNETES = "kubernetes";

	static final String TUNGSTEN_FABRIC = "tungsten-fabric";

	static final String INTROSPECT = "introspect";

	private final KubernetesConnectors kubernetes;

	private final TfConfigApis tungstenFabric;

	private final IntrospectClient introspect;

	private final Duration timeout;

	private final ExecutorService executor;

	private final Clock clock;

	ConnectionTester(KubernetesConnectors kubernetes, TfConfigApis tungstenFabric, IntrospectClient introspect,
			OnboardingSettings settings, Clock clock) {
		this.clock = clock;
		this.kubernetes = kubernetes;
		this.tungstenFabric = tungstenFabric;
		this.introspect = introspect;
		this.timeout = settings.timeout();
		CustomizableThreadFactory threads = new CustomizableThreadFactory("onboarding-");
		threads.setDaemon(true);
		ThreadPoolExecutor pool = new ThreadPoolExecutor(6, 6, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
				threads);
		pool.allowCoreThreadTimeOut(true);
		this.executor = pool;
	}

	@PreDestroy
	void close() {
		executor.shutdownNow();
	}

	List<ConnectionCheck> test(ClusterAccess access) {
		Instant deadline = clock.instant().plus(timeout);
		String kubernetesTarget = access.kubernetes().apiUrl();
		String tfTarget = access.tungstenFabric().apiUrl();
		String control = access.controlNodes().isEmpty() ? null : access.controlNodes().get(0);
		int port = TfService.CONTROL.introspectPort().getAsInt();
		String introspectTarget = control == null ? "no control node listed" : control + ":" + port;
		CompletableFuture<ConnectionCheck> kubernetesCheck = start(KUBERNETES, kubernetesTarget,
				() -> kubernetes(access));
		CompletableFuture<ConnectionCheck> tfCheck = start(TUNGSTEN_FABRIC, tfTarget, () -> {
			int configs = tungstenFabric.forCluster(access).list("global-system-config").size();
			return "listed " + configs + " global-system-config" + (configs == 1 ? "" : "s");
		});
		CompletableFuture<ConnectionCheck> introspectCheck = (control == null)
				? CompletableFuture.completedFuture(new ConnectionCheck(INTROSPECT, introspectTarget, "skipped", null,
						"the cluster lists no control node whose introspect could be asked"))
				: start(INTROSPECT, introspectTarget, () -> {
					NodeStatus status = introspect.nodeStatus(control, port, access.introspect());
					return "the control process answered with its NodeStatus"
							+ (status.name().isEmpty() ? "" : " as " + status.name());
				});
		return List.of(await(kubernetesCheck, KUBERNETES, kubernetesTarget, deadline),
				await(tfCheck, TUNGSTEN_FABRIC, tfTarget, deadline),
				await(introspectCheck, INTROSPECT, introspectTarget, deadline));
	}

	private String kubernetes(ClusterAccess access) {
		String namespace = access.kubeManagerNamespace();
		String name = access.kubeManagerConfigMaps().isEmpty() ? "env" : access.kubeManagerConfigMaps().get(0);
		List<ConfigMapData> found = kubernetes.forCluster(access).configMaps(namespace, List.of(name));
		return found.isEmpty() ? "answered; ConfigMap " + namespace + "/" + name + " does not exist"
				: "read ConfigMap " + namespace + "/" + name;
	}

	private CompletableFuture<ConnectionCheck> start(String connection, String target, Supplier<String> read) {
		return CompletableFuture.supplyAsync(() -> {
			try {
				return new ConnectionCheck(connection, target, ConnectionCheck.OK, null, read.get());
			}
			catch (FabricException ex) {
				String status = ex.kind() == FabricException.Kind.TIMEOUT ? "timeout" : "failed";
				return new ConnectionCheck(connection, target, status, ex.kind().name(), ex.getMessage());
			}
		}, executor);
	}

	private ConnectionCheck await(CompletableFuture<ConnectionCheck> check, String connection, String target,
			Instant deadline) {
		try {
			return check.get(Math.max(0, Duration.between(clock.instant(), deadline).toMillis()), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			check.cancel(true);
			return new ConnectionCheck(connection, target, "timeout", FabricException.Kind.TIMEOUT.name(),
					"no answer within " + timeout.toMillis() + " ms");
		}
		catch (ExecutionException ex) {
			return new ConnectionCheck(connection, target, "failed", null, String.valueOf(ex.getCause()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new ConnectionCheck(connection, target, "failed", null, "interrupted");
		}
	}

}
