package io.tfmesh.observe.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.tfmesh.TfmeshApplication;
import io.tfmesh.emulator.LoopbackNetworks;
import io.tfmesh.emulator.introspect.IntrospectEmulator;
import io.tfmesh.emulator.introspect.SandeshProcess;
import io.tfmesh.emulator.kubernetes.EmulatedKubernetes;
import io.tfmesh.emulator.kubernetes.KubernetesSeed;
import io.tfmesh.emulator.kubernetes.SeedNode;
import io.tfmesh.emulator.tf.TfConfigApiEmulator;
import io.tfmesh.fabric.FabricSettings;
import io.tfmesh.fabric.kubernetes.KubernetesConnectors;
import io.tfmesh.fabric.tf.TfConfigApis;
import io.tfmesh.inventory.ClusterRequest;
import io.tfmesh.inventory.ClusterService;
import io.tfmesh.support.Api;
import io.tfmesh.support.Fixtures;
import io.tfmesh.support.IntegrationTestSupport;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Registers 2,000 clusters in tfmesh's real application (embedded PostgreSQL, the scheduled
 * observation) and lets the scheduled observation run over them for two intervals, printing
 * the process's open file descriptors and live threads before, during (the peak) and after
 * each interval, and how many observations were stored in it. Three clusters in four point at one of a few emulated
 * clusters (Kubernetes API, TF config API, introspect), which answer; the rest at a port where
 * nothing listens, which refuses. The emulators run in the same process: their share is in the
 * figure taken before registration.
 *
 * <p>Run it with {@code ./mvnw -q -Pobserve-bench -DskipTests verify -pl backend -am}; optional
 * arguments: the number of clusters, then Spring properties such as
 * {@code --tfmesh.fabric.observe-interval=3m}.
 */
public final class ObservationBenchmark {

	private static final int EMULATED_CLUSTERS = 4;

	// the discard port: nothing listens there, so every connection is refused at once
	private static final String REFUSING = "http://127.0.0.1:9";

	private static final List<String> CONTROLLER_PODS = List.of("control", "config", "kubernetes", "analytics",
			"database", "config-database", "webui", "vrouter", "analytics-alarm", "analytics-snmp");

	private ObservationBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
		int clusterCount = args.length > 0 && !args[0].startsWith("--") ? Integer.parseInt(args[0]) : 2000;
		List<String> springArgs = new ArrayList<>(List.of("--server.port=0",
				"--tfmesh.admin.password=" + IntegrationTestSupport.ADMIN_PASSWORD, "--logging.level.root=WARN",
				// registering is the operator's doing, not what is measured
				"--tfmesh.security.login.max-failures-per-client=100000"));
		List<String> given = List.of(args).stream().filter(arg -> arg.startsWith("--")).toList();
		springArgs.addAll(given);
		if (given.stream().noneMatch(arg -> arg.startsWith("--tfmesh.fabric.observe-interval="))) {
			springArgs.add("--tfmesh.fabric.observe-interval=2m");
		}
		Path work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "observe-bench-");
		springArgs.add("--tfmesh.data-dir=" + work.resolve("tfmesh"));
		String network = LoopbackNetworks.reserve();
		JsonMapper emulatorJson = JsonMapper.builder().build();
		List<Emulated> emulated = new ArrayList<>();
		ExecutorService setup = Executors.newFixedThreadPool(8);
		try {
			for (int index = 0; index < EMULATED_CLUSTERS; index++) {
				emulated.add(Emulated.start("emulated-" + index, network + ".0." + (index + 1),
						work.resolve("emulated-" + index), emulatorJson));
			}
			try (ConfigurableApplicationContext tfmesh = new SpringApplicationBuilder(TfmeshApplication.class)
				.run(springArgs.toArray(String[]::new))) {
				run(tfmesh, clusterCount, emulated, setup);
			}
		}
		finally {
			setup.shutdownNow();
			emulated.forEach(Emulated::close);
		}
	}

	private static void run(ConfigurableApplicationContext tfmesh, int clusterCount, List<Emulated> emulated,
			ExecutorService setup) throws Exception {
		JdbcTemplate jdbc = tfmesh.getBean(JdbcTemplate.class);
		FabricSettings settings = tfmesh.getBean(FabricSettings.class);
		int port = ((WebServerApplicationContext) tfmesh).getWebServer().getPort();
		JsonMapper json = tfmesh.getBean(JsonMapper.class);
		Api admin = new Api("http://localhost:" + port, json).asAdmin();
		long cloudId = Fixtures.createCloud(admin, "bench-cloud");
		ClusterService clusters = tfmesh.getBean(ClusterService.class);

		System.out.printf(Locale.ROOT, "%nObservation benchmark: %d registered clusters, %d answering (%d emulated "
				+ "clusters behind them), %d refusing%n", clusterCount, answering(clusterCount), emulated.size(),
				clusterCount - answering(clusterCount));
		System.out.printf(Locale.ROOT, "JVM: %s %s, %d cores; tfmesh.fabric: observe-interval %s, "
				+ "observe-parallelism %d, client-pool-size %d, observation-timeout %s%n",
				System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
				Runtime.getRuntime().availableProcessors(), settings.observeInterval(), settings.observeParallelism(),
				settings.clientPoolSize(), settings.observationTimeout());
		ProcessResources before = ProcessResources.now();
		System.out.println(before.line("started, nothing registered"));
		System.out.println("  thread pools (2 or more threads): " + before.pools(2));

		Instant registering = Instant.now();
		List<Callable<Long>> registrations = new ArrayList<>();
		for (int index = 0; index < clusterCount; index++) {
			int at = index;
			registrations.add(() -> register(clusters, json, cloudId, at, emulated));
		}
		for (Future<Long> registered : setup.invokeAll(registrations)) {
			registered.get();
		}
		ProcessResources registered = ProcessResources.now();
		System.out.println(registered.line("registered (" + seconds(registering, Instant.now()) + " s)"));
		System.out.println("  thread pools (2 or more threads): " + registered.pools(2));

		KubernetesConnectors kubernetes = tfmesh.getBean(KubernetesConnectors.class);
		TfConfigApis tungstenFabric = tfmesh.getBean(TfConfigApis.class);
		ProcessResources after = null;
		for (int window = 1; window <= 2; window++) {
			Peak peak = Peak.sample();
			Instant since = Instant.now();
			Map<String, Object> figures = observeFor(jdbc, since, settings.observeInterval());
			ProcessResources highest = peak.stop();
			after = ProcessResources.now();
			System.out.printf(Locale.ROOT, "interval %d (%s s): %s observations stored of %s clusters (%s complete, "
					+ "%s of refusing clusters), %.1f a second; they took %s ms on average, %s ms at most%n", window,
					settings.observeInterval().toSeconds(), figures.get("observations"), figures.get("clusters"),
					figures.get("complete"), figures.get("refusing"),
					((Number) figures.get("observations")).doubleValue() / settings.observeInterval().toSeconds(),
					figures.get("mean_ms"), figures.get("max_ms"));
			System.out.println(highest.line("  peak during interval " + window));
			System.out.println(after.line("  after interval " + window));
			System.out.printf(Locale.ROOT, "  clients kept: %d Kubernetes, %d TF config API%n",
					kubernetes.openClients(), tungstenFabric.openClients());
			System.out.println("  thread pools at the peak (2 or more threads): " + highest.pools(2));
		}
		System.out.printf(Locale.ROOT, "grown since start: %+d fds, %+d threads%n",
				after.fileDescriptors() - before.fileDescriptors(), after.threads() - before.threads());
		System.out.println();
	}

	private static int answering(int clusterCount) {
		return clusterCount - clusterCount / 4;
	}

	/**
	 * Three clusters in four answer, through one of the emulated clusters; the fourth refuses.
	 * Registered through the inventory service, as the REST API does, without an HTTP request
	 * (and its password check) for each.
	 */
	private static long register(ClusterService clusters, JsonMapper json, long cloudId, int index,
			List<Emulated> emulated) {
		Map<String, Object> cluster = new LinkedHashMap<>();
		cluster.put("name", String.format(Locale.ROOT, "bench-%04d", index));
		cluster.put("cloudId", cloudId);
		if (index % 4 == 3) {
			cluster.put("kubernetes", Map.of("apiUrl", REFUSING, "auth", "token", "token", "bench-token"));
			cluster.put("tungstenFabric", Map.of("apiUrl", REFUSING, "auth", "noauth"));
		}
		else {
			Emulated target = emulated.get(index % emulated.size());
			cluster.put("kubernetes", Map.of("apiUrl", target.kubernetes.url(), "auth", "token", "token",
					"bench-token"));
			cluster.put("tungstenFabric", Map.of("apiUrl", target.tungstenFabric.url(), "auth", "noauth"));
			cluster.put("controlNodes", List.of(target.master));
		}
		return clusters.create(json.convertValue(cluster, ClusterRequest.class)).id();
	}

	/** Lets the scheduled observation run for one interval and sums up what it stored meanwhile. */
	private static Map<String, Object> observeFor(JdbcTemplate jdbc, Instant since, Duration interval)
			throws InterruptedException {
		TimeUnit.MILLISECONDS.sleep(interval.toMillis());
		return jdbc.queryForMap("""
				SELECT count(*) AS observations, count(DISTINCT o.cluster_id) AS clusters,
				       count(*) FILTER (WHERE o.complete) AS complete,
				       count(*) FILTER (WHERE c.k8s_api_url = ?) AS refusing,
				       round(avg(o.duration_ms)) AS mean_ms, max(o.duration_ms) AS max_ms
				FROM cluster_observation o JOIN cluster c ON c.id = o.cluster_id
				WHERE o.observed_at >= ? AND o.observed_at < ?""", REFUSING, Timestamp.from(since),
				Timestamp.from(since.plus(interval)));
	}

	private static String seconds(Instant from, Instant to) {
		return String.format(Locale.ROOT, "%.1f", Duration.between(from, to).toMillis() / 1000.0);
	}

	/** The highest figures seen, sampled every quarter of a second until stopped. */
	private static final class Peak {

		private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "bench-sampler");
			thread.setDaemon(true);
			return thread;
		});

		private final AtomicReference<ProcessResources> highest = new AtomicReference<>(ProcessResources.now());

		static Peak sample() {
			Peak peak = new Peak();
			peak.sampler.scheduleAtFixedRate(() -> peak.highest.accumulateAndGet(ProcessResources.now(),
					ProcessResources::max), 0, 250, TimeUnit.MILLISECONDS);
			return peak;
		}

		ProcessResources stop() {
			sampler.shutdownNow();
			return highest.get();
		}

	}

	/** One emulated cluster that many registered clusters point at: a master running every TF controller pod. */
	private record Emulated(String master, EmulatedKubernetes kubernetes, TfConfigApiEmulator tungstenFabric,
			IntrospectEmulator introspect) implements AutoCloseable {

		static Emulated start(String name, String master, Path stateDir, JsonMapper json) {
			EmulatedKubernetes kubernetes = EmulatedKubernetes.start("127.0.0.1", 0, stateDir);
			kubernetes.seed(new KubernetesSeed("v1.28.15", "10.32.0.0/12", "10.96.0.0/12", "cluster.local",
					List.of(new SeedNode(name + "-master", master,
							List.of("control-plane", "opencontrail.org/controller"))),
					Map.of("CONTROLLER_NODES", master, "VROUTER_GATEWAY", "10.0.0.1"),
					KubernetesSeed.kubeManagerConfig(master)));
			TfConfigApiEmulator tf = TfConfigApiEmulator.start("127.0.0.1", 0, stateDir.resolve("tf.json"), json);
			tf.provisionLikeKubeManager("k8s", List.of("10.32.0.0/12"), List.of("10.96.0.0/12"),
					List.of("10.64.0.0/12"));
			tf.provisionControl(64512, List.of(new TfConfigApiEmulator.BgpRouterSeed(name + "-master", master)));
			List<SandeshProcess> services = new ArrayList<>();
			CONTROLLER_PODS.forEach(pod -> services.addAll(SandeshProcess.ofPod(pod)));
			return new Emulated(master, kubernetes, tf, IntrospectEmulator.start(master, name + "-master", services));
		}

		@Override
		public void close() {
			introspect.close();
			tungstenFabric.close();
			kubernetes.close();
		}

	}

}
